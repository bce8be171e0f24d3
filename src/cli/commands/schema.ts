/** `stargate schema`: the JSON Schema of the scenario format. */
import { scenarioSchema } from '../../scenario/format.js';
import { writeResult, type OutTarget } from '../io.js';

export function schemaText(): string {
  return `${JSON.stringify(scenarioSchema(), null, 2)}\n`;
}

export function schemaCommand(opts: OutTarget): number {
  writeResult(schemaText(), opts);
  return 0;
}
