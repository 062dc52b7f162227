#!/usr/bin/env bash
# Builds the static release into dist/ (trunk, wasm-opt -Oz) and prints the gzip sizes against the budgets.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
trunk build --release --offline >/tmp/shenbao-trunk.log 2>&1 || { cat /tmp/shenbao-trunk.log; exit 1; }
node scripts/postbuild.mjs dist
node scripts/size-report.mjs dist
