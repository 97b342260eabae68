// Renders the process diagrams for docs/images from Cockpit's own BPMN viewer (bpmn-js), logged in as demo:
//   BASE_URL=http://localhost:8080 OUT_DIR=docs/images node e2e/diagrams.mjs return-case refund-care
// (an instance started with `mvn spring-boot:run`; Debian's Chromium as for the browser tests)
import { chromium } from 'playwright-core';

const BASE = process.env.BASE_URL || 'http://localhost:8080';
const OUT = process.env.OUT_DIR || 'docs/images';
const keys = process.argv.slice(2);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
try {
  const context = await browser.newContext({ viewport: { width: 2200, height: 1100 }, deviceScaleFactor: 2,
    locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(60000);
  await page.goto(`${BASE}/camunda/app/cockpit/default/`, { waitUntil: 'networkidle' });
  await page.locator('input[ng-model="username"]').fill('demo');
  await page.locator('input[ng-model="password"]').fill('demo');
  await page.locator('button[type="submit"]').click();
  await page.locator('input[ng-model="username"]').waitFor({ state: 'detached' }); // logged in
  await page.waitForLoadState('networkidle');
  for (const key of keys) {
    // outside the browser's cookie jar: an API login must not replace the webapp's session
    const definitions = await (await fetch(`${BASE}/engine-rest/process-definition?key=${key}&latestVersion=true&maxResults=1`,
      { headers: { Authorization: `Basic ${Buffer.from('demo:demo').toString('base64')}` } })).json();
    await page.goto(`${BASE}/camunda/app/cockpit/default/#/process-definition/${definitions[0].id}/runtime`,
      { waitUntil: 'networkidle' });
    const svg = page.locator('.djs-container svg').first();
    await svg.waitFor().catch(async (e) => {
      await page.screenshot({ path: `${OUT}/failed-${key}.png` });
      throw e;
    });
    await page.waitForTimeout(2000);
    // the viewer's own controls (the statistics toggle, zoom and reset) sit over a wide diagram's right edge
    await page.addStyleTag({ content: '.overlay-link, .navigation { visibility: hidden !important; }' });
    // the diagram alone: its drawn elements' box and a margin, without the viewer's controls
    const box = await page.locator('.djs-container svg g.viewport').first().boundingBox();
    const margin = 16;
    await page.screenshot({ path: `${OUT}/${key}.png`, clip: { x: Math.max(0, box.x - margin),
      y: Math.max(0, box.y - margin), width: box.width + 2 * margin, height: box.height + 2 * margin } });
    console.log(`${OUT}/${key}.png`);
  }
} finally {
  await browser.close();
}
