// Bundles the CLI for a fast start: one file per command, loaded only when that
// command runs (esbuild code splitting), instead of hundreds of small modules.
// `tsc` has already type-checked and compiled src/ to dist/ (used by the bench).
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('dist/bin', { recursive: true, force: true });

await build({
  entryPoints: { main: 'src/cli/main.ts', 'sim-worker': 'src/cli/sim-worker.ts' },
  outdir: 'dist/bin',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  // commander and cli-table3 are CommonJS: give the ESM bundle a require()
  banner: { js: "import { createRequire as __stargateRequire } from 'node:module'; const require = __stargateRequire(import.meta.url);" },
});
