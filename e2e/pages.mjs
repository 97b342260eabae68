// Drives PeakCare's pages in Cockpit (Debian's Chromium, playwright-core). Called by the JUnit browser tests with
//   BASE_URL=http://127.0.0.1:<port> OUT_DIR=target/e2e node e2e/pages.mjs <scenario>
// Prints one JSON line with what it saw; exits non-zero (with a screenshot) when a step fails.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const BASE = process.env.BASE_URL;
const OUT = process.env.OUT_DIR || 'target/e2e';
const scenario = process.argv[2];
const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS || 60000);
fs.mkdirSync(OUT, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update', '--no-first-run'],
});
let page;

/** Logs in to Cockpit; returns whether Cockpit let the user in (its dashboard shows) or the login's message. */
async function cockpitLogin(user) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1100 }, locale: 'zh-CN' });
  page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${BASE}/camunda/app/cockpit/default/`, { waitUntil: 'networkidle' });
  for (let attempt = 1; ; attempt++) {
    const name = page.locator('input[ng-model="username"]');
    const password = page.locator('input[ng-model="password"]');
    await name.fill(user);
    await password.fill('demo');
    if (await name.inputValue() === user && await password.inputValue() === 'demo') {
      await page.click('button[type="submit"]');
      const outcome = await Promise.race([
        page.locator('[data-testid="nav-peakcare.reviews"]').first().waitFor({ timeout: TIMEOUT / 2 }).then(() => 'in'),
        page.locator('.alert-danger').first().waitFor({ timeout: TIMEOUT / 2 }).then(() => 'refused'),
      ]).catch(() => 'unknown');
      if (outcome === 'in') {
        return { in: true, errors };
      }
      if (outcome === 'refused') {
        return { in: false, message: (await page.locator('.alert-danger').first().innerText()).trim(), errors };
      }
      if (attempt >= 3) {
        return { in: false, message: 'neither in nor refused', errors };
      }
    } else if (attempt >= 3) {
      throw new Error(`could not type the credentials of ${user}`);
    }
    await page.waitForTimeout(1000);
  }
}

async function shot(name) {
  const file = path.join(OUT, name);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

async function text(selector) {
  return (await page.locator(selector).first().innerText()).trim();
}

const result = { scenario };
try {
  if (scenario === 'review-meeting') {
    // a department's lead opens the meeting page from Cockpit's navigation and reads the cycle's figures
    const user = process.env.PAGE_USER || 'whlead';
    const login = await cockpitLogin(user);
    if (!login.in) {
      throw new Error(`${user} could not log in to Cockpit: ${login.message}`);
    }
    await page.locator('[data-testid="nav-peakcare.reviews"]').first().click();
    await page.locator('[data-testid="cycle-select"]').waitFor();
    if (process.env.CYCLE) {
      await page.goto(`${BASE}/camunda/app/cockpit/default/#/peakcare/reviews?cycle=${process.env.CYCLE}`);
    }
    await page.locator('[data-testid="summary-reviews"]').waitFor();
    await page.locator('[data-testid="trend-chart"] canvas').waitFor();
    await page.locator('[data-testid="split-chart"] canvas').waitFor();
    result.url = page.url();
    result.cycle = await text('[data-testid="cycle-title"]');
    result.reviews = Number(await text('[data-testid="summary-reviews"]'));
    result.negative = Number(await text('[data-testid="summary-negative"]'));
    result.hidden = Number(await text('[data-testid="summary-hidden"]'));
    result.plain = Number(await text('[data-testid="summary-plain"]'));
    result.serious = Number(await text('[data-testid="summary-serious"]'));
    result.categories = {};
    for (const row of await page.locator('[data-testid^="category-"]').all()) {
      const code = (await row.getAttribute('data-testid')).substring('category-'.length);
      result.categories[code] = {
        reviews: Number((await row.locator('[data-testid="reviews"]').innerText()).trim()),
        hidden: Number((await row.locator('[data-testid="hidden"]').innerText()).trim()),
        plain: Number((await row.locator('[data-testid="plain"]').innerText()).trim()),
        share: (await row.locator('[data-testid="share"]').innerText()).trim(),
        change: (await row.locator('[data-testid="change"]').innerText()).trim().split('\n')[0],
        marked: await row.locator('[data-testid="quotes"] mark').allInnerTexts(),
      };
    }
    result.openActions = await page.locator('[data-testid="open-actions"] [data-testid="action-text"]').allInnerTexts();
    result.csvHref = await page.locator('[data-testid="csv"]').getAttribute('href');
    result.canUpload = await page.locator('[data-testid="upload"]').count() === 1;
    result.screenshot = await shot('review-meeting.png');
    await page.emulateMedia({ media: 'print' });
    result.printHidesCockpit = await page.evaluate(() => {
      const header = document.querySelector('[cam-widget-header]');
      const toolbar = document.querySelector('.peakcare-page .pc-noprint');
      return (!header || getComputedStyle(header).visibility === 'hidden')
        && getComputedStyle(toolbar).display === 'none';
    });
    result.printScreenshot = await shot('review-meeting-print.png');
    result.pageErrors = login.errors;
  } else if (scenario === 'dashboard') {
    // the big-sale dashboard (issue 25) as PAGE_USER: which tiles show, their figures, charts, links and CSV; with
    // WAIT_REFRESH, that the tiles are drawn again by themselves without the page being loaded again
    const user = process.env.PAGE_USER || 'cslead';
    const login = await cockpitLogin(user);
    if (!login.in) {
      throw new Error(`${user} could not log in to Cockpit: ${login.message}`);
    }
    await page.locator('[data-testid="nav-peakcare.dashboard"]').first().click();
    await page.locator('[data-testid="refreshed-at"][data-refreshes], [data-testid="no-tiles"], [data-testid="no-dashboard"]')
      .first().waitFor();
    result.url = page.url();
    result.noTiles = await page.locator('[data-testid="no-tiles"]').count() === 1;
    result.tiles = [];
    for (const tile of await page.locator('[data-testid^="tile-"]').all()) {
      result.tiles.push((await tile.getAttribute('data-testid')).substring('tile-'.length));
    }
    for (const chartId of ['chart-hours', 'chart-promises', 'chart-channels', 'chart-stages']) {
      if (await page.locator(`[data-testid="${chartId}"]`).count() === 1) {
        await page.locator(`[data-testid="${chartId}"] canvas`).waitFor();
      }
    }
    result.figures = {};
    for (const f of await page.locator('.pc-value[data-testid]').all()) {
      result.figures[await f.getAttribute('data-testid')] = (await f.innerText()).trim();
    }
    result.tables = {};
    for (const t of await page.locator('table[data-testid]').all()) {
      result.tables[await t.getAttribute('data-testid')] = await t.locator('tbody tr').evaluateAll(
        (rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.innerText.trim())));
    }
    result.links = await page.locator('[data-testid="link"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    result.csv = await page.locator('[data-testid="csv"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    result.errors = await page.locator('[data-testid^="error-"]').allInnerTexts();
    result.campaignText = (await page.locator('[data-testid="campaigns-list"]').count())
      ? await page.locator('[data-testid="campaigns-list"]').innerText() : '';
    result.title = await page.title();
    result.screenshot = await shot(`dashboard-${user}.png`);
    if (process.env.WAIT_REFRESH) {
      await page.evaluate(() => { window.notReloaded = true; });
      const before = await page.evaluate(() => window.peakcareDashboard.refreshes);
      await page.waitForFunction((n) => window.peakcareDashboard.refreshes > n, before, { timeout: 45000 });
      result.refreshedWithoutReload = await page.evaluate(() => window.notReloaded === true);
      result.refreshes = await page.evaluate(() => window.peakcareDashboard.refreshes);
    }
    result.pageErrors = login.errors;
  } else if (scenario === 'reminder-report') {
    // issue 22: a supervisor opens the payment-reminder report from Cockpit's navigation and reads both groups
    const user = process.env.PAGE_USER || 'opslead';
    const login = await cockpitLogin(user);
    if (!login.in) {
      throw new Error(`${user} could not log in to Cockpit: ${login.message}`);
    }
    await page.locator('[data-testid="nav-peakcare.reminders"]').first().click();
    await page.locator('[data-testid="campaign-select"]').waitFor();
    if (process.env.CAMPAIGN) {
      await page.goto(`${BASE}/camunda/app/cockpit/default/#/peakcare/reminders?campaign=${process.env.CAMPAIGN}`);
    }
    await page.locator('[data-testid="campaign-title"]').waitFor();
    await page.locator('[data-testid="rates-chart"] canvas').waitFor();
    result.title = await text('[data-testid="campaign-title"]');
    result.reminded = await text('[data-testid="reminded-rate"]');
    result.holdout = await text('[data-testid="holdout-rate"]');
    result.incremental = await text('[data-testid="incremental"]');
    result.naive = await text('[data-testid="naive"]');
    result.verdict = await text('[data-testid="verdict"]');
    result.final = await text('[data-testid="final"]');
    result.strata = await page.locator('[data-testid^="stratum-"]').count();
    result.csvHref = await page.locator('[data-testid="csv"]').getAttribute('href');
    result.screenshot = await shot('reminder-report.png');
    result.pageErrors = login.errors;
  } else if (scenario === 'complaint-report') {
    // issue 24 point 8: a supervisor opens the complaint page from Cockpit's navigation; another one is refused
    const user = process.env.PAGE_USER || 'cslead';
    const login = await cockpitLogin(user);
    if (!login.in) {
      throw new Error(`${user} could not log in to Cockpit: ${login.message}`);
    }
    await page.locator('[data-testid="nav-peakcare.complaints"]').first().click();
    const outcome = await Promise.race([
      page.locator('[data-testid="score-chart"] canvas').first().waitFor().then(() => 'shown'),
      page.locator('[data-testid="page-error"]').first().waitFor().then(() => 'refused'),
    ]);
    result.outcome = outcome;
    if (outcome === 'refused') {
      result.error = await text('[data-testid="page-error"]');
    } else {
      result.complaints = await text('[data-testid="complaints"]');
      result.promisesKept = await text('[data-testid="promises-kept"]');
      result.reopened = await text('[data-testid="reopened"]');
      result.satisfaction = await text('[data-testid="satisfaction"]');
      result.recovery = await text('[data-testid="recovery"]');
      result.resolutionLow = await text('[data-testid="resolution-LOW"]');
      result.escalations = await text('[data-testid="escalations"]');
      result.charts = await page.locator('.pc-chart canvas').count();
    }
    result.screenshot = await shot(`complaint-report-${user}.png`);
    result.pageErrors = login.errors;
  } else if (scenario === 'cockpit-refused') {
    // someone the meeting is not for: Cockpit itself does not let them in
    const login = await cockpitLogin(process.env.PAGE_USER || 'agent1');
    result.in = login.in;
    result.message = login.message;
    result.screenshot = await shot('cockpit-refused.png');
  } else {
    throw new Error(`unknown scenario ${scenario}`);
  }
  console.log(JSON.stringify(result));
  await browser.close();
} catch (e) {
  console.error(e);
  if (page) {
    await page.screenshot({ path: path.join(OUT, `failed-${scenario}.png`), fullPage: true }).catch(() => {});
  }
  await browser.close();
  process.exit(1);
}
