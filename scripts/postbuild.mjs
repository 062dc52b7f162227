// After `trunk build --release`: stamps the release id into dist/sw.js (a new release = a new service worker) and
// adds a strict Content-Security-Policy <meta> to dist/index.html, with the hash of trunk's inline loader script.
// (Only the release gets the CSP: trunk serve injects a live-reload script that a strict policy would block.)
// Then writes the one-file copy, dist/shenbao-offline.html (scripts/one-file.mjs).
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeOneFile, ONE_FILE } from './one-file.mjs';

const dist = process.argv[2] || 'dist';
const indexPath = join(dist, 'index.html');
let html = readFileSync(indexPath, 'utf8');

const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
  .map((m) => `'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
const csp = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
html = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\n?/, '');
html = html.replace('<meta charset="utf-8">', `<meta charset="utf-8">\n  <meta http-equiv="Content-Security-Policy" content="${csp}">`);
writeFileSync(indexPath, html);

const oneFile = writeOneFile(dist);
console.log(`postbuild: ${ONE_FILE} ${oneFile.bytes} B with ${oneFile.workers.length} worker(s): ${oneFile.workers.join(', ')}`);

// The release id: a hash over every file of the release but sw.js itself.
const h = createHash('sha256');
for (const name of readdirSync(dist).sort()) {
  if (name === 'sw.js' || name.startsWith('.')) continue;
  h.update(name);
  try { h.update(readFileSync(join(dist, name))); } catch { /* a folder */ }
}
const build = h.digest('hex').slice(0, 16);
const swPath = join(dist, 'sw.js');
writeFileSync(swPath, readFileSync(swPath, 'utf8').replace(/const BUILD = '[^']*';/, `const BUILD = '${build}';`));
console.log(`postbuild: release ${build}; CSP with ${hashes.length} inline script hash(es)`);
