// A page on another site that acts through a logged-in browser (issue 26). Called by the JUnit attack tests with
//   BASE_URL=http://127.0.0.1:<port> EVIL_URL=http://localhost:<other port> LOGIN_USER=demo ATTACKS='[…]' \
//   node e2e/crosssite.mjs <scenario>
// LOGIN_USER (password demo) logs in to Swagger UI first, through the browser's own Basic prompt, so the browser holds
// the credentials as a person's would; without it the same page runs anonymously. Then, per attack, the attacker's
// page (EVIL_URL/attack.html, served by the test) submits a form it builds in JavaScript (a BPMN file included) or
// sends a no-cors fetch to PeakCare. Prints one JSON line: per attack, the status PeakCare answered and its text.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const BASE = process.env.BASE_URL;
const EVIL = process.env.EVIL_URL;
const USER = process.env.LOGIN_USER || '';
const ATTACKS = JSON.parse(process.env.ATTACKS || '[]');
const OUT = process.env.OUT_DIR || 'target/e2e';
const scenario = process.argv[2];
fs.mkdirSync(OUT, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update', '--no-first-run'],
});
const context = await browser.newContext(USER
  ? { httpCredentials: { username: USER, password: 'demo', origin: BASE } } : {});
const page = await context.newPage();
page.setDefaultTimeout(30000);
const result = { scenario, user: USER || null, attacks: [] };
try {
  if (USER) {
    // the person's morning: Swagger UI, through the browser's login prompt
    const swagger = await page.goto(`${BASE}/swagger-ui/index.html`, { waitUntil: 'networkidle' });
    result.swaggerStatus = swagger.status();
  }
  if (scenario === 'swagger-ui') {
    // Swagger UI's own calls, from its own page: its request interceptor adds X-Requested-By; without it the same
    // bodiless POST from the page is refused
    await page.waitForFunction(() => window.ui && window.ui.getConfigs && window.ui.getConfigs().requestInterceptor);
    result.swagger = await page.evaluate(async ([base]) => {
      const url = `${base}/api/returns/R-SWAGGER/delivery`;
      const intercepted = window.ui.getConfigs().requestInterceptor({ url, method: 'POST', headers: {} });
      const withHeader = await fetch(url, { method: 'POST', headers: intercepted.headers });
      const without = await fetch(url, { method: 'POST' });
      return { header: intercepted.headers['X-Requested-By'] || null, status: withHeader.status,
        statusWithout: without.status };
    }, [BASE]);
  }
  for (const attack of ATTACKS) {
    await page.goto(`${EVIL}/attack.html`, { waitUntil: 'load' });
    const target = `${BASE}${attack.path}`;
    const seen = { name: attack.name, kind: attack.kind };
    if (attack.kind === 'fetch') {
      // a script's request: its answer is opaque to the page, so every answer PeakCare gave is recorded (a 401 alone:
      // the browser never sent the credentials); the test reads PeakCare's state as well
      const statuses = [];
      const listener = r => { if (r.url() === target) statuses.push(r.status()); };
      page.on('response', listener);
      seen.outcome = await page.evaluate(([url]) => window.attackByFetch(url), [target]);
      await page.waitForTimeout(1000);
      page.off('response', listener);
      seen.statuses = statuses;
    } else {
      // logged in: the answer after the browser gave its credentials (the 401 challenge before them is not it)
      const answered = page.waitForResponse(r => r.url() === target && (!USER || r.status() !== 401));
      await page.evaluate(([a, url]) => window.attackByForm(a, url), [attack, target]);
      const response = await answered;
      seen.status = response.status();
      seen.body = (await response.text().catch(() => '')).slice(0, 600);
    }
    result.attacks.push(seen);
  }
  console.log(JSON.stringify(result));
  await browser.close();
} catch (e) {
  await page.screenshot({ path: path.join(OUT, `failed-crosssite-${scenario}.png`) }).catch(() => {});
  console.error(`scenario ${scenario} failed: ${e.message}`);
  await browser.close();
  process.exit(1);
}
