// Makes dist/shenbao-offline.html: the whole release in one HTML file that works when opened from disk (file://).
// Run by scripts/postbuild.mjs after trunk (or alone: `node scripts/one-file.mjs dist`).
//
// What goes in, read from dist/ and from how index.html names it (nothing here names today's files):
// - the app: trunk's inline module loader names its JS glue and wasm; the glue is inlined as a module script with its
//   `export`s turned into a `bindings` object, the wasm gzip-compressed in a data block as 85-character text
//   (encode85), unpacked with DecompressionStream and given to wasm-bindgen's init as bytes;
// - every worker trunk emitted: each `*_loader.js` (`importScripts("./X.js");wasm_bindgen("./X_bg.wasm");`) becomes
//   two data blocks, X.js and X_bg.wasm, packed alike. The page's `shenbaoWorkerUrl(name)` (read by
//   src/shell/worker_url.rs) turns one into a Blob URL of a classic worker (Chromium refuses module workers from
//   blob: on file://); a wasm file no loader names fails the build;
// - the CSS as a <style>, the icon as a data: URL; the manifest, preloads and the trunk CSP are dropped;
// - the inline scripts of index.html (crash notice, start check) as they are.
// Its own CSP: hashes of its inline scripts and style, 'wasm-unsafe-eval', blob: workers, nothing from any origin.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

export const ONE_FILE = 'shenbao-offline.html';

const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

// Binary data as text: 85 printable ASCII characters (all but " $ % & ' < > \ `, so a data block can hold no markup
// and a JS string needs no escape), 5 characters for 4 bytes: a quarter over the bytes where base64 costs a third.
export const ALPHABET = [...Array(94)].map((_, i) => String.fromCharCode(33 + i)).filter((c) => !`"$%&'<>\\\``.includes(c)).join('');
if (ALPHABET.length !== 85) throw new Error('one-file: the alphabet must have 85 characters');

/** `bytes` in the 85-character text (the last group padded with zero bytes: the reader cuts at the stored length). */
export function encode85(bytes) {
  const padded = Buffer.concat([bytes, Buffer.alloc((4 - (bytes.length % 4)) % 4)]);
  const out = new Array((padded.length / 4) * 5);
  for (let i = 0, o = 0; i < padded.length; i += 4, o += 5) {
    let v = padded.readUInt32BE(i);
    for (let j = 4; j >= 0; j--) { out[o + j] = ALPHABET[v % 85]; v = Math.floor(v / 85); }
  }
  return out.join('');
}

/** The reader of encode85's text, as source for the page and the workers (old syntax: it runs in both). */
export const DECODE85 = `function decode85(text, length) {
  var A = '${ALPHABET}', map = new Uint8Array(128), out = new Uint8Array(Math.ceil(length / 4) * 4), i, j, v, o = 0;
  for (i = 0; i < 85; i++) map[A.charCodeAt(i)] = i;
  for (i = 0; i + 5 <= text.length; i += 5) {
    for (v = 0, j = 0; j < 5; j++) v = v * 85 + map[text.charCodeAt(i + j)];
    out[o++] = v >>> 24; out[o++] = (v >>> 16) & 255; out[o++] = (v >>> 8) & 255; out[o++] = v & 255;
  }
  return out.subarray(0, length);
}`;

/** A data block holding `bytes` gzip-compressed in the 85-character text, with `attrs`. */
function packedBlock(bytes, attrs) {
  const gz = gzipSync(bytes, { level: 9 });
  return `<script type="application/x-shenbao-gzip-85" data-bytes="${gz.length}" ${attrs}>${encode85(gz)}</script>`;
}
const fail = (why) => { throw new Error(`one-file: ${why}`); };

/** Text safe inside a <script> element: `</script` and `<!--` would end or confuse it. */
function scriptSafe(text, what) {
  const safe = text.replace(/<\/script/gi, '<\\/script').replace(/<!--/g, '<\\!--');
  if (/<\/script|<!--/i.test(safe)) fail(`${what} cannot be put inside a <script>`);
  return safe;
}

/** The app's JS glue (an ES module) as the body of an inline module: `export`s become plain declarations, listed in
 * `bindings` (what trunk's loader puts on window.wasmBindings); the wasm's default path is never used (bytes are
 * passed) and is removed, so the copy names no other file. */
export function inlineGlue(js) {
  if (/^\s*import\b/m.test(js)) fail('the app glue imports another file (snippets?): cannot inline it');
  const names = [];
  let body = js.replace(/^export (class|function|const|let|async function) ([\w$]+)/gm, (_, kind, name) => {
    names.push([name, name]);
    return `${kind} ${name}`;
  });
  body = body.replace(/^export \{([^}]*)\};?\s*$/gm, (_, list) => {
    for (const item of list.split(',').map((s) => s.trim()).filter(Boolean)) {
      const [local, as] = item.split(/\s+as\s+/);
      names.push([as || local, local]);
    }
    return '';
  });
  if (/^export\b/m.test(body)) fail('the app glue has an export form this script does not know');
  body = body.replace(/new URL\(\s*['"][^'"]*['"]\s*,\s*import\.meta\.url\s*\)/g, 'undefined');
  if (/import\.meta/.test(body)) fail('the app glue still uses import.meta');
  // Indentation and doc comments are a fifth of the glue; drop them unless a line could be inside a multi-line
  // template literal or string (an odd count of backticks, a trailing backslash).
  const lines = body.split('\n');
  if (lines.every((l) => (l.match(/`/g) || []).length % 2 === 0 && !/\\$/.test(l))) {
    body = body.replace(/^[ \t]*\/\*\*[ \t]*\n(?:[ \t]*\*(?!\/).*\n)*[ \t]*\*\/[ \t]*\n/gm, '').replace(/^[ \t]+/gm, '');
  }
  const init = names.find(([as]) => as === 'default');
  if (!init) fail('the app glue has no default export (init)');
  const bindings = `{ ${names.map(([as, local]) => `${JSON.stringify(as)}: ${local}`).join(', ')} }`;
  return { body, init: init[1], bindings };
}

/** The workers trunk emitted: every `<name>_loader.js` with the script and wasm it loads. */
export function workersIn(dist) {
  const workers = [];
  for (const loader of readdirSync(dist).filter((n) => n.endsWith('_loader.js')).sort()) {
    const text = readFileSync(join(dist, loader), 'utf8');
    const m = text.match(/^\s*importScripts\(\s*["']\.\/([^"']+\.js)["']\s*\)\s*;\s*wasm_bindgen\(\s*["']\.\/([^"']+\.wasm)["']\s*\)\s*;?\s*$/);
    if (!m) fail(`${loader} is not trunk's worker loader shim (importScripts + wasm_bindgen)`);
    workers.push({ name: loader, script: m[1], wasm: m[2] });
  }
  return workers;
}

// Runs in the page (one-file copy only), before the app: unpacks a data block, and gives each worker a Blob URL.
const BOOT = `
${DECODE85}
const inflate = async (packed) =>
  new Uint8Array(await new Response(new Blob([packed]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer());
const unpack = (block) => inflate(decode85(block.textContent.trim(), Number(block.dataset.bytes)));
const workerUrls = new Map();
// The worker's script, then: unpack its wasm (kept in the blob as text) and start wasm-bindgen with the bytes.
const WORKER_START = ${JSON.stringify(`;(async function (text, length) {
  ${DECODE85}
  var stream = new Blob([decode85(text, length)]).stream().pipeThrough(new DecompressionStream('gzip'));
  var bytes = await new Response(stream).arrayBuffer();
  await wasm_bindgen({ module_or_path: bytes });
})(`)};
// Each worker's script, unpacked now (small) so that a worker can be started synchronously later.
const workerScripts = new Map();
for (const block of document.querySelectorAll('script[data-worker-js]')) {
  workerScripts.set(block.dataset.workerJs, new TextDecoder().decode(await unpack(block)));
}
window.shenbaoOneFile = true;
window.shenbaoWorkerUrl = (path) => {
  const name = String(path).replace(/^\\.\\//, '');
  if (!workerUrls.has(name)) {
    const block = [...document.querySelectorAll('script[data-wasm-of]')].find((s) => s.dataset.wasmOf === name);
    if (!block || !workerScripts.has(name)) return null;
    const source = [workerScripts.get(name), WORKER_START, JSON.stringify(block.textContent.trim()), ', ', Number(block.dataset.bytes), ');'];
    workerUrls.set(name, URL.createObjectURL(new Blob(source, { type: 'text/javascript' })));
  }
  return workerUrls.get(name);
};
`;

/** Builds the one-file copy's HTML from a trunk release in `dist`. */
export function buildOneFile(dist) {
  let html = readFileSync(join(dist, 'index.html'), 'utf8');
  const read = (name) => {
    if (!existsSync(join(dist, name))) fail(`index.html names ${name}, which is not in ${dist}`);
    return readFileSync(join(dist, name));
  };

  // The app: trunk's inline module loader names the glue and the wasm.
  const loaderRe = /<script type="module">\s*import init, \* as bindings from '\.\/([^']+\.js)';\s*const wasm = await init\(\{ module_or_path: '\.\/([^']+\.wasm)' \}\);([\s\S]*?)<\/script>/;
  const loader = html.match(loaderRe) || fail("index.html has no trunk module loader of the form this script knows");
  const [, glueName, wasmName, afterInit] = loader;
  const glue = inlineGlue(read(glueName).toString('utf8'));
  // The glue in a scope of its own (its top-level names, e.g. `wasm`, would clash with the loader's).
  const appModule = [
    `const glue = (() => {\n${glue.body}\nreturn { init: ${glue.init}, bindings: ${glue.bindings} };\n})();`,
    BOOT,
    'const bindings = glue.bindings;',
    "const wasm = await glue.init({ module_or_path: await unpack(document.getElementById('shenbao-app-wasm')) });",
    afterInit.trim(),
  ].join('\n');

  const workers = workersIn(dist);
  const wasmFiles = readdirSync(dist).filter((n) => n.endsWith('.wasm'));
  const covered = new Set([wasmName, ...workers.map((w) => w.wasm)]);
  const stray = wasmFiles.filter((n) => !covered.has(n));
  if (stray.length) fail(`no loader names ${stray.join(', ')}: the one-file copy would lack it`);
  const blocks = [
    packedBlock(read(wasmName), 'id="shenbao-app-wasm"'),
    ...workers.map((w) => [
      packedBlock(read(w.script), `data-worker-js="${w.name}"`),
      packedBlock(read(w.wasm), `data-wasm-of="${w.name}"`),
    ].join('\n')),
  ];

  html = html.replace(loader[0], () => `<script type="module">\n${scriptSafe(appModule, glueName)}\n</script>`);

  // CSS → <style>; icon → data: URL; the manifest, preloads and trunk's CSP (remade below) go.
  html = html.replace(/<link rel="stylesheet" href="\.\/([^"]+\.css)"[^>]*>/g, (_, name) =>
    `<style>\n${read(name).toString('utf8').replace(/<\/style/gi, '<\\/style')}\n</style>`);
  html = html.replace(/<link rel="icon" href="([^"]+)" type="([^"]+)">/g, (_, name, type) =>
    `<link rel="icon" href="data:${type};base64,${read(name).toString('base64')}" type="${type}">`);
  html = html.replace(/<link rel="(?:manifest|modulepreload|preload)"[^>]*>/g, '');
  html = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\n?\s*/g, '');
  html = html.replace('</body>', () => `${blocks.join('\n')}\n</body>`);

  const scripts = [...html.matchAll(/<script(?:\s+type="module")?>([\s\S]*?)<\/script>/g)].map((m) => sha256(m[1]));
  const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => sha256(m[1]));
  const csp = [
    "default-src 'none'",
    `script-src 'wasm-unsafe-eval' ${scripts.join(' ')}`,
    `style-src ${styles.join(' ')}`,
    'img-src data: blob:',
    'worker-src blob:',
    "connect-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  html = html.replace('<meta charset="utf-8">', `<meta charset="utf-8">\n  <meta http-equiv="Content-Security-Policy" content="${csp}">`);
  return { html, workers: workers.map((w) => w.name), scripts: scripts.length, styles: styles.length };
}

/** Writes dist/shenbao-offline.html; returns what went in. */
export function writeOneFile(dist) {
  const built = buildOneFile(dist);
  writeFileSync(join(dist, ONE_FILE), built.html);
  return { ...built, bytes: Buffer.byteLength(built.html) };
}

if (import.meta.url === pathToFileURL(process.argv[1] || '').href) {
  const r = writeOneFile(process.argv[2] || 'dist');
  console.log(`one-file: ${ONE_FILE} ${r.bytes} B, workers ${r.workers.join(', ') || 'none'}`);
}
