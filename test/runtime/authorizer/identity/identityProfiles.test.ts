import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authorizerEvent, authorizerFor } from "../support/authorizerHarness.ts";
import { rsaKey, type SigningKey, TestIdentityProvider, testNowMs } from "../support/testIdentityProvider.ts";
import {
  auth0AccessToken,
  clerkSessionTokenV1,
  clerkSessionTokenV2,
  cognitoAccessToken,
  cognitoClientCredentialsToken,
  entraAppOnlyAccessToken,
  entraDelegatedAccessToken,
  keycloakAccessToken,
  oktaAccessToken,
  type ProviderToken,
  type ProviderTokenOptions,
  signWith,
} from "./providerTokens.ts";

// Each provider's tokens as it issues them (providerTokens.ts cites the documentation of every shape),
// through the authorizer configured with only the provider's profile and the values the buyer has: the
// issuer, the audience or client ids, and (for organisation tenants) the tenant file's organisation id.

const nowSeconds = Math.floor(testNowMs / 1000) - 30;
const tenant = "acme-health";
const chatRoute = "POST /v1/chat/completions";

let idp: TestIdentityProvider;
let key: SigningKey;

beforeAll(async () => {
  key = rsaKey("k1");
  idp = await TestIdentityProvider.start(key);
});

afterAll(async () => {
  await idp.close();
});

interface ProfileCase {
  readonly profile: string;
  /** The shared stack's identity settings for this provider (beside the profile and the JWKS). */
  readonly env: Record<string, string | undefined>;
  /** Builds a token; `options` changes one thing from the allowed token. */
  readonly token: (options: ProviderTokenOptions) => ProviderToken;
  /** The API's organisation id (the tenant file's `identity.organizationId`), for organisation profiles. */
  readonly organizationId?: string;
  /** How this provider's token names another tenant. */
  readonly otherTenant: Partial<ProviderTokenOptions>;
  /** A client application of the same IdP that is not allowed. */
  readonly otherClient: string;
  /** The authorized-party claim, to remove it. */
  readonly partyClaim: string;
}

const clerkOrganization = "org_2bLQz3Fh8KpV1nXcT6mWr9yEaJd";
const clerk = {
  SILO_JWT_ISSUER: "https://clerk.acme-health.example",
  SILO_JWT_AUDIENCE: undefined,
  SILO_AUTHORIZED_PARTIES: "https://app.acme-health.example",
};
const cognito = {
  SILO_JWT_ISSUER: "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Qm7Xv2BdT",
  SILO_JWT_AUDIENCE: undefined,
  SILO_AUTHORIZED_PARTIES: "3n4b5urk1ft4fl3mg5e62d9ado",
};
const entra = {
  SILO_JWT_ISSUER: "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0",
  SILO_JWT_AUDIENCE: "6e74172b-be56-4843-9ff4-e66a39bb12e3",
};

const cases: ProfileCase[] = [
  {
    profile: "clerk",
    env: clerk,
    token: clerkSessionTokenV2,
    organizationId: clerkOrganization,
    otherTenant: { organizationId: "org_2cXr8Nw1QpL5tZ0vKm4Yb7HsDe" },
    otherClient: "https://evil.example",
    partyClaim: "azp",
  },
  {
    profile: "clerk",
    env: clerk,
    token: clerkSessionTokenV1,
    organizationId: clerkOrganization,
    otherTenant: { organizationId: "org_2cXr8Nw1QpL5tZ0vKm4Yb7HsDe" },
    otherClient: "https://evil.example",
    partyClaim: "azp",
  },
  {
    profile: "cognito",
    env: cognito,
    token: (options) => cognitoAccessToken({ tenant, ...options }),
    otherTenant: { tenant: "globex" },
    otherClient: "7hq1k0c5q1v9ttd2a4p8m3n6r0",
    partyClaim: "client_id",
  },
  {
    profile: "cognito",
    env: cognito,
    token: (options) => cognitoClientCredentialsToken({ tenant, ...options }),
    otherTenant: { tenant: "globex" },
    otherClient: "7hq1k0c5q1v9ttd2a4p8m3n6r0",
    partyClaim: "client_id",
  },
  {
    profile: "auth0",
    env: {
      SILO_JWT_ISSUER: "https://acme-health.us.auth0.com/",
      SILO_JWT_AUDIENCE: "https://api.silo.example",
      SILO_AUTHORIZED_PARTIES: "Xq7Ld2PzR9mVb4NcT1yKs8WfHj3GaE6u",
    },
    token: auth0AccessToken,
    organizationId: "org_W30IJO6I4KAhs1Rg",
    otherTenant: { organizationId: "org_Qb81KZwE5r2Nc0Ta" },
    otherClient: "Lm3Nq8Rt2Vx6Zb1Cd5Fg9Hj4Kp7Ws0Ya",
    partyClaim: "azp",
  },
  {
    profile: "entra",
    env: { ...entra, SILO_AUTHORIZED_PARTIES: "d3b07384-d113-4ec6-a7b2-9f3c1a5e8b21" },
    token: (options) => entraDelegatedAccessToken({ tenant, ...options }),
    otherTenant: { tenant: "globex" },
    otherClient: "0f9e8d7c-6b5a-4f3e-2d1c-0b9a8f7e6d5c",
    partyClaim: "azp",
  },
  {
    profile: "entra",
    env: { ...entra, SILO_AUTHORIZED_PARTIES: "5f8c2a91-3b7d-4e6a-9c1f-8d2e4b6a0c3e" },
    token: (options) => entraAppOnlyAccessToken({ tenant, ...options }),
    otherTenant: { tenant: "globex" },
    otherClient: "0f9e8d7c-6b5a-4f3e-2d1c-0b9a8f7e6d5c",
    partyClaim: "azp",
  },
  {
    profile: "okta",
    env: {
      SILO_JWT_ISSUER: "https://acme-health.okta.com/oauth2/aus8x2k1q4ZbW7vYp5d7",
      SILO_JWT_AUDIENCE: "api://silo",
      SILO_AUTHORIZED_PARTIES: "0oa8x2k9f3LmQ7vYp5d7",
    },
    token: (options) => oktaAccessToken({ tenant, ...options }),
    otherTenant: { tenant: "globex" },
    otherClient: "0oa1b2c3d4E5f6G7h8i9",
    partyClaim: "cid",
  },
  {
    profile: "keycloak",
    env: {
      SILO_JWT_ISSUER: "https://sso.acme-health.example/realms/silo",
      SILO_JWT_AUDIENCE: "account",
      SILO_AUTHORIZED_PARTIES: "silo-console",
    },
    token: (options) => keycloakAccessToken({ tenant, ...options }),
    otherTenant: { tenant: "globex" },
    otherClient: "realm-admin-console",
    partyClaim: "azp",
  },
];

async function decide(profileCase: ProfileCase, token: ProviderToken) {
  const { reasonFor, handler, decisions } = authorizerFor(idp, {
    SILO_IDENTITY_PROFILE: profileCase.profile,
    ...profileCase.env,
  });
  const signed = await signWith(key.privateKey, { ...token, header: { ...token.header, kid: "k1" } });
  const event = authorizerEvent(`Bearer ${signed}`, {
    routeKey: chatRoute,
    stageTenantId: tenant,
    ...(profileCase.organizationId === undefined ? {} : { organizationId: profileCase.organizationId }),
  });
  const reason = await reasonFor(event);
  return { reason, handler, decisions, event };
}

const build = (profileCase: ProfileCase, options: Partial<ProviderTokenOptions> = {}) =>
  profileCase.token({ nowSeconds, scopes: ["chat:write", "models:read"], ...options });

describe.each(
  cases.map((profileCase) => [`${profileCase.profile} (${profileCase.token.name})`, profileCase]),
)("identity profile %s", (_name, profileCase) => {
  it("allows the provider's token for its tenant, with its scopes in the context", async () => {
    // Act
    const { reason, handler, event } = await decide(profileCase, build(profileCase));
    const result = await handler(event);

    // Assess
    expect(reason).toBe("ok");
    expect(result).toMatchObject({ isAuthorized: true, context: { tenantId: tenant } });
    const scopes = (result as { context: { scopes: string } }).context.scopes.split(" ");
    expect(scopes).toEqual(expect.arrayContaining(["chat:write", "models:read"]));
  });

  it("denies the token of another tenant", async () => {
    expect((await decide(profileCase, build(profileCase, profileCase.otherTenant))).reason).toBe(
      "tenant_mismatch",
    );
  });

  it("denies the token without the route's scope", async () => {
    expect((await decide(profileCase, build(profileCase, { scopes: ["models:read"] }))).reason).toBe(
      "missing_scope",
    );
  });

  it("denies an expired token", async () => {
    const expired = build(profileCase, { issuedAtSeconds: nowSeconds - 1000, lifetimeSeconds: 600 });

    expect((await decide(profileCase, expired)).reason).toBe("expired");
  });

  it("denies a token of another issuer", async () => {
    const token = build(profileCase);
    token.payload.iss = "https://idp.attacker.example/";

    expect((await decide(profileCase, token)).reason).toBe("wrong_issuer");
  });

  it("denies a token the same IdP issued to another client application", async () => {
    expect(
      (await decide(profileCase, build(profileCase, { clientId: profileCase.otherClient }))).reason,
    ).toBe("wrong_authorized_party");
  });

  it("denies a token without an authorized party", async () => {
    const token = build(profileCase);
    delete token.payload[profileCase.partyClaim];

    expect((await decide(profileCase, token)).reason).toBe("authorized_party_missing");
  });
});

describe("profile-specific rules", () => {
  const cognitoCase = cases.find((profileCase) => profileCase.profile === "cognito") as ProfileCase;
  const entraCase = cases.find((profileCase) => profileCase.profile === "entra") as ProfileCase;
  const clerkCase = cases[0] as ProfileCase;

  it("cognito: refuses an ID token (token_use id) and a token with a typ header", async () => {
    const idToken = build(cognitoCase);
    idToken.payload.token_use = "id";
    const typed = build(cognitoCase);
    typed.header.typ = "JWT";

    expect((await decide(cognitoCase, idToken)).reason).toBe("wrong_token_use");
    expect((await decide(cognitoCase, typed)).reason).toBe("wrong_typ");
  });

  it("clerk: refuses a token of an organisation when the API maps none", async () => {
    const unmapped = { ...clerkCase, organizationId: undefined };

    expect((await decide(unmapped, build(clerkCase))).reason).toBe("stage_organization_missing");
  });

  it("clerk: a user without an active organisation has no tenant", async () => {
    expect((await decide(clerkCase, build(clerkCase, { activeOrganization: false } as never))).reason).toBe(
      "tenant_claim_missing",
    );
  });

  it("entra multi-tenant: accepts the allowed directories' issuers and refuses others", async () => {
    const multiTenant = {
      ...entraCase,
      env: {
        ...entraCase.env,
        SILO_JWT_ISSUER: "https://login.microsoftonline.com/{tenantid}/v2.0",
        SILO_ISSUER_DIRECTORIES: "72f988bf-86f1-41af-91ab-2d7cd011db47,b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e",
      },
    };
    const otherDirectory = "c0ffee00-1111-4222-8333-444455556666";
    const forged = build(multiTenant);
    forged.payload.iss = "https://login.microsoftonline.com/b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e/v2.0";

    expect((await decide(multiTenant, build(multiTenant))).reason).toBe("ok");
    expect(
      (
        await decide(
          multiTenant,
          build(multiTenant, { organizationId: "b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e" }),
        )
      ).reason,
    ).toBe("ok");
    expect((await decide(multiTenant, build(multiTenant, { organizationId: otherDirectory }))).reason).toBe(
      "directory_not_allowed",
    );
    expect((await decide(multiTenant, forged)).reason).toBe("wrong_issuer");
  });
});
