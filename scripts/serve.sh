#!/usr/bin/env bash
# Sets everything up, then serves the app on http://127.0.0.1:8080/ with live rebuilds (trunk serve).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
echo "serving 申报表填报助手 at http://127.0.0.1:${PORT:-8080}/  (Ctrl-C stops)"
exec trunk serve --offline --port "${PORT:-8080}" --address 127.0.0.1 "$@"
