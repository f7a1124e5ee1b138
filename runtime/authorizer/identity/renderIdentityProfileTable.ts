import { type IdentityProfile, identityProfileNames, identityProfiles } from "./identityProfiles.ts";

/** The marker lines in docs/identity.md between which the table is generated. */
export const identityTableMarker = "<!-- identity-profile-table -->";

/**
 * The identity profiles as a Markdown table, one row per profile (the presets the authorizer starts from),
 * then each profile's note: docs and code from one table. Regenerate docs/identity.md's copy with
 * `npx tsx runtime/authorizer/identity/writeIdentityProfileTable.ts`; a test fails while it is stale.
 *
 * @example
 * renderIdentityProfileTable().split("\n")[0]; // "| Profile | Provider | `typ` | ..."
 */
export function renderIdentityProfileTable(): string {
  const header = [
    "Profile",
    "Provider",
    "`typ`",
    "Audience",
    "Authorized party",
    "`token_use`",
    "Tenant",
    "Scopes",
    "Max token age",
  ];
  const rows = identityProfileNames.map((name) => row(identityProfiles[name]));
  const table = [header, header.map(() => "---"), ...rows].map((cells) => `| ${cells.join(" | ")} |`);
  const notes = identityProfileNames.map((name) => `- \`${name}\`: ${identityProfiles[name].notes}`);
  return [...table, "", ...notes].join("\n");
}

/** Replaces what is between the two markers of `document` with the table; the markers stay. */
export function withIdentityProfileTable(document: string): string {
  const start = document.indexOf(identityTableMarker);
  const end = document.indexOf(identityTableMarker, start + identityTableMarker.length);
  if (start === -1 || end === -1) {
    throw new Error(`the document has no pair of ${identityTableMarker} lines to put the table between`);
  }
  return `${document.slice(0, start + identityTableMarker.length)}\n\n${renderIdentityProfileTable()}\n\n${document.slice(end)}`;
}

function row(profile: IdentityProfile): string[] {
  const code = (text: string) => `\`${text}\``;
  const claims = (paths: readonly string[]) => paths.map(code).join(", ");
  const tenant =
    profile.tenantSource === "prefixed-entry"
      ? `entry ${code(`${profile.tenantPrefix}<tenant>`)} of ${claims(profile.tenantClaims)}`
      : profile.tenantSource === "organization"
        ? `organisation ${claims(profile.tenantClaims)}, mapped by \`identity.organizationId\``
        : `claim ${claims(profile.tenantClaims)}`;
  const scopes =
    profile.scopeFormat === "clerk" ? "Clerk organisation permissions" : claims(profile.scopeClaims);
  return [
    code(profile.name),
    profile.provider,
    profile.typ === "any" || profile.typ === "absent" ? profile.typ : code(profile.typ),
    profile.noAudience ? "none: authorized parties required" : "required",
    code(profile.authorizedPartyClaim),
    profile.tokenUse === "" ? "-" : code(profile.tokenUse),
    tenant,
    profile.scopePrefix === "" ? scopes : `${scopes}, prefix ${code(profile.scopePrefix)} stripped`,
    `${profile.maxTokenAgeSeconds} s`,
  ];
}
