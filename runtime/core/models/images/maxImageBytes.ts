/**
 * Largest image the platform passes to a model: Bedrock Converse's limit of 3.75 MB per image, the
 * tightest of the kit's providers, so an image accepted here is accepted by every one of them.
 */
export const maxImageBytes = 3_750_000;
