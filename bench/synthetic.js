// A large synthetic scenario for the benchmark: monthly over 30 years, 50
// parties, 200 deals, 20 build-outs. Deterministic (no randomness).

/** YAML text of the synthetic scenario. */
export function syntheticScenario({ years = 30, parties = 50, deals = 200, buildouts = 20, step = 'month' } = {}) {
  const y0 = 2026;
  const y1 = y0 + years - 1;
  const lines = [];
  lines.push('stargate: 1', 'name: "Synthetic benchmark"', `timeline: {start: ${y0}-01, end: ${y1}-12, step: ${step}}`, 'discount_rate: 8%', 'parties:');
  for (let i = 0; i < parties; i++) {
    const margin = i % 3 === 0 ? `, gross_margin: {${y0}: ${50 + (i % 30)}%, ${y0 + 10}: ${40 + (i % 20)}%}` : '';
    lines.push(`  p${i}: {name: "Party ${i}", cash: ${10 + i}B, valuation: {${y0}: ${100 + i * 7}B, ${y0 + 15}: ${300 + i * 11}B}, recovery_rate: ${(i * 7) % 60}%${margin}}`);
  }
  lines.push('buildouts:');
  for (let b = 0; b < buildouts; b++) {
    const op = b % 10;
    const s1 = 10 + (b % 20);
    const s2 = 10 + ((b + 7) % 20);
    const gw = [];
    for (let y = y0; y <= y0 + 19; y++) gw.push(`${y}: ${((b + y) % 5) * 0.25 + 0.125}`);
    lines.push(`  b${b}:`, `    operator: p${op}`, `    gw: {${gw.join(', ')}}`, `    capex_per_gw: {${y0}: ${40 + b}B, ${y0 + 8}: ${35 + b}.5B}`,
      `    suppliers: {p${s1}: ${30 + (b % 30)}%, p${s2 === s1 ? s1 + 1 : s2}: 15%}`, `    opex_per_gw_year: ${1 + (b % 3) * 0.1}B`);
  }
  lines.push('operations:');
  for (let i = 0; i < 20; i++) lines.push(`  p${i}: {revenue: ${5 + i}B, costs: {${y0}: ${7 + i}B, ${y0 + 5}: ${9 + i}B}}`);
  lines.push('deals:');
  for (let d = 0; d < deals; d++) {
    const a = d % parties;
    const b = (d * 7 + 3) % parties === a ? (a + 1) % parties : (d * 7 + 3) % parties;
    const kind = d % 10 < 4 ? 'credit' : d % 10 < 7 ? 'equity' : 'purchase';
    if (kind === 'credit') {
      const draws = d % 2 === 0 ? `{buildout: b${d % buildouts}, per_gw: ${2 + (d % 8)}B}` : `{${y0}: ${1 + (d % 5)}B, ${y0 + 1}: ${2 + (d % 3)}B, ${y0 + 2}-Q3: 750M}`;
      const lastDraw = d % 2 === 0 ? y0 + 19 : y0 + 2;
      const repay = d % 3 === 0 ? `{type: bullet, at: ${lastDraw + 5}-06}` : `{type: amortizing, start: ${lastDraw + 1}-01, periods: ${24 + (d % 48)}}`;
      lines.push(`  - {id: d${d}, type: credit_line, lender: p${a}, borrower: p${b}, limit: ${30 + d}B, draws: ${draws}, rate: {${y0}: ${4 + (d % 5)}.25%, ${y0 + 6}: ${5 + (d % 4)}%}, interest: ${d % 4 === 0 ? 'capitalize' : 'pay'}, repayment: ${repay}${d % 5 === 0 ? `, use_of_proceeds: p${a}` : ''}}`);
    } else if (kind === 'equity') {
      if (d % 2 === 0) lines.push(`  - {id: d${d}, type: equity, investor: p${a}, issuer: p${b}, amount: ${1 + (d % 9)}B, date: ${y0 + (d % years)}-${String(1 + (d % 12)).padStart(2, '0')}, pre_money: ${200 + d}B, use_of_proceeds: p${a}}`);
      else lines.push(`  - {id: d${d}, type: equity, investor: p${a}, issuer: p${b}, tranches: {buildout: b${d % buildouts}, per_gw: ${1 + (d % 4)}B}, limit: ${20 + d}B, post_money: {${y0}: ${500 + d}B, ${y0 + 10}: ${900 + d}B}}`);
    } else {
      lines.push(`  - {id: d${d}, type: purchase, buyer: p${a}, seller: p${b}, amount: {${y0}: ${1 + (d % 6)}B, ${y0 + 3}: ${2 + (d % 4)}.5B, ${y0 + 12}-H2: 800M}}`);
    }
  }
  lines.push('uncertain:', '  parties.p0.cash: {dist: uniform, min: 5B, max: 15B}', '  buildouts.b0.opex_per_gw_year: {dist: triangular, min: 0.8B, mode: 1B, max: 1.3B}');
  return `${lines.join('\n')}\n`;
}
