#!/usr/bin/env bash
# Installs everything the app and its tests need, from the package registries only, idempotently:
# a warm machine takes seconds. Safe to run again at any time.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
# wasm-bindgen-cli must equal the wasm-bindgen pinned with `=` in Cargo.toml (and so in Cargo.lock).
WB_VERSION=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' Cargo.toml)
[ -n "$WB_VERSION" ] || { echo "setup: no wasm-bindgen = \"=X.Y.Z\" pin in Cargo.toml" >&2; exit 1; }
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n== %s\n' "$*"; }

# 1. The wasm target.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# 1b. rustfmt and clippy for the test command's format and lint checks (this machine kind ships them).
for component in rustfmt clippy; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
    step "rustup component add $component"
    rustup component add "$component"
  fi
done

# 2. trunk (0.22 needs a newer rustc than this machine's).
if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  step "cargo install trunk $TRUNK_VERSION (about 6 minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# 3. wasm-bindgen-cli, exactly the pinned version (no --locked: its lock file names a yanked crate).
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WB_VERSION" ] \
   || ! command -v wasm-bindgen-test-runner >/dev/null; then
  step "cargo install wasm-bindgen-cli $WB_VERSION (about 2 minutes)"
  cargo install wasm-bindgen-cli --version "$WB_VERSION" --force
fi

# 4. Debian chromium + chromedriver for the browser tests, firefox-esr for the end-to-end tests in Firefox
#    (e2e/engines*.mjs drive it with puppeteer-core over WebDriver BiDi; no browser is ever downloaded).
if ! [ -x /usr/bin/chromium ] || ! [ -x /usr/bin/chromedriver ] || ! [ -x /usr/bin/firefox-esr ]; then
  step "apt-get install chromium chromium-driver firefox-esr"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver firefox-esr fonts-noto-cjk >/dev/null
fi
# CJK fonts so screenshots and PDFs of the page render Chinese (optional for the tests, cheap once).
if ! fc-list 2>/dev/null | grep -qi 'cjk'; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq fonts-noto-cjk >/dev/null 2>&1 \
    || { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq fonts-noto-cjk >/dev/null; } \
    || echo "setup: fonts-noto-cjk not installed (screenshots will show boxes; tests do not depend on it)"
fi
# pdftotext (poppler-utils): e2e/print.test.mjs reads the printed PDF's text (the page numbers).
if ! [ -x /usr/bin/pdftotext ]; then
  step "apt-get install poppler-utils"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq poppler-utils >/dev/null 2>&1 \
    || { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq poppler-utils >/dev/null; }
fi

# 5. npm packages from the committed lock file: binaryen (wasm-opt), playwright-core and puppeteer-core (which must
#    never download a browser: the system's Chromium and Firefox ESR are used).
export PUPPETEER_SKIP_DOWNLOAD=1
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat node_modules/.lock-sum 2>/dev/null)" != "$lock_sum" ]; then
  step "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_sum" > node_modules/.lock-sum
fi

echo "setup: ok (trunk $TRUNK_VERSION, wasm-bindgen $WB_VERSION, $(node_modules/.bin/wasm-opt --version 2>/dev/null | head -1), $(/usr/bin/chromium --version 2>/dev/null), $(/usr/bin/firefox-esr --version 2>/dev/null))"
