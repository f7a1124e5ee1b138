#!/usr/bin/env bash
# `npm test`: typecheck (tsc) and lint (Biome) beside the vitest run instead of before it. They need no
# database and finish within its first minute, and on 2 cores this keeps a clean CI run within 4 minutes.
# Fails when any of the three fails; the static checks' output is printed after the suites, under a heading.
# Arguments go to vitest (`npm test -- test/runtime/core`).
set -uo pipefail
cd "$(dirname "$0")/../../.."
checks_output=$(mktemp)
(npm run -s typecheck && npm run -s lint) >"$checks_output" 2>&1 &
checks_pid=$!
npx vitest run "$@"
tests_status=$?
wait "$checks_pid"
checks_status=$?
echo "== typecheck and lint (exit $checks_status)"
cat "$checks_output"
rm -f "$checks_output"
if [ "$checks_status" -ne 0 ]; then exit "$checks_status"; fi
exit "$tests_status"
