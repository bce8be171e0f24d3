// npm run screenshots: each bundled scenario's `model` report as HTML and as a
// PNG of the whole page, plus one report of every other command on
// circular-100b, in screenshots/ (not committed), for people to look at.
// Needs a built CLI (npm run build) and Chromium (CHROMIUM_PATH, default
// /usr/bin/chromium; .ci/run installs Debian's package).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const OUT = 'screenshots';
const C = 'scenarios/circular-100b.yaml';
const E = 'scenarios/equity-20b.yaml';

const reports = [
  ...readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).sort().map((f) => [`model-${basename(f, '.yaml')}`, ['model', join('scenarios', f)]]),
  ['compare-circular-equity', ['compare', C, E]],
  ['diff-circular-equity', ['diff', C, E]],
  ['stress-circular', ['stress', C, '--default', 'openai@2028-Q1']],
  ['sweep-circular-rate', ['sweep', C, '--vary', 'deals.nvidia-credit.rate=2%..10%:5', '--metric', 'nvidia->openai.peak', '--metric', 'openai.runway_end']],
  ['sweep-circular-grid', ['sweep', C, '--vary', 'deals.nvidia-credit.rate=2%..10%:5', '--vary', 'deals.nvidia-credit.limit=20B..100B:5', '--metric', 'nvidia->openai.peak']],
  ['tornado-circular', ['tornado', C, '--metric', 'nvidia->openai.circular_share']],
  ['solve-circular', ['solve', C, '--vary', 'deals.nvidia-credit.limit', '--between', '10B', '100B', '--target', 'nvidia->openai.peak=20B']],
  ['simulate-circular', ['simulate', C, '--runs', '2000', '--seed', '7']],
];

mkdirSync(OUT, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  // playwright starts it headless with a fresh profile of its own (a new temporary --user-data-dir)
});
try {
  const page = await browser.newPage({ viewport: { width: 1040, height: 900 }, deviceScaleFactor: 1 });
  // a report asks for nothing: any request but the page itself is refused
  await page.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
  for (const [name, args] of reports) {
    const html = join(OUT, `${name}.html`);
    const r = spawnSync(process.execPath, ['bin/stargate.js', ...args, '--format', 'html', '--out', html, '--force', '--quiet'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`stargate ${args.join(' ')}: ${r.stderr}`);
    await page.goto(pathToFileURL(html).href);
    await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
    // the first chart alone with its title, as the README shows it
    const first = page.locator('section.chart-block').first();
    if (await first.count()) await first.screenshot({ path: join(OUT, `${name}-chart.png`) });
    console.log(`${OUT}/${name}.png`);
  }
} finally {
  await browser.close();
}
