#!/usr/bin/env bash
# The project's test command: builds the seed data the tests read, runs every
# vitest suite (unit, golden, query, browser), and ends with the plain line
# "N passed, N failed" that CI counts.
set -uo pipefail
cd "$(dirname "$0")/.."
export TZ=Asia/Shanghai NO_COLOR=1
report=$(mktemp -t kelan-vitest-XXXXXX.json)
npx vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@"
status=$?
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""));
' "$report" || { echo "0 passed, 1 failed"; status=1; }
rm -f "$report"
exit $status
