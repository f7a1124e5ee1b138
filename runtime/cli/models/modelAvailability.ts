/**
 * What Bedrock's control plane answers for one foundation model in one Region (GetFoundationModelAvailability,
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_GetFoundationModelAvailability.html), or that
 * it does not know the model there. Statuses are kept as Bedrock spells them, so a value AWS adds later still
 * reaches the report.
 */
export type ModelAvailability =
  | {
      readonly found: true;
      /** `AUTHORIZED` or `NOT_AUTHORIZED` (for Anthropic: the use-case form). */
      readonly authorizationStatus?: string;
      /** `AVAILABLE` or `NOT_AVAILABLE` (the account's entitlement, an AWS Marketplace subscription). */
      readonly entitlementAvailability?: string;
      /** `AVAILABLE` or `NOT_AVAILABLE` (the model is offered in the Region). */
      readonly regionAvailability?: string;
      /** `AVAILABLE`, `PENDING`, `NOT_AVAILABLE` or `ERROR`; absent when Bedrock gives no agreement. */
      readonly agreementStatus?: string;
      /** Bedrock's `agreementAvailability.errorMessage`, when it gives one. */
      readonly agreementErrorMessage?: string;
    }
  | {
      /** Bedrock answered ResourceNotFoundException or ValidationException for the model id in the Region. */
      readonly found: false;
      readonly message: string;
    };
