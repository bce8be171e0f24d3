/** `stargate model FILE`: run one scenario and print its metrics. */
import { run } from '../../engine/engine.js';
import { computeMetrics } from '../../metrics/metrics.js';
import { modelJson } from '../../report/model-json.js';
import { loadForCommand, parseFormat } from '../common.js';
import { CliError, writeResult } from '../io.js';

export interface ModelOptions {
  format?: string;
  set?: string[];
  out?: string;
  force?: boolean;
  quiet?: boolean;
}

export function modelCommand(file: string, opts: ModelOptions): number {
  const format = parseFormat(opts.format ?? 'json');
  const model = loadForCommand(file, opts.set ?? [], opts.quiet === true);
  const result = run(model);
  const metrics = computeMetrics(result);
  if (format !== 'json') throw new CliError(`--format ${format} is not available yet for model; use --format json`, 2);
  writeResult(`${JSON.stringify(modelJson(result, metrics), null, 2)}\n`, opts);
  return 0;
}
