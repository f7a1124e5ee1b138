import { catalogueEntry, profileAdvice } from "../../core/models/catalogue/placeBedrockModel.ts";
import type { ModelAvailability } from "./modelAvailability.ts";
import type { ModelCheckTarget } from "./modelCheckTargets.ts";
import { modelFamily } from "./modelFamily.ts";

/** One prerequisite of a model that Bedrock reports missing, with what to do. */
export interface ModelCheckProblem {
  /** A stable name for scripts. */
  readonly kind:
    | "use-case-form"
    | "not-authorized"
    | "subscription"
    | "agreement"
    | "agreement-pending"
    | "agreement-failed"
    | "not-in-region"
    | "routed-region";
  /** False for what only warns (a Region a profile routes to that Bedrock does not list): exit 0 still. */
  readonly blocking: boolean;
  /** What Bedrock said, in words. */
  readonly problem: string;
  readonly fix: string;
}

/** The verdict on one model in one Region. */
export interface ModelCheckJudgement {
  readonly verdict: "ready" | "not-ready" | "warning";
  readonly problems: readonly ModelCheckProblem[];
}

const modelAccessDoc = "https://docs.aws.amazon.com/bedrock/latest/userguide/model-access.html";

/**
 * Whether tenants can call the model in the Region as Bedrock reports it, and for each missing prerequisite
 * the fix for the model's family (modelFamily.ts): Anthropic's use-case form (PutUseCaseForModelAccess), an
 * AWS Marketplace subscription made by an administrator's first invocation, the model's agreement, or a
 * model not offered in the Region (name it by a cross-Region profile). Ready means AUTHORIZED, entitlement
 * and Region AVAILABLE, and the agreement AVAILABLE or not reported.
 *
 * @example
 * judgeModelAvailability(target, { found: true, authorizationStatus: "NOT_AUTHORIZED", ... }).problems[0].kind;
 * // "use-case-form" (for an Anthropic model)
 */
export function judgeModelAvailability(
  target: ModelCheckTarget,
  availability: ModelAvailability,
  callingRegion: string = target.region,
): ModelCheckJudgement {
  const problems = availability.found
    ? statusProblems(target, availability, callingRegion)
    : [
        regionProblem(
          target,
          `Bedrock does not know the model in ${target.region} (${availability.message})`,
        ),
      ];
  const verdict = problems.some((problem) => problem.blocking)
    ? "not-ready"
    : problems.length > 0
      ? "warning"
      : "ready";
  return { verdict, problems };
}

function statusProblems(
  target: ModelCheckTarget,
  availability: Extract<ModelAvailability, { found: true }>,
  callingRegion: string,
): ModelCheckProblem[] {
  const family = modelFamily(target.foundationModelId);
  const problems: ModelCheckProblem[] = [];
  if (availability.regionAvailability !== "AVAILABLE") {
    problems.push(
      regionProblem(target, `regionAvailability is ${availability.regionAvailability ?? "not reported"}`),
    );
  }
  if (availability.authorizationStatus !== "AUTHORIZED") {
    const said = `authorizationStatus is ${availability.authorizationStatus ?? "not reported"}`;
    problems.push(
      family === "anthropic"
        ? {
            kind: "use-case-form",
            blocking: true,
            problem: `${said}: the account has not submitted Anthropic's use-case form`,
            fix:
              "submit it once for the account (or once from the AWS Organization's management account): in the " +
              "Bedrock console open a Claude model from the model catalog and fill in the form, or run " +
              "`aws bedrock put-use-case-for-model-access --form-data fileb://use-case.json` (PutUseCaseForModelAccess; " +
              "the JSON has companyName, companyWebsite, intendedUsers, industryOption, otherIndustryOption, useCases)",
          }
        : {
            kind: "not-authorized",
            blocking: true,
            problem: `${said}: Bedrock does not authorize the account for this model`,
            fix:
              "look for a service control policy or a private marketplace of the AWS Organization that blocks the " +
              `model, and ask its administrator to allow it (${modelAccessDoc})`,
          },
    );
  }
  if (availability.entitlementAvailability !== "AVAILABLE") {
    problems.push({
      kind: "subscription",
      blocking: true,
      problem: `entitlementAvailability is ${availability.entitlementAvailability ?? "not reported"}: ${
        family === "amazon"
          ? "the account is not entitled to the model yet"
          : "the account has no AWS Marketplace subscription to the model yet"
      }`,
      fix: firstInvocationFix(target, family, callingRegion),
    });
  }
  problems.push(...agreementProblems(target, availability, callingRegion));
  return problems;
}

function agreementProblems(
  target: ModelCheckTarget,
  availability: Extract<ModelAvailability, { found: true }>,
  callingRegion: string,
): ModelCheckProblem[] {
  const status = availability.agreementStatus;
  if (status === undefined || status === "AVAILABLE") return [];
  if (status === "PENDING") {
    return [
      {
        kind: "agreement-pending",
        blocking: true,
        problem: "agreementAvailability.status is PENDING: the model's agreement is being set up",
        fix: "wait (AWS takes up to 15 minutes after the first invocation or CreateFoundationModelAgreement) and run this check again",
      },
    ];
  }
  if (status === "ERROR") {
    return [
      {
        kind: "agreement-failed",
        blocking: true,
        problem: `agreementAvailability.status is ERROR${
          availability.agreementErrorMessage === undefined ? "" : ` (${availability.agreementErrorMessage})`
        }`,
        fix:
          "give the account a valid payment method for AWS Marketplace purchases and make sure no private " +
          `marketplace blocks the model, then ${firstInvocationFix(target, modelFamily(target.foundationModelId), callingRegion)}`,
      },
    ];
  }
  const model = target.foundationModelId;
  return [
    {
      kind: "agreement",
      blocking: true,
      problem: `agreementAvailability.status is ${status}: the account has not accepted the model's offer`,
      fix:
        `an administrator allowed aws-marketplace:Subscribe accepts it: \`aws bedrock list-foundation-model-agreement-offers --model-id ${model} --region ${callingRegion}\`, ` +
        `then \`aws bedrock create-foundation-model-agreement --model-id ${model} --offer-token <offerToken> --region ${callingRegion}\`` +
        " (or invokes the model once, which creates it)",
    },
  ];
}

/** An administrator's first call subscribes the account; tenants' roles have no Marketplace permissions. */
function firstInvocationFix(
  target: ModelCheckTarget,
  family: ReturnType<typeof modelFamily>,
  callingRegion: string,
): string {
  const call = firstCall(target, callingRegion);
  if (family === "amazon") {
    return `invoke the model once as an administrator (console playground, or \`${call}\`) and check that no service control policy denies it`;
  }
  return (
    "an administrator allowed aws-marketplace:Subscribe, aws-marketplace:Unsubscribe and " +
    `aws-marketplace:ViewSubscriptions invokes the model once (console playground, or \`${call}\`); the ` +
    "subscription completes within 15 minutes. The tenants' roles have no Marketplace permissions, on purpose"
  );
}

/**
 * One call that invokes the model as the tenants do: Converse for a chat model; InvokeModel with the
 * provider's embedding body for an embedding model (Converse does not take embedding models).
 */
function firstCall(target: ModelCheckTarget, callingRegion: string): string {
  const modelId = target.modelIds[0] ?? target.foundationModelId;
  if (target.type === "chat") {
    return (
      `aws bedrock-runtime converse --region ${callingRegion} --model-id ${modelId} ` +
      `--messages '[{"role":"user","content":[{"text":"hello"}]}]'`
    );
  }
  const provider = target.foundationModelId.slice(0, target.foundationModelId.indexOf("."));
  const body =
    provider === "cohere"
      ? '{"texts":["hello"],"input_type":"search_document"}'
      : provider === "amazon"
        ? '{"inputText":"hello"}'
        : "<the model's request body>";
  return (
    `aws bedrock-runtime invoke-model --region ${callingRegion} --model-id ${modelId} ` +
    `--body '${body}' --cli-binary-format raw-in-base64-out /dev/stdout`
  );
}

/** Not offered in the Region: blocking where tenants call it by its own id, a warning where a profile serves it. */
function regionProblem(target: ModelCheckTarget, said: string): ModelCheckProblem {
  if (target.calling && target.onDemand) {
    const entry = catalogueEntry(target.foundationModelId);
    return {
      kind: "not-in-region",
      blocking: true,
      problem: `${said}: the model is not offered on demand in ${target.region}`,
      fix:
        entry === undefined
          ? `name it by a cross-Region inference profile callable from ${target.region} (us., eu., apac., ... + the model id) or deploy in a Region that offers it`
          : profileAdvice(entry, target.region),
    };
  }
  if (target.calling) {
    return {
      // A cross-Region profile serves the model from its geography, so the foundation model's own
      // availability here does not decide; the profile's does.
      kind: "not-in-region",
      blocking: false,
      problem: `${said} in ${target.region}, where the tenants call it through ${target.modelIds.join(", ")}`,
      fix: `confirm the profile is callable from ${target.region}: \`aws bedrock get-inference-profile --inference-profile-identifier ${target.modelIds[0] ?? target.foundationModelId} --region ${target.region}\``,
    };
  }
  return {
    kind: "routed-region",
    blocking: false,
    problem: `${said}, though the model catalogue routes ${target.modelIds.join(", ")} there`,
    fix:
      "calls Bedrock routes to this Region could fail: compare the model's entry in " +
      "runtime/core/models/catalogue/bedrockModelCatalogue.ts with " +
      "https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-support.html and correct it",
  };
}
