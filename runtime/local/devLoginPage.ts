/** What the development login page shows. */
export interface DevLoginPageArgs {
  /** Where the form posts: the interaction's own URL. */
  readonly action: string;
  /** The app asking for the sign-in. */
  readonly clientId: string;
  readonly tenantIds: readonly string[];
  /** The tenant picked in advance: the app's own. */
  readonly selectedTenantId: string;
  /** The scopes the app asked for, shown so the developer sees what the token will carry. */
  readonly scopes: readonly string[];
  /** The subject typed last time, shown again with {@link DevLoginPageArgs.error}. */
  readonly subject?: string;
  /** Why the last submission was refused. */
  readonly error?: string;
}

/**
 * The local OpenID Provider's sign-in page: type a subject, pick a tenant, no password. Plain HTML with
 * every value escaped; no script, so the provider's Content-Security-Policy has nothing to allow.
 *
 * @example
 * response.end(devLoginPage({ action, clientId: "acme-health-web", tenantIds, selectedTenantId, scopes }));
 */
export function devLoginPage(args: DevLoginPageArgs): string {
  const options = args.tenantIds
    .map(
      (tenantId) =>
        `<option value="${escapeHtml(tenantId)}"${tenantId === args.selectedTenantId ? " selected" : ""}>${escapeHtml(tenantId)}</option>`,
    )
    .join("");
  return [
    "<!doctype html>",
    '<html lang="en"><head><meta charset="utf-8"><title>silo local: sign in</title></head><body>',
    "<h1>silo local: development sign-in</h1>",
    `<p><strong>${escapeHtml(args.clientId)}</strong> asks for: ${escapeHtml(args.scopes.join(" ") || "(default scopes)")}</p>`,
    "<p>No password: this identity provider is for this machine only.</p>",
    args.error === undefined ? "" : `<p role="alert">${escapeHtml(args.error)}</p>`,
    `<form method="post" action="${escapeHtml(args.action)}">`,
    `<label>Subject <input name="subject" required maxlength="256" autofocus value="${escapeHtml(args.subject ?? "")}"></label>`,
    `<label>Tenant <select name="tenant">${options}</select></label>`,
    '<button type="submit">Sign in</button>',
    "</form></body></html>",
  ].join("\n");
}

const htmlEntities: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => htmlEntities[character] ?? character);
}
