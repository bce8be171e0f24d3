#!/usr/bin/env node
// Starts the compiled, bundled CLI (dist/bin/stargate.cjs; npm ci builds it
// through the prepare script). CommonJS (see bin/package.json), so that start-up
// needs no ES module loader. The build writes a V8 code cache beside the bundle;
// handing it to V8 spares compiling again the functions a run needs. V8 checks
// the cache and rejects one made by another Node or V8 version, and the bundle
// then compiles from its source as usual.
'use strict';
const { readFileSync, writeFileSync } = require('node:fs');
const { dirname, join } = require('node:path');
const { Script } = require('node:vm');
const { createRequire } = require('node:module');

const file = join(__dirname, '..', 'dist', 'bin', 'stargate.cjs');
const cacheFile = `${file}.cache`;
const writeCache = process.env.STARGATE_WRITE_CODE_CACHE === '1'; // set by build.mjs only

let cachedData;
if (!writeCache) {
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // no cache (a build that could not write it): compile from the source
  }
}
let source;
try {
  source = readFileSync(file, 'latin1'); // the build checks that the bundle is ASCII: no UTF-8 to decode
} catch {
  process.stderr.write(`stargate: the compiled CLI is missing (${file}); run npm run build (npm ci does it)\n`);
  process.exit(1);
}
const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
const bundle = { exports: {} };
script.runInThisContext().call(bundle.exports, bundle.exports, createRequire(file), bundle, file, dirname(file));

bundle.exports.main(process.argv.slice(2)).then(
  () => {
    if (writeCache) writeFileSync(cacheFile, script.createCachedData());
    // all output is written synchronously (src/cli/io.ts): nothing is left to flush
    process.exit();
  },
  (e) => {
    process.stderr.write(`stargate: ${e && e.message ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
