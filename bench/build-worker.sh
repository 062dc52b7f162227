#!/usr/bin/env bash
# Builds the export worker exactly as trunk does (its `worker` cargo profile, wasm-bindgen no-modules, wasm-opt -Oz with the feature
# flags of index.html) into bench/wk/.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
cargo build --profile worker --target wasm32-unknown-unknown --bin worker
rm -rf bench/wk && mkdir -p bench/wk
wasm-bindgen --target no-modules --no-typescript --out-dir bench/wk "$CARGO_TARGET_DIR/wasm32-unknown-unknown/worker/worker.wasm"
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
  --enable-reference-types --enable-multivalue \
  bench/wk/worker_bg.wasm -o bench/wk/worker_bg.wasm
# The same 62-byte shim trunk's data-loader-shim emits.
printf 'importScripts("./worker.js");wasm_bindgen("./worker_bg.wasm");' > bench/wk/worker_loader.js
ls -l bench/wk
