#!/usr/bin/env bash
# Sets everything up, then runs every test layer: format and lint checks, host core tests, browser unit tests in headless Chromium,
# the release build with its size budget, and the end-to-end tests against that release build.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

echo; echo "== 0/4 format and lint: cargo fmt --check, cargo clippy (host and wasm32) with warnings as errors"
cargo fmt --check
cargo clippy --quiet --all-targets -- -D warnings
browser_tests=()
for f in tests/browser_*.rs; do browser_tests+=(--test "$(basename "$f" .rs)"); done
cargo clippy --quiet --target wasm32-unknown-unknown --lib --bins "${browser_tests[@]}" -- -D warnings

echo; echo "== 1/4 host: cargo test (pure core)"
cargo test --quiet

echo; echo "== 2/4 browser unit tests: wasm-bindgen-test in headless Chromium"
CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=120 \
  cargo test --target wasm32-unknown-unknown "${browser_tests[@]}"

echo; echo "== 3/4 release build (trunk, wasm-opt -Oz) and size budget"
bash scripts/build-release.sh

echo; echo "== 4/4 end-to-end: playwright-core + /usr/bin/chromium against the release build on 127.0.0.1;"
echo "   e2e/engines-*.test.mjs also in /usr/bin/firefox-esr (puppeteer-core, WebDriver BiDi), the one-file copy from file://"
export PUPPETEER_SKIP_DOWNLOAD=1
node --test --test-concurrency=1 e2e/
