#!/usr/bin/env node
// Runs the compiled, bundled CLI (npm ci builds dist/ through the prepare script).
import { main } from '../dist/bin/main.js';

main(process.argv.slice(2)).catch((e) => {
  process.stderr.write(`stargate: ${e && e.message ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
