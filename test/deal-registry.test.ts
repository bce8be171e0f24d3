// Deal types are modules behind one registry. The type checks below run with `npm run typecheck`
// (test/tsconfig.json): each @ts-expect-error fails the typecheck if the line stops being an error.
import { describe, expect, it } from 'vitest';
import { DEAL_TYPES, type DealType } from '../src/deals/registry.js';
import type { DealModule } from '../src/deals/types.js';
import { scenarioSchema } from '../src/scenario/format.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each module's own types
type Registry = { readonly [K in DealType]: DealModule<K, any, any> };

describe('the deal registry', () => {
  it('fails to compile when a type has no module, or a module sits under another name', () => {
    // every module but credit_line's, and every module with purchase's filed under equity: each is the one mistake
    const { credit_line: _dropped, ...withoutCreditLine } = DEAL_TYPES;
    // @ts-expect-error credit_line is missing
    const missing: Registry = withoutCreditLine;
    // @ts-expect-error the purchase module registered as equity
    const misfiled: Registry = { ...DEAL_TYPES, equity: DEAL_TYPES.purchase };
    const complete: Registry = DEAL_TYPES;
    expect([missing, misfiled, complete].length).toBe(3);
  });

  it('gives every type its fields in the schema and names its whole fields among them', () => {
    const schema = JSON.stringify(scenarioSchema());
    for (const [type, m] of Object.entries(DEAL_TYPES)) {
      expect(m.type).toBe(type);
      expect(schema).toContain(`"enum":["${type}"]`);
      for (const f of m.whole) expect(Object.keys(m.fields)).toContain(f);
    }
  });
});
