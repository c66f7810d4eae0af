// Bundles the front-end libraries into src/Ledger.Api/wwwroot/lib/ (committed, served by the API; no CDN).
//   npm run build   writes the bundles
//   npm run check   rebuilds in memory and fails if the committed bundles differ (run by the API tests)
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const outdir = path.resolve(here, '../src/Ledger.Api/wwwroot/lib');
const check = process.argv.includes('--check');

const entries = {
  // Chart.js with every chart type registered, as window.Chart (situation center).
  chart: 'src/chart.js',
  // jsQR, as window.jsQR: reads a QR code from a camera frame or an uploaded image (verification).
  jsqr: 'src/jsqr.js',
  // CaseLedger's own small behaviours shared by every page.
  site: 'src/site.js',
};

const result = await build({
  absWorkingDir: here,
  entryPoints: entries,
  outdir,
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  legalComments: 'eof',
  charset: 'utf8',
  logLevel: 'warning',
  write: !check,
});

if (check) {
  const stale = [];
  for (const file of result.outputFiles) {
    let committed = null;
    try { committed = await readFile(file.path); } catch { /* missing */ }
    if (committed === null || Buffer.compare(committed, Buffer.from(file.contents)) !== 0) {
      stale.push(path.relative(path.resolve(here, '..'), file.path));
    }
  }
  if (stale.length > 0) {
    console.error(`The committed bundles are out of date: ${stale.join(', ')}. Run "npm run build" in web/ and commit the result.`);
    process.exit(1);
  }
  console.log(`${result.outputFiles.length} bundles match the sources.`);
}
