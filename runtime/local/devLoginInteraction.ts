import type { IncomingMessage, ServerResponse } from "node:http";
import type Provider from "oidc-provider";
import { errors } from "oidc-provider";
import { devLoginPage } from "./devLoginPage.ts";
import { readBody } from "./lambdaHttpAdapter.ts";

/** What the development login needs to know of the platform. */
export interface DevLoginArgs {
  readonly tenantIds: readonly string[];
  /** The tenant whose app a client is; `undefined` for a client of no tenant. */
  readonly tenantOfClient: (clientId: string) => string | undefined;
  /** The resource indicator the tenant scopes are granted for. */
  readonly resource: string;
  /** The scopes a tenant token may carry. */
  readonly tenantScopes: readonly string[];
}

const maxFormBytes = 4096;
const maxSubjectLength = 256;

/**
 * The development login of the local OpenID Provider, at its `interactions.url`: `GET` shows the form
 * ({@link devLoginPage}), `POST` signs in whoever was typed and ends the interaction with login and consent
 * in one step, through oidc-provider's interaction API. The grant holds the scopes asked for, limited to the
 * tenant scopes, or all of them when none were asked for. A subject of another tenant than the app's is
 * refused with `access_denied`: as with a real tenant-aware IdP, a user of one tenant cannot sign in to
 * another tenant's app.
 *
 * @example
 * if (path.startsWith("/_idp/interaction/")) return serveDevLogin(provider, request, response, args);
 */
export async function serveDevLogin(
  provider: Provider,
  request: IncomingMessage,
  response: ServerResponse,
  args: DevLoginArgs,
): Promise<void> {
  let details: Awaited<ReturnType<Provider["interactionDetails"]>>;
  try {
    details = await provider.interactionDetails(request, response);
  } catch (error) {
    if (!(error instanceof errors.SessionNotFound)) throw error;
    return writeHtml(
      response,
      400,
      "<p>This sign-in expired or was not started in this browser: start it again from the app.</p>",
    );
  }
  const clientId = String(details.params.client_id ?? "");
  const clientTenant = args.tenantOfClient(clientId) ?? "";
  const requested = String(details.params.scope ?? "")
    .split(" ")
    .filter(Boolean);
  const page = (status: number, extra: { subject?: string; error?: string } = {}) =>
    writeHtml(
      response,
      status,
      devLoginPage({
        action: new URL(request.url ?? "/", "http://localhost").pathname,
        clientId,
        tenantIds: args.tenantIds,
        selectedTenantId: clientTenant,
        scopes: requested,
        ...extra,
      }),
    );
  if (request.method !== "POST") return page(200);

  const body = await readBody(request, maxFormBytes);
  if (body === undefined) return page(413, { error: `the form is over ${maxFormBytes} bytes` });
  const form = new URLSearchParams(body.toString("utf8"));
  const subject = (form.get("subject") ?? "").trim();
  const tenantId = form.get("tenant") ?? "";
  if (subject.length === 0 || subject.length > maxSubjectLength || /[\p{Cc}]/u.test(subject)) {
    return page(400, {
      subject,
      error: `subject "${subject.slice(0, 40)}" is not usable: type 1 to ${maxSubjectLength} printable characters`,
    });
  }
  if (tenantId !== clientTenant) {
    return provider.interactionFinished(
      request,
      response,
      {
        error: "access_denied",
        error_description: `${subject} of tenant ${tenantId} cannot sign in to ${clientId}, an app of tenant ${clientTenant || "(none)"}`,
      },
      { mergeWithLastSubmission: false },
    );
  }
  const grant = new provider.Grant({ accountId: subject, clientId });
  const oidcScopes = requested.filter((scope) => scope === "openid");
  if (oidcScopes.length > 0) grant.addOIDCScope(oidcScopes.join(" "));
  const tenantScopes = requested.filter((scope) => args.tenantScopes.includes(scope));
  grant.addResourceScope(
    args.resource,
    (tenantScopes.length > 0 ? tenantScopes : args.tenantScopes).join(" "),
  );
  const grantId = await grant.save();
  await provider.interactionFinished(
    request,
    response,
    { login: { accountId: subject }, consent: { grantId } },
    { mergeWithLastSubmission: false },
  );
}

function writeHtml(response: ServerResponse, status: number, html: string): void {
  response
    .writeHead(status, {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "content-security-policy": "default-src 'none'",
    })
    .end(html);
}
