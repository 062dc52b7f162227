#!/usr/bin/env bash
# All the product's benchmarks in one command (results and method: BENCHMARKS.md). From the repository root:
#   bash scripts/bench.sh
# 1. set-up and the release build as shipped, with its size report (what loads before interactive, everything);
# 2. the page (bench/perf.mjs): cold load with 4x CPU throttling, keystroke-to-feedback latency at 200 / 1000 /
#    5000 rows against a bare <input>, one draft save at 1000 rows against JSON.stringify + setItem, 5000 rows;
# 3. the export (bench/run.mjs): the shipped export worker (dist/worker*) against ExcelJS at 1000 and 5000 rows.
# 4. the import's reader on pathological input (benches/reader_bench.rs): 1 MB and 4 MB, which must take ~4x as long.
# 5. memory (bench/memory.mjs): the renderer after each of 8 imports replacing a 5000-row table.
# 6. the intake (bench/intake.mjs): 30 enterprise .xlsx files at once, until the report shows and until applied.
# 7. start-up (bench/startup.mjs): a cold load at 4x CPU throttling split into fetch, compile + instantiate, first
#    render, storage + restore, first paint and form ready, with a warm repeat visit beside it.
# 8. earlier years (benches/history_bench.rs natively, bench/history.mjs in the page): one title and 5000 rows against
#    10 000 earlier projects through the index, against comparing all pairs.
# Prints everything and keeps a copy in bench/last-run.txt (not committed).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
[ -d bench/node_modules/exceljs ] || (cd bench && npm ci --no-audit --no-fund)
{
  echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) · commit $(git rev-parse --short HEAD) · $(nproc) cores · load $(cut -d' ' -f1-3 /proc/loadavg) · $(/usr/bin/chromium --version 2>/dev/null || true)"
  bash scripts/build-release.sh
  echo
  node bench/perf.mjs
  echo
  rm -rf bench/wk && mkdir -p bench/wk && cp dist/worker.js dist/worker_bg.wasm dist/worker_loader.js bench/wk/
  node bench/run.mjs "${BENCH_RUNS:-7}" 2
  echo
  cargo bench --bench reader_bench
  echo
  node bench/memory.mjs
  echo
  node bench/intake.mjs "${BENCH_RUNS:-7}"
  echo
  node bench/startup.mjs "${BENCH_RUNS:-7}"
  echo
  cargo bench --bench history_bench
  echo
  node bench/history.mjs "${BENCH_RUNS:-5}"
} 2>&1 | tee bench/last-run.txt
