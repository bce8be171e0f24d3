/** Text for HTML: every name and label from a scenario file passes through here. */
import { printable } from '../../scenario/problems.js';

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe in an element or a quoted attribute: markup characters as entities, control characters shown as printable() shows them. */
export function esc(s: string): string {
  return printable(s).replace(/[&<>"']/g, (c) => ENTITIES[c] as string);
}
