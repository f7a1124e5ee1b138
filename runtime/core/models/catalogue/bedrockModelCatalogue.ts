/**
 * The Bedrock model catalogue: data only, no logic. It is the one place the kit records, per foundation
 * model, where the model can be invoked on demand and which system-defined cross-Region inference profiles
 * it has (with their source and destination Regions). `placeBedrockModel.ts` reads it to choose an
 * application inference profile's source (`modelSource.copyFrom`), to name every Region IAM must allow the
 * foundation model in, and to refuse a tenant's model id that AWS would refuse at `pulumi up`.
 *
 * Read from the AWS documentation on 2026-12-05 (see each entry's `sources`):
 * - https://docs.aws.amazon.com/bedrock/latest/userguide/models-supported.html (on-demand Regions),
 * - https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-support.html (profile Regions),
 * - https://docs.aws.amazon.com/bedrock/latest/userguide/models-regions.html and the model cards
 *   (.../model-card-*.html), the batch-inference table (.../batch-inference-supported.html) as a cross-check,
 *   and .../model-lifecycle.html for end-of-life dates.
 *
 * Conventions and known limits of this table:
 * - `destinationRegions` is the union over all source Regions. AWS documents that some profiles route to
 *   different destinations depending on the source Region (a superset here only widens IAM, never breaks a
 *   call).
 * - `global.` profiles are not listed: their destinations are "all commercial Regions", which cannot be named
 *   one by one, and the kit's IAM names every destination (never `*`).
 * - Where an entry's values could not be re-read in full from the stored copy of the page on that date, its
 *   comment says so ("UNVERIFIED") and which page the value follows. Several Claude versions listed here had
 *   reached, or were past, their Bedrock end-of-life date on 2026-12-05: see each entry's comment.
 *
 * Keep the Region codes exact (`us-east-1`, ...) and sort each list, so diffs against the docs stay readable.
 */

/** A geography prefix of system-defined cross-Region inference profile ids (`us.`, `eu.`, ...). */
export type BedrockGeography = "us" | "us-gov" | "eu" | "apac" | "jp" | "au" | "ca" | "global";

/** One system-defined cross-Region inference profile of a model. */
export interface CrossRegionProfile {
  /** Regions a caller may invoke the profile from. */
  readonly sourceRegions: readonly string[];
  /** Regions a call may be routed to (IAM must allow the foundation model in each). */
  readonly destinationRegions: readonly string[];
}

/** What the kit needs to know of one Bedrock model. */
export interface BedrockCatalogueEntry {
  /** The foundation model id, e.g. `anthropic.claude-sonnet-4-20250514-v1:0`. */
  readonly modelId: string;
  readonly kind: "chat" | "embedding";
  /** Regions where the model can be invoked on demand by its foundation-model id ([] when only through profiles). */
  readonly onDemandRegions: readonly string[];
  /** Its system-defined cross-Region inference profiles, by geography. */
  readonly crossRegionProfiles: Readonly<Partial<Record<BedrockGeography, CrossRegionProfile>>>;
  /** The AWS documentation page(s) the entry was taken from. */
  readonly sources: readonly string[];
}

const docs = "https://docs.aws.amazon.com/bedrock/latest/userguide";
const modelsSupported = `${docs}/models-supported.html`;
const inferenceProfilesSupport = `${docs}/inference-profiles-support.html`;
const batchInferenceSupported = `${docs}/batch-inference-supported.html`;
const modelLifecycle = `${docs}/model-lifecycle.html`;

/** The US geography of most `us.` profiles: Virginia, Ohio, Oregon. */
const usThree = ["us-east-1", "us-east-2", "us-west-2"] as const;
/** The US geography of the Claude 4 generation's `us.` profiles, which add N. California. */
const usFour = ["us-east-1", "us-east-2", "us-west-1", "us-west-2"] as const;
/** The EU geography of the Claude 4 generation's and Nova's `eu.` profiles. */
const euSix = ["eu-central-1", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-3"] as const;
/** The APAC geography of Nova's `apac.` profiles (as the batch-inference table lists them). */
const apacNova = [
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-south-1",
  "ap-southeast-1",
  "ap-southeast-2",
] as const;

/** The same Regions as source and destination (a profile that may route anywhere in its geography). */
const within = (regions: readonly string[]): CrossRegionProfile => ({
  sourceRegions: regions,
  destinationRegions: regions,
});

/** Amazon Nova understanding models (Micro, Lite, Pro) share their Regions. */
const novaProfiles: BedrockCatalogueEntry["crossRegionProfiles"] = {
  us: within(usThree),
  eu: within(euSix),
  apac: within(apacNova),
};

export const bedrockModelCatalogue: readonly BedrockCatalogueEntry[] = [
  // Claude Sonnet 4: no on-demand throughput anywhere (AWS answers "Invocation of model ID ... with
  // on-demand throughput isn't supported"); only through us./eu./apac. (and global.) profiles.
  // UNVERIFIED: the Region lists follow inference-profiles-support.html as last read in full, not re-read
  // from the stored copy on 2026-12-05. LIFECYCLE: the model card gives "Legacy (specific Regions)" with a
  // Bedrock EOL date of 2026-10-14, i.e. already past on 2026-12-05 at least in some Regions.
  {
    modelId: "anthropic.claude-sonnet-4-20250514-v1:0",
    kind: "chat",
    onDemandRegions: [],
    crossRegionProfiles: {
      us: within(usFour),
      eu: within(euSix),
      apac: within([
        "ap-northeast-1",
        "ap-northeast-2",
        "ap-northeast-3",
        "ap-south-1",
        "ap-south-2",
        "ap-southeast-1",
        "ap-southeast-2",
        "ap-southeast-4",
      ]),
    },
    sources: [inferenceProfilesSupport, modelsSupported, `${docs}/model-card-anthropic-claude-sonnet-4.html`],
  },
  // Claude Sonnet 4.5: no on-demand throughput; us./eu./jp./au. (and global.) profiles. jp. stays in
  // Tokyo and Osaka, au. in Sydney and Melbourne.
  // UNVERIFIED: Region lists follow inference-profiles-support.html as last read in full; the eu. list may
  // since have grown (profiles are immutable, AWS adds new ones instead).
  {
    modelId: "anthropic.claude-sonnet-4-5-20250929-v1:0",
    kind: "chat",
    onDemandRegions: [],
    crossRegionProfiles: {
      us: within(usFour),
      eu: within(euSix),
      jp: within(["ap-northeast-1", "ap-northeast-3"]),
      au: within(["ap-southeast-2", "ap-southeast-4"]),
    },
    sources: [
      inferenceProfilesSupport,
      modelsSupported,
      `${docs}/model-card-anthropic-claude-sonnet-4-5.html`,
    ],
  },
  // Claude 3.7 Sonnet: no on-demand throughput (AWS refuses the bare id); us./eu./apac. profiles.
  // UNVERIFIED: Region lists follow inference-profiles-support.html as last read in full. LIFECYCLE: past
  // its Bedrock EOL (2026-04-28, per model-lifecycle.html as reported by third parties; not re-read).
  {
    modelId: "anthropic.claude-3-7-sonnet-20250219-v1:0",
    kind: "chat",
    onDemandRegions: [],
    crossRegionProfiles: {
      us: within(usThree),
      eu: within(["eu-central-1", "eu-north-1", "eu-west-1", "eu-west-3"]),
      apac: within([
        "ap-northeast-1",
        "ap-northeast-2",
        "ap-northeast-3",
        "ap-south-1",
        "ap-south-2",
        "ap-southeast-1",
        "ap-southeast-2",
        "ap-southeast-4",
      ]),
    },
    sources: [inferenceProfilesSupport, modelsSupported, modelLifecycle],
  },
  // Claude 3.5 Sonnet v2: on demand in us-west-2 and ap-southeast-2 (the other Regions models-supported.html
  // lists carry its "only through cross-Region inference" asterisk); us. and apac. profiles.
  // UNVERIFIED: on-demand Regions and profile lists follow models-supported.html and
  // inference-profiles-support.html as last read in full. LIFECYCLE: past its Bedrock EOL (announced for
  // 2026-03-01; not re-read from model-lifecycle.html).
  {
    modelId: "anthropic.claude-3-5-sonnet-20241022-v2:0",
    kind: "chat",
    onDemandRegions: ["ap-southeast-2", "us-west-2"],
    crossRegionProfiles: {
      us: within(usThree),
      apac: within([
        "ap-northeast-1",
        "ap-northeast-2",
        "ap-northeast-3",
        "ap-south-1",
        "ap-south-2",
        "ap-southeast-1",
        "ap-southeast-2",
      ]),
    },
    sources: [modelsSupported, inferenceProfilesSupport, modelLifecycle],
  },
  // Claude 3.5 Haiku: on demand in us-west-2 only (us-east-1 and us-east-2 only through the us. profile).
  // UNVERIFIED: follows models-supported.html as last read in full. LIFECYCLE: the model card (read
  // 2026-12-05) gives "Legacy" and a Bedrock EOL date of 2026-06-19, i.e. already past.
  {
    modelId: "anthropic.claude-3-5-haiku-20241022-v1:0",
    kind: "chat",
    onDemandRegions: ["us-west-2"],
    crossRegionProfiles: {
      us: within(usThree),
    },
    sources: [
      modelsSupported,
      inferenceProfilesSupport,
      `${docs}/model-card-anthropic-claude-3-5-haiku.html`,
    ],
  },
  // Amazon Nova Micro / Lite / Pro: on demand in us-east-1 and AWS GovCloud (US-West); us./eu./apac.
  // profiles. Checked against batch-inference-supported.html (read 2026-12-05): "Regions supporting
  // foundation model" us-east-1, us-gov-west-1; "Regions supporting inference profile" the union of the
  // three geographies below. DISAGREEMENT: copy-model-support.html lists 15 Regions as "single-Region model
  // support" (model copy, not on-demand inference); the more specific inference pages are followed here, so
  // bare ids elsewhere are refused and the geo profile is advised. Destinations are taken equal to sources
  // (UNVERIFIED against the per-profile tables of inference-profiles-support.html).
  {
    modelId: "amazon.nova-micro-v1:0",
    kind: "chat",
    onDemandRegions: ["us-east-1", "us-gov-west-1"],
    crossRegionProfiles: novaProfiles,
    sources: [modelsSupported, inferenceProfilesSupport, batchInferenceSupported],
  },
  {
    modelId: "amazon.nova-lite-v1:0",
    kind: "chat",
    onDemandRegions: ["us-east-1", "us-gov-west-1"],
    crossRegionProfiles: novaProfiles,
    sources: [modelsSupported, inferenceProfilesSupport, batchInferenceSupported],
  },
  {
    modelId: "amazon.nova-pro-v1:0",
    kind: "chat",
    onDemandRegions: ["us-east-1", "us-gov-west-1"],
    crossRegionProfiles: novaProfiles,
    sources: [modelsSupported, inferenceProfilesSupport, batchInferenceSupported],
  },
  // Titan Text Embeddings V2: on demand only, no profiles (model card: Active, no EOL date).
  // UNVERIFIED: the Region list follows models-supported.html as last read in full; the stored copy of the
  // batch-inference table (2026-12-05) agrees on its first Regions (us-east-1, us-west-2, ap-northeast-1,
  // ap-northeast-2, ca-central-1, eu-...) but was cut short.
  {
    modelId: "amazon.titan-embed-text-v2:0",
    kind: "embedding",
    onDemandRegions: [
      "ap-northeast-1",
      "ap-northeast-2",
      "ap-south-1",
      "ap-southeast-2",
      "ca-central-1",
      "eu-central-1",
      "eu-central-2",
      "eu-west-1",
      "eu-west-2",
      "eu-west-3",
      "sa-east-1",
      "us-east-1",
      "us-east-2",
      "us-gov-west-1",
      "us-west-2",
    ],
    crossRegionProfiles: {},
    sources: [
      modelsSupported,
      batchInferenceSupported,
      `${docs}/model-card-amazon-titan-text-embeddings-v2.html`,
    ],
  },
  // Cohere Embed English v3: on demand only. No profiles: verified on the model card (2026-12-05:
  // "Geo inference ID: Not supported", "Global inference ID: Not supported").
  // UNVERIFIED: the on-demand Region list follows models-supported.html as last read in full.
  {
    modelId: "cohere.embed-english-v3",
    kind: "embedding",
    onDemandRegions: [
      "ap-northeast-1",
      "ap-south-1",
      "ap-southeast-1",
      "ap-southeast-2",
      "ca-central-1",
      "eu-central-1",
      "eu-west-1",
      "eu-west-2",
      "eu-west-3",
      "sa-east-1",
      "us-east-1",
      "us-west-2",
    ],
    crossRegionProfiles: {},
    sources: [modelsSupported, `${docs}/model-card-cohere-embed-english.html`],
  },
  // Cohere Embed Multilingual v3: as Embed English v3. No profiles: verified on the model card (2026-12-05).
  // UNVERIFIED: the on-demand Region list follows models-supported.html as last read in full.
  {
    modelId: "cohere.embed-multilingual-v3",
    kind: "embedding",
    onDemandRegions: [
      "ap-northeast-1",
      "ap-south-1",
      "ap-southeast-1",
      "ap-southeast-2",
      "ca-central-1",
      "eu-central-1",
      "eu-west-1",
      "eu-west-2",
      "eu-west-3",
      "sa-east-1",
      "us-east-1",
      "us-west-2",
    ],
    crossRegionProfiles: {},
    sources: [modelsSupported, `${docs}/model-card-cohere-embed-multilingual.html`],
  },
];
