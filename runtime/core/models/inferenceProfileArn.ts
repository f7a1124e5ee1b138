/**
 * The shape of a Bedrock application inference profile ARN. Its own module so that code checking ARNs at
 * cold start does not load the Bedrock SDK.
 */
export const applicationInferenceProfileArnPattern =
  /^arn:aws(?:-[a-z]+)*:bedrock:[a-z0-9-]+:\d{12}:application-inference-profile\/[a-z0-9]+$/;
