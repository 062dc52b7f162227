#!/usr/bin/env bash
# Measures the release bundle at opt-level "z" and "s" (same code, same wasm-opt -Oz); prints both size reports.
# Used to choose the release profile (see BENCHMARKS.md).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
for level in z s; do
  out="/tmp/shenbao-dist-opt-$level"
  CARGO_PROFILE_RELEASE_OPT_LEVEL=$level CARGO_TARGET_DIR="target/opt-$level" \
    trunk build --release --offline --dist "$out" >/tmp/shenbao-opt-$level.log 2>&1
  echo "== opt-level \"$level\""
  node scripts/size-report.mjs "$out" | grep -E '_bg.wasm|bundle size' || true
done
