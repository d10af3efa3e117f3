#!/usr/bin/env bash
# Every test Séance has, in one line (`npm test`): static checks, the rules conformance cases,
# unit + socket + crash suites (vitest), one production build, then the Chromium end-to-end tests.
# Ends with the line "N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
OUT=reports
mkdir -p "$OUT"
failed_steps=()
step() {
  local name="$1"; shift
  echo "── $name"
  local t0=$SECONDS
  if "$@"; then echo "   ✓ $name ($((SECONDS - t0)) s)"; else echo "   ✗ $name ($((SECONDS - t0)) s)"; failed_steps+=("$name"); fi
}

step "typecheck" npx tsc --noEmit
step "lint (ESLint, project rules)" npm run --silent lint
step "format" npx prettier --check . --log-level warn
cases=(tests/unit/rules/cases)
[ -d ../shared/rules-cases ] && cases+=(../shared/rules-cases)
step "rules conformance" npm run --silent rules:check -- "${cases[@]}"
step "unit, socket and crash tests" npx vitest run --reporter=default --reporter=json --outputFile="$OUT/vitest.json"
step "production build" npm run --silent build
step "client bundle and page headers" npx tsx scripts/check-bundle.ts
echo "── dependency audit"
npx tsx scripts/check-audit.ts
case $? in
  0) echo "   ✓ dependency audit" ;;
  2) echo "   - dependency audit skipped (not a pass: reason above)" ;;
  *) echo "   ✗ dependency audit"; failed_steps+=("dependency audit") ;;
esac
step "end-to-end (Chromium)" env PLAYWRIGHT_JSON_OUTPUT_NAME="$OUT/playwright.json" npx playwright test --reporter=list,json

node -e '
const fs = require("fs");
let passed = 0, failed = 0;
try { const v = JSON.parse(fs.readFileSync("reports/vitest.json", "utf8")); passed += v.numPassedTests; failed += v.numFailedTests; } catch { failed += 1; }
try { const p = JSON.parse(fs.readFileSync("reports/playwright.json", "utf8")); passed += p.stats.expected; failed += p.stats.unexpected + (p.stats.flaky || 0); } catch { failed += 1; }
const steps = Number(process.argv[1]);
console.log(`\n${passed} passed, ${failed + steps} failed`);
' "${#failed_steps[@]}"
if [ ${#failed_steps[@]} -gt 0 ]; then
  echo "Failed steps: ${failed_steps[*]}"
  exit 1
fi
