// Bundles the CLI for a fast start (`tsc` has already type-checked and compiled
// src/ to dist/, which the bench and the worker-free library paths use):
//
// - dist/bin/stargate.cjs: the whole CLI as one CommonJS file. Commands are
//   still initialised lazily (esbuild wraps each module in an init function),
//   and CommonJS loads synchronously, without the ES module loader's set-up.
// - dist/bin/stargate.cjs.cache: the V8 code cache of that file, written by
//   running `stargate model` once on this machine's Node. bin/stargate.js hands
//   it to V8 so that the functions a run needs are not compiled again; a cache
//   from another Node version is rejected by V8 and the file compiles as usual.
// - dist/bin/sim-worker.js: the simulate worker thread's entry (ES module).
// - dist/bin/html.cjs: the html renderer with the charting library (ECharts),
//   loaded only for --format html. It is far larger than the rest of the CLI:
//   kept out of stargate.cjs, it costs nothing to the start of other runs.
//
// exceljs (export --format xlsx) stays out of the bundle: src/report/render-xlsx.ts
// requires it from node_modules only when it writes a workbook.
import { spawnSync } from 'node:child_process';
import { rmSync, existsSync, readFileSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('dist/bin', { recursive: true, force: true });

// commander loads node:child_process (and with it the network stack) only for
// executable subcommands, which stargate has none of: load it on first use.
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes('node_modules/commander') ? { path: 'child_process', namespace: 'lazy' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, () => ({
      contents: "let m; const load = () => (m ??= require('node:child_process')); module.exports = new Proxy({}, { get: (_t, k) => load()[k] });",
      loader: 'js',
    }));
  },
};

// The CLI's bundle leaves the html renderer out: its dynamic import (src/report/renderers.ts)
// becomes a require() of dist/bin/html.cjs, run only when html is asked for. A require,
// not an import(): bin/stargate.js runs the bundle as a vm.Script, which has no import().
const htmlApart = {
  name: 'html-apart',
  setup(b) {
    b.onResolve({ filter: /\/html\/render-html\.js$/ }, () => ({ path: 'html', namespace: 'html-apart' }));
    b.onLoad({ filter: /.*/, namespace: 'html-apart' }, () => ({ contents: "module.exports = require('./html.cjs');", loader: 'js' }));
    b.onResolve({ filter: /^\.\/html\.cjs$/ }, (args) => (args.namespace === 'html-apart' ? { path: './html.cjs', external: true } : undefined));
  },
};

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };

await build({
  ...common,
  entryPoints: { stargate: 'src/cli/main.ts' },
  outdir: 'dist/bin',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  plugins: [lazyChildProcess, htmlApart],
  // no comments, so that the bundle is ASCII (non-ASCII in strings is escaped, esbuild's default charset): bin/stargate.js
  // reads it as latin1, a one-byte string without UTF-8 decoding, half the size of the two-byte string UTF-8 gave
  minifyWhitespace: true,
  // the xlsx library loads in a third of a second: required from node_modules when a workbook is written, never bundled
  external: ['exceljs'],
  // the one import.meta.url (the worker's file) points beside the bundle
  define: { 'import.meta.url': '__stargateUrl' },
  banner: { js: "var __stargateUrl = require('node:url').pathToFileURL(__filename).href;" },
});

await build({
  ...common,
  entryPoints: { 'sim-worker': 'src/cli/sim-worker.ts' },
  outdir: 'dist/bin',
  format: 'esm',
  // yaml's CommonJS build requires Node's process and buffer: give the ES module bundle a require()
  banner: { js: "import { createRequire as __stargateRequire } from 'node:module'; const require = __stargateRequire(import.meta.url);" },
});

await build({
  ...common,
  entryPoints: { html: 'src/report/html/render-html.ts' },
  outdir: 'dist/bin',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  // loaded once per html run: minified, it parses in about half the time; ECharts' development
  // checks (and their console warnings) left out
  minify: true,
  define: { 'process.env.NODE_ENV': '"production"' },
});

// bin/stargate.js reads the bundle as latin1: it must be ASCII
const bundleText = readFileSync('dist/bin/stargate.cjs');
const nonAscii = bundleText.findIndex((b) => b > 0x7f);
if (nonAscii >= 0) throw new Error(`dist/bin/stargate.cjs is not ASCII at byte ${nonAscii}; bin/stargate.js reads it as latin1`);

// the code cache: one representative run (its output discarded)
const scenario = 'scenarios/circular-100b.yaml';
if (existsSync(scenario)) {
  const r = spawnSync(process.execPath, ['bin/stargate.js', 'model', scenario], {
    env: { ...process.env, STARGATE_WRITE_CODE_CACHE: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (r.status !== 0) throw new Error(`writing the code cache: stargate model ${scenario} exited with ${r.status}`);
}
