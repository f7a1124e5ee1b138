/**
 * The number nearest 0 that a number or integer schema allows (`minimum`, `maximum`, their exclusive forms
 * in draft-06+ and draft-04 spelling, `multipleOf`), for `exampleFromSchema`: 0 when allowed, else the
 * allowed value nearest the bound on 0's side, else the middle of the range.
 *
 * @example
 * exampleNumber({ minimum: 7, multipleOf: 5 }, true); // { value: 10 }
 * exampleNumber({ exclusiveMinimum: 0 }, false); // { value: 1 }
 */
export function exampleNumber(
  schema: Readonly<Record<string, unknown>>,
  integer: boolean,
): { readonly value: number } | { readonly problem: string } {
  const { lower, lowerExclusive, upper, upperExclusive } = bounds(schema);
  const step = typeof schema.multipleOf === "number" && schema.multipleOf > 0 ? schema.multipleOf : undefined;
  const fits = (value: number) =>
    (lowerExclusive ? value > lower : value >= lower) &&
    (upperExclusive ? value < upper : value <= upper) &&
    (!integer || Number.isInteger(value)) &&
    // Rounded, so 0.3 counts as a multiple of 0.1 despite floating point.
    (step === undefined || Number.isInteger(Number((value / step).toPrecision(12))));
  let candidates = [0];
  if (Number.isFinite(lower)) {
    const start = integer ? (lowerExclusive ? Math.floor(lower) + 1 : Math.ceil(lower)) : lower;
    const snapped = step === undefined ? start : Math.ceil(start / step) * step;
    candidates = [0, snapped, snapped + (step ?? 1), (lower + upper) / 2];
  } else if (Number.isFinite(upper)) {
    const start = integer ? (upperExclusive ? Math.ceil(upper) - 1 : Math.floor(upper)) : upper;
    const snapped = step === undefined ? start : Math.floor(start / step) * step;
    candidates = [0, snapped, snapped - (step ?? 1)];
  }
  const value = candidates.find(fits);
  return value === undefined
    ? { problem: `no ${integer ? "integer" : "number"} fits the bounds` }
    : { value };
}

/** The numeric bounds, with draft-04's boolean `exclusiveMinimum`/`exclusiveMaximum` read as well. */
function bounds(schema: Readonly<Record<string, unknown>>) {
  let lower = Number.NEGATIVE_INFINITY;
  let lowerExclusive = false;
  let upper = Number.POSITIVE_INFINITY;
  let upperExclusive = false;
  if (typeof schema.minimum === "number") {
    lower = schema.minimum;
    lowerExclusive = schema.exclusiveMinimum === true;
  }
  if (typeof schema.exclusiveMinimum === "number" && schema.exclusiveMinimum >= lower) {
    lower = schema.exclusiveMinimum;
    lowerExclusive = true;
  }
  if (typeof schema.maximum === "number") {
    upper = schema.maximum;
    upperExclusive = schema.exclusiveMaximum === true;
  }
  if (typeof schema.exclusiveMaximum === "number" && schema.exclusiveMaximum <= upper) {
    upper = schema.exclusiveMaximum;
    upperExclusive = true;
  }
  return { lower, lowerExclusive, upper, upperExclusive };
}
