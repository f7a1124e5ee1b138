import type { ModelsCheckReport } from "./checkModels.ts";

/**
 * The report of `silo models check --json` for scripts: `ready`, the Region and where it came from, one
 * entry per model and Region with Bedrock's statuses as it spells them, the verdict and each problem
 * (`kind`, `blocking`, `problem`, `fix`), and the model ids the catalogue refuses.
 *
 * @example
 * JSON.parse(formatModelsCheckJson(report)).models[0].verdict; // "ready"
 */
export function formatModelsCheckJson(report: ModelsCheckReport): string {
  const models = report.results.map(({ target, availability, verdict, problems }) => ({
    modelId: target.foundationModelId,
    region: target.region,
    calling: target.calling,
    onDemand: target.onDemand,
    type: target.type,
    tenants: target.tenants,
    modelIds: target.modelIds,
    ...(availability.found
      ? {
          found: true,
          authorizationStatus: availability.authorizationStatus ?? null,
          entitlementAvailability: availability.entitlementAvailability ?? null,
          regionAvailability: availability.regionAvailability ?? null,
          agreementStatus: availability.agreementStatus ?? null,
          ...(availability.agreementErrorMessage === undefined
            ? {}
            : { agreementErrorMessage: availability.agreementErrorMessage }),
        }
      : { found: false, notFound: availability.message }),
    verdict,
    problems,
  }));
  return `${JSON.stringify(
    {
      ready: report.ready,
      region: report.region,
      regionSource: report.regionSource,
      models,
      placementProblems: report.placementProblems,
    },
    null,
    2,
  )}\n`;
}
