#!/bin/sh
# get-token.sh TENANT "SCOPES": prints an access token for TENANT with exactly SCOPES, from any OAuth 2.0
# token endpoint, by the client credentials grant (RFC 6749 section 4.4, client_secret_basic).
# For `silo smoke --token-command` and `silo tenants offboard --token-command` (docs/smoke.md):
#   --token-command "runtime/smoke/get-token.sh {tenant} '{scopes}'"
#
# Environment:
#   SILO_TOKEN_URL                    the IdP's token endpoint (e.g. http://127.0.0.1:8080/_idp/token locally)
#   SILO_CLIENT_ID_<TENANT>           the tenant app's client id; TENANT upper-cased, '-' as '_'
#                                     (default: <tenant>-app, the local OpenID Provider's naming)
#   SILO_CLIENT_SECRET_<TENANT>       its client secret (required; never put it on the command line)
#   SILO_TOKEN_AUDIENCE               optional: sent as `audience` (Auth0) when set
#   SILO_TOKEN_RESOURCE               optional: sent as `resource` (RFC 8707) when set
# Needs curl and node (which the kit needs anyway). Prints nothing but the token; errors go to stderr.
set -eu
if [ $# -ne 2 ]; then
  echo "usage: get-token.sh TENANT \"SCOPES\"" >&2
  exit 2
fi
tenant=$1
scopes=$2
: "${SILO_TOKEN_URL:?set SILO_TOKEN_URL to the identity provider's token endpoint}"
suffix=$(printf %s "$tenant" | tr 'a-z-' 'A-Z_')
eval "client_id=\${SILO_CLIENT_ID_$suffix:-$tenant-app}"
eval "client_secret=\${SILO_CLIENT_SECRET_$suffix:-}"
if [ -z "$client_secret" ]; then
  echo "get-token.sh: set SILO_CLIENT_SECRET_$suffix to the client secret of $client_id" >&2
  exit 2
fi
set -- --data-urlencode grant_type=client_credentials --data-urlencode "scope=$scopes"
if [ -n "${SILO_TOKEN_AUDIENCE:-}" ]; then set -- "$@" --data-urlencode "audience=$SILO_TOKEN_AUDIENCE"; fi
if [ -n "${SILO_TOKEN_RESOURCE:-}" ]; then set -- "$@" --data-urlencode "resource=$SILO_TOKEN_RESOURCE"; fi
# The credentials go to curl on stdin (its config syntax), so they never show in the process list.
response=$(printf 'user = "%s:%s"\n' "$client_id" "$client_secret" |
  curl -sS --config - --fail-with-body "$@" "$SILO_TOKEN_URL") || {
  echo "get-token.sh: the token endpoint refused $client_id: $response" >&2
  exit 1
}
printf %s "$response" | node -e '
let text = "";
process.stdin.on("data", (chunk) => (text += chunk)).on("end", () => {
  const token = JSON.parse(text).access_token;
  if (typeof token !== "string") {
    console.error("get-token.sh: the answer has no access_token");
    process.exit(1);
  }
  process.stdout.write(`${token}\n`);
});'
