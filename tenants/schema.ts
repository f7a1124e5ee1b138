import * as z from "zod";
import { profileOnlyAdvice } from "../runtime/core/models/catalogue/placeBedrockModel.ts";
import { tenantIdPattern, tenantIdRule } from "./tenantId.ts";
import { tiers } from "./tiers.ts";

/**
 * The one schema every `tenants/<id>.yaml` is validated against. The stacks, the local platform, the `silo`
 * CLI and the policy pack all read tenants through it, so a field means the same thing everywhere.
 *
 * Every object is strict: an unknown key (a typo such as `monthlyBudgetUSD`) is an error, never a silent
 * fall-back to the default. Defaults are listed in docs/tenant-config.md.
 */

/** Retention periods CloudWatch Logs accepts (`RetentionInDays`). */
export const logRetentionDaysAllowed = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

export const modelProviders = ["bedrock", "openai-compatible", "echo"] as const;
/** What a model is called for: chat completions or embeddings (`models.allowlist[].type`). */
export const modelTypes = ["chat", "embedding"] as const;
export const contactRoles = ["owner", "security", "billing", "technical"] as const;
export const dataClassifications = ["internal", "confidential", "restricted"] as const;

/**
 * Lets an object-level check run even when unrelated fields of the object failed, so one pass reports
 * every problem in a file; the check still waits when a field it reads is itself invalid.
 */
function whenFieldsValid(...fields: string[]) {
  return {
    when: (payload: { value: unknown; issues: ReadonlyArray<{ path?: PropertyKey[] }> }) =>
      typeof payload.value === "object" &&
      payload.value !== null &&
      payload.issues.every((issue) => {
        const field = issue.path?.[0];
        return field !== undefined && !fields.includes(String(field));
      }),
  };
}

/** A model key: the name tenants, the route table and API callers use for an allowlisted model. */
export const modelKeyPattern = /^[a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])?$/;

const contactSchema = z.strictObject({
  name: z.string().trim().min(1, "give the person's or team's name"),
  email: z.email("must be an email address, e.g. platform-team@example.com"),
  role: z.enum(contactRoles),
});

const modelSchema = z
  .strictObject({
    key: z
      .string()
      .regex(
        modelKeyPattern,
        "must be 1-64 characters of a-z, 0-9, '.', '_' and '-', starting and ending with a letter or digit",
      ),
    provider: z.enum(modelProviders),
    modelId: z.string().trim().min(1, "give the provider's model id"),
    type: z.enum(modelTypes).default("chat"),
    baseUrl: z
      .url({ protocol: /^https?$/, error: "must be an http(s) URL, e.g. https://llm.example.com/v1" })
      .optional(),
  })
  .superRefine((model, ctx) => {
    if (model.provider === "openai-compatible" && model.baseUrl === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["baseUrl"],
        message: `is required for provider "openai-compatible" (model "${model.key}"); add baseUrl: https://<host>/v1`,
      });
    }
    if (model.provider !== "openai-compatible" && model.baseUrl !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["baseUrl"],
        message: `is only used by provider "openai-compatible", not "${model.provider}"; remove it`,
      });
    }
    // Whatever the Region: a model Bedrock serves only through cross-Region profiles cannot be named bare.
    const profileOnly = model.provider === "bedrock" ? profileOnlyAdvice(model.modelId) : undefined;
    if (profileOnly !== undefined) {
      ctx.addIssue({ code: "custom", path: ["modelId"], message: `"${model.modelId}" ${profileOnly}` });
    }
  });

const modelsSchema = z
  .strictObject({
    allowlist: z.array(modelSchema).min(1, "must list at least one model the tenant may call"),
    defaultModel: z.string().min(1, "name a model key from models.allowlist"),
    imageUrlHosts: z
      .array(
        z
          .string()
          .regex(
            /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
            "must be a lower-case DNS host name such as images.example.com (no scheme, port or path)",
          ),
      )
      .max(50)
      .default([])
      .describe(
        "Hosts whose https image URLs chat requests may send; the platform fetches them (never private addresses). Empty: only data: URLs",
      ),
  })
  .superRefine(
    (models, ctx) => {
      const seen = new Set<string>();
      models.allowlist.forEach((model, index) => {
        if (seen.has(model.key)) {
          ctx.addIssue({
            code: "custom",
            path: ["allowlist", index, "key"],
            message: `"${model.key}" is listed twice; model keys must be unique within a tenant`,
          });
        }
        seen.add(model.key);
      });
      const chatKeys = models.allowlist.filter((model) => model.type === "chat").map((model) => model.key);
      if (!seen.has(models.defaultModel)) {
        ctx.addIssue({
          code: "custom",
          path: ["defaultModel"],
          message: `"${models.defaultModel}" is not in models.allowlist; use one of: ${chatKeys.join(", ")}`,
        });
      } else if (!chatKeys.includes(models.defaultModel)) {
        ctx.addIssue({
          code: "custom",
          path: ["defaultModel"],
          message: `"${models.defaultModel}" is an embedding model; the default must be a chat model, one of: ${chatKeys.join(", ") || "(none listed: add one)"}`,
        });
      }
    },
    whenFieldsValid("allowlist", "defaultModel"),
  );

const limitsSchema = z
  .strictObject({
    monthlyBudgetUsd: z.number().min(0).max(10_000_000).default(100),
    requestsPerSecond: z.number().int().min(1).max(10_000).default(10),
    burst: z.number().int().min(1).max(20_000).default(20),
    maxTokensPerRequest: z.number().int().min(1).max(1_000_000).default(4096),
    reservedConcurrency: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .optional()
      .describe("Reserved concurrency of each Lambda; default 5 for tier regulated, none for standard"),
  })
  .superRefine(
    (limits, ctx) => {
      if (limits.burst < limits.requestsPerSecond) {
        ctx.addIssue({
          code: "custom",
          path: ["burst"],
          message: `${limits.burst} is below requestsPerSecond (${limits.requestsPerSecond}); burst must be at least the steady rate`,
        });
      }
    },
    whenFieldsValid("burst", "requestsPerSecond"),
  );

/** An exact browser origin: scheme, host and optional port; no path, no wildcard. */
const originSchema = z
  .string()
  .regex(
    /^https?:\/\/(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?::\d{1,5})?$/,
    "must be an exact origin such as https://app.example.com (scheme and host, optional port; no path, no trailing slash, no wildcard)",
  );

const corsSchema = z.strictObject({
  allowedOrigins: z
    .array(originSchema)
    .max(100)
    .default([])
    .describe("Browser origins allowed to call the tenant API; empty: no cross-origin calls"),
});

/**
 * AWS WAF in front of the tenant's API (managed rule groups and a rate-based rule per client IP). Unset
 * `enabled` means on for tier regulated, off otherwise (components/edge/webAclRules.ts).
 */
const wafSchema = z.strictObject({
  enabled: z
    .boolean()
    .optional()
    .describe("Associate a WAF web ACL with the tenant's API stage; default on for tier regulated"),
  rateLimitPer5Minutes: z
    .number()
    .int()
    .min(10, "must be at least 10, AWS WAF's smallest rate-based limit")
    .max(2_000_000_000)
    .default(2000)
    .describe("Requests one client IP may send in any 5 minutes before WAF blocks it"),
});

/**
 * How the tenant is known to the identity provider. With an identity profile whose tenant comes from the
 * IdP's organisation (clerk, auth0; `silo:tenantSource organization`), `organizationId` is the IdP's id of
 * this customer's organisation (Clerk `org_2b…`, Auth0 `org_…`, an Entra directory id): the tenant's API
 * carries it, and the authorizer accepts a token of that organisation for this tenant only.
 */
const identitySchema = z.strictObject({
  organizationId: z
    .string()
    .regex(
      /^[\x21-\x7e]{1,256}$/,
      "must be the identity provider's organisation id as its tokens carry it (printable, no spaces, at most 256 characters)",
    )
    .optional()
    .describe("The identity provider's id of this tenant's organisation"),
});

const databaseSchema = z.strictObject({
  instanceClass: z
    .string()
    .regex(/^db\.[a-z0-9]+\.[a-z0-9]+$/, "must be an RDS instance class such as db.t4g.micro")
    .default("db.t4g.micro"),
  allocatedStorageGb: z.number().int().min(20).max(65_536).default(20),
  backupRetentionDays: z.number().int().min(1).max(35).default(7),
  multiAz: z.boolean().default(false),
  deletionProtection: z.boolean().default(true),
});

/** The fields of a tenant file, before the checks across fields. */
const tenantFields = z.strictObject({
  id: z.string().regex(tenantIdPattern, `must be ${tenantIdRule}`),
  displayName: z.string().trim().min(1, "give the tenant's human-readable name").max(128),
  tier: z.enum(tiers),
  dataClassification: z.enum(dataClassifications).default("confidential"),
  contacts: z.array(contactSchema).min(1, "must list at least one contact with role owner"),
  models: modelsSchema,
  limits: limitsSchema.default(limitsSchema.parse({})),
  database: databaseSchema.default(databaseSchema.parse({})),
  cors: corsSchema.default(corsSchema.parse({})),
  identity: identitySchema.default({}),
  waf: wafSchema.default(wafSchema.parse({})),
  xrayTracing: z.boolean().default(false).describe("Trace the tenant's API requests with AWS X-Ray"),
  network: z.enum(["shared", "dedicated"]).default("shared"),
  logRetentionDays: z
    .number()
    .refine((days) => (logRetentionDaysAllowed as readonly number[]).includes(days), {
      message: `must be a CloudWatch Logs retention period: one of ${logRetentionDaysAllowed.join(", ")}`,
    })
    .default(30),
  dataRetentionDays: z.number().int().min(1).max(3650).default(90),
});

/** Schema of one tenant file. Parse with {@link parseTenantFile} to get located, readable errors. */
export const tenantConfigSchema = tenantFields.superRefine(
  (tenant, ctx) => {
    if (!tenant.contacts.some((contact) => contact.role === "owner")) {
      ctx.addIssue({
        code: "custom",
        path: ["contacts"],
        message: "has no contact with role owner; add one who answers for this tenant",
      });
    }
    if (tenant.tier !== "regulated") return;
    if (!tenant.contacts.some((contact) => contact.role === "security")) {
      ctx.addIssue({
        code: "custom",
        path: ["contacts"],
        message: "has no contact with role security, which tier regulated requires; add one",
      });
    }
    if (!tenant.database.deletionProtection) {
      ctx.addIssue({
        code: "custom",
        path: ["database", "deletionProtection"],
        message: "is false, but tier regulated requires true; set deletionProtection: true",
      });
    }
    if (tenant.waf.enabled === false) {
      ctx.addIssue({
        code: "custom",
        path: ["waf", "enabled"],
        message:
          "is false, but tier regulated requires a WAF web ACL on its API; remove the line or set true",
      });
    }
    if (tenant.dataClassification === "internal") {
      ctx.addIssue({
        code: "custom",
        path: ["dataClassification"],
        message: `"internal" is too low for tier regulated; use confidential or restricted`,
      });
    }
  },
  whenFieldsValid("tier", "contacts", "database", "dataClassification", "waf"),
);

/**
 * The tenant config a tenant's handlers receive (`SILO_TENANT_CONFIG`): the validated tenant file without its
 * contacts, whose names and e-mail addresses the runtime never reads and anyone with
 * `lambda:GetFunctionConfiguration` could. The file was checked whole before it was deployed.
 */
export const runtimeTenantSchema = tenantFields.omit({ contacts: true });

/** A validated tenant, defaults applied. */
export type TenantConfig = z.output<typeof tenantConfigSchema>;
/** What the runtime knows of a tenant: {@link TenantConfig} without the contacts. */
export type RuntimeTenant = z.output<typeof runtimeTenantSchema>;
/** A tenant file as written, before defaults. */
export type TenantConfigInput = z.input<typeof tenantConfigSchema>;
export type ModelConfig = TenantConfig["models"]["allowlist"][number];
