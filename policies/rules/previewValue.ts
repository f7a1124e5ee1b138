/** A property read from a stack resource: its value, or unknown until the update (a preview's computed value). */
export type PreviewValue = { readonly known: true; readonly value: unknown } | { readonly known: false };

/**
 * Whether an error is @pulumi/policy's `UnknownValueError`: during `pulumi preview` the analyzer wraps every
 * resource's properties in a proxy that throws it when a policy reads a value the engine does not know yet
 * (an ARN or id of a resource not created). Told apart by shape, as the class is internal to the package.
 */
export function isUnknownValueError(error: unknown): boolean {
  return error instanceof Error && "unknownTypeSentinel" in error;
}

/**
 * Reads a property of a stack resource without letting a preview's unknown value end the whole stack rule:
 * the analyzer turns an uncaught `UnknownValueError` into one advisory "can't run during preview" for the
 * rule, which would skip every other resource. Any other error is rethrown.
 *
 * @example
 * const kmsKeyId = previewValue(() => secret.props.kmsKeyId);
 * if (!kmsKeyId.known) return; // computed from a resource the preview has not created
 */
export function previewValue(read: () => unknown): PreviewValue {
  try {
    return { known: true, value: read() };
  } catch (error) {
    if (isUnknownValueError(error)) return { known: false };
    throw error;
  }
}
