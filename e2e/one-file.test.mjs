// The one-file copy references nothing outside itself (read as text, no browser): no src/href/url()/import of another
// file, no fetch of a relative URL, no service worker, and a CSP that allows nothing from any origin. And the builder
// (scripts/one-file.mjs) is generic: it inlines every worker trunk emitted and refuses a wasm file no loader names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ALPHABET, DECODE85, buildOneFile, encode85, ONE_FILE } from '../scripts/one-file.mjs';

const DIST = process.env.SHENBAO_DIST ? resolve(process.env.SHENBAO_DIST) : resolve(new URL('..', import.meta.url).pathname, 'dist');

/** The copy split into its markup (tags and text, without any script or style body), executable scripts, styles, and
 * data blocks. */
function parts(html) {
  const scripts = [], styles = [], data = [];
  const markup = html
    .replace(/<script([^>]*)>([\s\S]*?)<\/script>/g, (_, attrs, body) => {
      (/type="(?!module")/.test(attrs) ? data : scripts).push({ attrs, body });
      return `<script${attrs}></script>`;
    })
    .replace(/<style>([\s\S]*?)<\/style>/g, (_, body) => { styles.push(body); return '<style></style>'; });
  return { markup, scripts, styles, data };
}

const copy = () => readFileSync(join(DIST, ONE_FILE), 'utf8');
const sha = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

test('the one-file copy names no other file', () => {
  const { markup, scripts, styles, data } = parts(copy());
  const refs = [...markup.matchAll(/\s(src|href|action|formaction|poster|srcset|data|manifest)\s*=\s*"([^"]*)"/gi)]
    .map((m) => m[2]).filter((v) => !v.startsWith('data:') && !v.startsWith('#'));
  assert.deepEqual(refs, [], 'no attribute names a file');
  assert.doesNotMatch(markup, /<link[^>]+rel="(?:stylesheet|manifest|modulepreload|preload)"/);
  for (const css of styles) {
    assert.deepEqual([...css.matchAll(/url\(\s*['"]?(?!data:)([^'")]+)/g)].map((m) => m[1]), [], 'no url() of a file');
    assert.doesNotMatch(css, /@import/);
  }
  for (const { body } of scripts) {
    assert.doesNotMatch(body, /^\s*import\b|\bimport\s*\(|importScripts\s*\(\s*['"]/m, 'no import of a file');
    assert.doesNotMatch(body, /\bfetch\(\s*['"`](?!blob:|data:)/, 'no fetch of a relative URL');
    assert.doesNotMatch(body, /new\s+(?:Shared)?Worker\(\s*['"`]/, 'no worker from a file');
    assert.doesNotMatch(body, /import\.meta|serviceWorker\.register/);
  }
  // The data blocks hold only the 85 characters (no < > & quotes): nothing in them is read as markup or code.
  for (const { body } of data) assert.ok([...body.trim()].every((c) => ALPHABET.includes(c)), 'a data block is text of the alphabet');
  assert.ok(data.some((d) => /id="shenbao-app-wasm"/.test(d.attrs)), 'the app wasm is inside');
  assert.ok(data.some((d) => /data-wasm-of=/.test(d.attrs)), 'a worker wasm is inside');
});

test("the one-file copy's CSP allows only what is inside it", () => {
  const html = copy();
  const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)[1];
  const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  assert.deepEqual(directives['default-src'], ["'none'"]);
  assert.deepEqual(directives['worker-src'], ['blob:']);
  assert.deepEqual(directives['connect-src'], ["'none'"]);
  assert.ok(directives['script-src'].includes("'wasm-unsafe-eval'"));
  assert.doesNotMatch(csp, /https?:|'self'|'unsafe-inline'|'unsafe-eval'|\*/, 'nothing from any origin');
  const { scripts, styles } = parts(html);
  assert.deepEqual(directives['script-src'].filter((s) => s.startsWith("'sha256")).sort(), scripts.map((s) => sha(s.body)).sort());
  assert.deepEqual(directives['style-src'].sort(), styles.map(sha).sort());
});

/** A minimal trunk-like release: index.html with trunk's module loader, the app glue, and `workers` loaders. */
function fakeRelease(workers, extraWasm = []) {
  const dir = mkdtempSync(join(tmpdir(), 'shenbao-onefile-'));
  writeFileSync(join(dir, 'index.html'), `<!DOCTYPE html><html><head><meta charset="utf-8">
<script type="module">
import init, * as bindings from './app-1.js';
const wasm = await init({ module_or_path: './app-1_bg.wasm' });
window.wasmBindings = bindings;
</script>
<link rel="stylesheet" href="./main-1.css" integrity="x"/>
<link rel="icon" href="icon.svg" type="image/svg+xml">
<link rel="manifest" href="manifest.webmanifest">
</head><body></body></html>`);
  writeFileSync(join(dir, 'app-1.js'), "let wasm;\nexport function hello() {}\nfunction __wbg_init(m) { return new URL('app_bg.wasm', import.meta.url); }\nexport { __wbg_init as default };\n");
  writeFileSync(join(dir, 'app-1_bg.wasm'), Buffer.from([0, 97, 115, 109, 1, 0, 0, 0]));
  writeFileSync(join(dir, 'main-1.css'), 'body { color: red; }');
  writeFileSync(join(dir, 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  for (const w of workers) {
    writeFileSync(join(dir, `${w}_loader.js`), `importScripts("./${w}.js");wasm_bindgen("./${w}_bg.wasm");`);
    writeFileSync(join(dir, `${w}.js`), `let wasm_bindgen = 1; // ${w}`);
    writeFileSync(join(dir, `${w}_bg.wasm`), Buffer.from([0, 97, 115, 109, 1, 0, 0, 0, w.length]));
  }
  for (const n of extraWasm) writeFileSync(join(dir, n), Buffer.from([0, 97, 115, 109]));
  return dir;
}

test('every worker trunk emitted is inlined, under the name the page starts it by', () => {
  const built = buildOneFile(fakeRelease(['worker', 'xls_worker']));
  assert.deepEqual(built.workers, ['worker_loader.js', 'xls_worker_loader.js']);
  const { data, scripts } = parts(built.html);
  for (const name of ['worker_loader.js', 'xls_worker_loader.js']) {
    assert.ok(data.some((d) => d.attrs.includes(`data-worker-js="${name}"`)), `${name}'s script is inside`);
    assert.ok(data.some((d) => d.attrs.includes(`data-wasm-of="${name}"`)), `${name}'s wasm is inside`);
  }
  const app = scripts.find((s) => s.body.includes('shenbaoWorkerUrl')).body;
  assert.match(app, /"hello": hello/, 'the glue\'s exports become window.wasmBindings');
  assert.doesNotMatch(app, /app_bg\.wasm|import\.meta|^export /m);
});

test('the 85-character text reads back to the same bytes, whatever their length', () => {
  const decode85 = new Function(`${DECODE85}; return decode85;`)();
  for (const length of [0, 1, 2, 3, 4, 5, 7, 8, 9, 1000, 4099]) {
    const bytes = Buffer.from(Array.from({ length }, (_, i) => (i * 167 + length * 31 + (i >> 3)) & 255));
    if (length > 8) bytes.fill(255, 0, 8); // the largest group: 85^5 > 2^32 must not overflow
    const text = encode85(bytes);
    assert.equal(text.length, Math.ceil(length / 4) * 5);
    assert.ok(Buffer.from(decode85(text, length)).equals(bytes), `length ${length}`);
  }
});

test('a wasm file that no loader names stops the build', () => {
  assert.throws(() => buildOneFile(fakeRelease(['worker'], ['other_bg.wasm'])), /other_bg\.wasm/);
});
