import * as pulumi from "@pulumi/pulumi";
import analyzerPb from "@pulumi/pulumi/proto/analyzer_pb.js";
import { specialArchiveSig, specialAssetSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc.js";
import structPb from "google-protobuf/google/protobuf/struct_pb.js";
import { providerOf } from "../../../runtime/plan/policyEngine/analyzerArgs.ts";
import type { PolicyEngineResource } from "../../../runtime/plan/policyEngine/policyEngineTypes.ts";

// The requests the Pulumi engine sends a policy pack's Analyzer server during `pulumi preview`, built from
// what the offline plan records. Messages come from @pulumi/pulumi's generated code and Struct from the
// google-protobuf that code requires, so the generated serializers accept them.
const { EnforcementLevel } = analyzerPb;

/** An enforcement level as a profile spells it. */
export type EnforcementLevelName = "advisory" | "mandatory" | "disabled" | "remediate";

const levelNames: Readonly<Record<number, EnforcementLevelName>> = {
  [EnforcementLevel.ADVISORY]: "advisory",
  [EnforcementLevel.MANDATORY]: "mandatory",
  [EnforcementLevel.DISABLED]: "disabled",
  [EnforcementLevel.REMEDIATE]: "remediate",
};

/** The name of a wire enforcement level. */
export function levelName(level: number): EnforcementLevelName {
  const name = levelNames[level];
  if (name === undefined) throw new Error(`unknown enforcement level ${level}`);
  return name;
}

function wireLevel(name: string): analyzerPb.EnforcementLevel {
  const entry = Object.entries(levelNames).find(([, candidate]) => candidate === name);
  if (entry === undefined) throw new Error(`unknown enforcement level ${JSON.stringify(name)}`);
  return Number(entry[0]) as analyzerPb.EnforcementLevel;
}

/**
 * A recorded value as the engine marshals it: assets and archives as Pulumi's signature objects (which the
 * pack's deserializer turns back into asset objects), `undefined` left out of objects (null in a list).
 */
async function wireValue(value: unknown): Promise<unknown> {
  if (Array.isArray(value)) {
    return await Promise.all(value.map((item: unknown) => (item === undefined ? null : wireValue(item))));
  }
  if (pulumi.asset.Asset.isInstance(value) || pulumi.asset.Archive.isInstance(value)) {
    return await assetSignature(value);
  }
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value).filter(([, item]) => item !== undefined);
  return Object.fromEntries(
    await Promise.all(entries.map(async ([key, item]) => [key, await wireValue(item)] as const)),
  );
}

/** An asset's or archive's signature object; the SDK keeps its path, text, URI or assets as a promise. */
async function assetSignature(
  value: pulumi.asset.Asset | pulumi.asset.Archive,
): Promise<Record<string, unknown>> {
  const sig = pulumi.asset.Asset.isInstance(value) ? specialAssetSig : specialArchiveSig;
  const fields = value as unknown as Record<string, unknown>;
  const source = ["path", "text", "uri", "assets"].find((key) => fields[key] !== undefined);
  if (source === undefined) throw new Error(`cannot marshal ${value.constructor.name}: it has no source`);
  return { [specialSigKey]: sig, [source]: await wireValue(await fields[source]) };
}

/** A property map as a Struct, as the engine sends inputs, outputs and config. */
export async function toStruct(properties: Readonly<Record<string, unknown>>): Promise<structPb.Struct> {
  const wire = (await wireValue(properties)) as Record<string, structPb.JavaScriptValue>;
  return structPb.Struct.fromJavaScript(wire);
}

/**
 * The ConfigureAnalyzerRequest the CLI sends for a `--policy-pack-config` file (ReconcilePolicyPackConfig in
 * pulumi/pkg/resource/analyzer/config.go): every policy the pack reports, its own level and its schema's
 * defaults, overlaid by the file's entry for it (a bare level, or an object whose `enforcementLevel` is the
 * level and whose other keys are properties).
 */
export async function configureRequest(
  info: analyzerPb.AnalyzerInfo,
  file: Readonly<Record<string, unknown>>,
): Promise<analyzerPb.ConfigureAnalyzerRequest> {
  const request = new analyzerPb.ConfigureAnalyzerRequest();
  for (const policy of info.getPoliciesList()) {
    const schema = (policy.getConfigschema()?.getProperties()?.toJavaScript() ?? {}) as Record<
      string,
      { default?: unknown }
    >;
    const properties = Object.fromEntries(
      Object.entries(schema).flatMap(([key, property]) =>
        property.default === undefined ? [] : [[key, property.default]],
      ),
    );
    let level = policy.getEnforcementlevel();
    const entry = file[policy.getName()];
    if (typeof entry === "string") level = wireLevel(entry);
    else if (entry !== null && typeof entry === "object") {
      const { enforcementLevel, ...values } = entry as Record<string, unknown>;
      if (typeof enforcementLevel === "string") level = wireLevel(enforcementLevel);
      Object.assign(properties, values);
    }
    const config = new analyzerPb.PolicyConfig();
    config.setEnforcementlevel(level);
    config.setProperties(await toStruct(properties));
    request.getPolicyconfigMap().set(policy.getName(), config);
  }
  return request;
}

/** The options the engine sends with a resource: only its parent differs from the defaults here. */
function resourceOptions(resource: PolicyEngineResource): analyzerPb.AnalyzerResourceOptions {
  const options = new analyzerPb.AnalyzerResourceOptions();
  options.setProtect(false);
  options.setCustomtimeouts(new analyzerPb.AnalyzerResourceOptions.CustomTimeouts());
  if (resource.parent !== undefined) options.setParent(resource.parent);
  return options;
}

/** The provider resource the engine sends with a resource (with its inputs); undefined for a default one. */
async function providerResource(
  resource: PolicyEngineResource,
  byUrn: ReadonlyMap<string, PolicyEngineResource>,
): Promise<analyzerPb.AnalyzerProviderResource | undefined> {
  const provider = providerOf(resource, byUrn);
  if (provider === undefined) return undefined;
  const message = new analyzerPb.AnalyzerProviderResource();
  message.setType(provider.type);
  message.setUrn(provider.urn);
  message.setName(provider.name);
  message.setProperties(await toStruct(provider.props));
  return message;
}

/** The fields an AnalyzeRequest and a stack's AnalyzerResource share. */
interface ResourceMessage {
  setType(value: string): unknown;
  setUrn(value: string): unknown;
  setName(value: string): unknown;
  setProperties(value?: structPb.Struct): unknown;
  setOptions(value?: analyzerPb.AnalyzerResourceOptions): unknown;
  setProvider(value?: analyzerPb.AnalyzerProviderResource): unknown;
}

/** Fills in a resource's type, URN, name, the given properties, its options and its provider. */
async function describeResource<Message extends ResourceMessage>(
  message: Message,
  resource: PolicyEngineResource,
  properties: Readonly<Record<string, unknown>>,
  byUrn: ReadonlyMap<string, PolicyEngineResource>,
): Promise<Message> {
  message.setType(resource.type);
  message.setUrn(resource.urn);
  message.setName(resource.name);
  message.setProperties(await toStruct(properties));
  message.setOptions(resourceOptions(resource));
  const provider = await providerResource(resource, byUrn);
  if (provider !== undefined) message.setProvider(provider);
  return message;
}

/** The AnalyzeRequest for one resource registration during preview: its inputs. */
export async function analyzeRequest(
  resource: PolicyEngineResource,
  byUrn: ReadonlyMap<string, PolicyEngineResource>,
): Promise<analyzerPb.AnalyzeRequest> {
  return await describeResource(new analyzerPb.AnalyzeRequest(), resource, resource.inputs, byUrn);
}

/** The AnalyzeStackRequest at the end of a preview: every resource's state, parent and dependencies. */
export async function analyzeStackRequest(
  resources: readonly PolicyEngineResource[],
): Promise<analyzerPb.AnalyzeStackRequest> {
  const byUrn = new Map(resources.map((resource) => [resource.urn, resource] as const));
  const request = new analyzerPb.AnalyzeStackRequest();
  for (const resource of resources) {
    const message = await describeResource(
      new analyzerPb.AnalyzerResource(),
      resource,
      resource.state,
      byUrn,
    );
    if (resource.parent !== undefined) message.setParent(resource.parent);
    message.setDependenciesList([...resource.dependencies]);
    for (const [property, urns] of Object.entries(resource.propertyDependencies ?? {})) {
      const dependencies = new analyzerPb.AnalyzerPropertyDependencies();
      dependencies.setUrnsList([...urns]);
      message.getPropertydependenciesMap().set(property, dependencies);
    }
    request.addResources(message);
  }
  return request;
}
