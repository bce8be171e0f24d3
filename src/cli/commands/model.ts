/** `stargate model FILE`: run one scenario and print its metrics. */
import { analyseOne, chartWanted, groupsFor, parseFormat, resolveBy, resolveParties, type CommonOptions } from '../common.js';
import { CliError } from '../io.js';
import { modelReport } from '../../report/model-report.js';
import { filterResult } from '../../report/filter.js';
import { writeReport } from './render.js';
import { addressesFor } from '../analysis-common.js';
import { readMetric } from '../../analysis/address.js';
import { metricsReport } from '../../report/metrics.js';

export async function modelCommand(file: string, opts: CommonOptions & { metric?: string[] }): Promise<number> {
  const format = parseFormat(opts.format);
  if (chartWanted(opts, format) && opts.metric?.length) throw new CliError('--chart draws the cash by period of the whole report; it does not go with --metric', 2);
  const full = analyseOne(file, opts.set ?? [], opts.quiet === true).result;
  if (opts.metric?.length) {
    const addresses = addressesFor(opts.metric, full.model);
    await writeReport(metricsReport(full.model, file, addresses, addresses.map((a) => readMetric(full, a))), format, opts);
    return 0;
  }
  const result = filterResult(full, resolveParties(opts.party, [full]));
  const { by, byDefault } = resolveBy(opts.by, result);
  await writeReport(modelReport(result, { by, byDefault, groups: groupsFor(result, by) }), format, opts);
  return 0;
}
