/*
 * Felt speed on the running portal, measured (not a pass/fail test):
 *
 * - Enter -> answer painted on the lookup page, in headless Chromium: from the
 *   Enter keydown to the first animation frame after the best match's heading
 *   and "Who to page now" show the new answer; three sample queries in turn;
 * - the network-access template through the scaffolder API: dry run, and a
 *   full run to a committed change (completed task).
 *
 *   ./portalw start        # with a scratch PORTAL_DATA_DIR: full runs commit changes
 *   ./portalw yarn bench:felt-speed
 *   # PORTAL_APP_URL (default http://localhost:3000), PORTAL_URL (backend,
 *   # default http://localhost:7007), PORTAL_CHROMIUM, FELT_SAMPLES (default 30)
 */
import { chromium } from '@playwright/test';
import { readFileSync } from 'fs';
import { resolve } from 'path';
import { parse } from 'yaml';

const app = process.env.PORTAL_APP_URL ?? 'http://localhost:3000';
const backend = process.env.PORTAL_URL ?? 'http://localhost:7007';
const samples = Number(process.env.FELT_SAMPLES ?? 30);
const templateDir = resolve(__dirname, '../../templates/network-access');

/** Sample queries and the title of their best match. */
const queries: [string, string][] = [
  ['10.20.3.14', 'Fraud Scoring Service'],
  ['api.pay.bank.example', 'Edge Transaction Gateway'],
  ['fraud-cases-db', 'Fraud Cases DB'],
];

function summary(name: string, ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return `| ${name} | ${s.length} | ${at(0.5).toFixed(0)} ms | ${at(
    0.95,
  ).toFixed(0)} ms | ${s[s.length - 1].toFixed(0)} ms |`;
}

async function lookupPaint(): Promise<number[]> {
  const browser = await chromium.launch({
    executablePath: process.env.PORTAL_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const page = await browser.newPage({
      viewport: { width: 1280, height: 900 },
    });
    await page.goto(app);
    await page.getByRole('button', { name: 'Enter' }).click();
    await page
      .getByRole('button', { name: 'Enter' })
      .waitFor({ state: 'detached' });
    await page.goto(`${app}/ops-lookup`);
    const input = page.getByLabel('Name, hostname, URL or IP');
    const times: number[] = [];
    for (let i = 0; i < samples + 3; i++) {
      const [q, title] = queries[i % queries.length];
      await input.fill(q);
      await page.evaluate(() => {
        document.addEventListener(
          'keydown',
          e => {
            if (e.key === 'Enter') (window as any).enterAt = performance.now();
          },
          { once: true, capture: true },
        );
      });
      await input.press('Enter');
      await page.waitForFunction(
        expected =>
          [...document.querySelectorAll('h2')].some(
            h => h.textContent === expected,
          ) && !!document.querySelector('[aria-label="Who to page now"]'),
        title,
        { polling: 'raf' },
      );
      const ms = await page.evaluate(
        () =>
          new Promise<number>(r =>
            requestAnimationFrame(() =>
              r(performance.now() - (window as any).enterAt),
            ),
          ),
      );
      if (i >= 3) times.push(ms); // the first three warm the page up
    }
    return times;
  } finally {
    await browser.close();
  }
}

async function templateRuns() {
  const { backstageIdentity } = await (
    await fetch(`${backend}/api/auth/guest/refresh`, {
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    })
  ).json();
  const headers = {
    Authorization: `Bearer ${backstageIdentity.token}`,
    'Content-Type': 'application/json',
  };
  const values = {
    source: 'component:default/case-management-ui',
    destination: 'component:default/fraud-scoring-service',
    ports: '443/tcp',
    justification: 'Felt-speed benchmark',
    expiresAt: new Date(Date.now() + 20 * 86_400_000)
      .toISOString()
      .slice(0, 10),
  };
  const template = parse(readFileSync(`${templateDir}/template.yaml`, 'utf8'));
  const dry: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    const res = await fetch(`${backend}/api/scaffolder/v2/dry-run`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        template,
        values,
        secrets: {},
        directoryContents: [],
      }),
    });
    if (res.status !== 200)
      throw new Error(`dry run: ${res.status} ${await res.text()}`);
    await res.json();
    dry.push(performance.now() - t0);
  }
  const full: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const created = await fetch(`${backend}/api/scaffolder/v2/tasks`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        templateRef: 'template:default/network-access-request',
        values: { ...values, justification: `Felt-speed benchmark ${i}` },
      }),
    });
    if (created.status !== 201)
      throw new Error(`task: ${created.status} ${await created.text()}`);
    const { id } = await created.json();
    for (;;) {
      const task = await (
        await fetch(`${backend}/api/scaffolder/v2/tasks/${id}`, { headers })
      ).json();
      if (task.status === 'completed') break;
      if (['failed', 'cancelled'].includes(task.status))
        throw new Error(`task ${id} ${task.status}`);
      await new Promise(r => setTimeout(r, 20));
    }
    full.push(performance.now() - t0);
  }
  return { dry, full };
}

async function main() {
  const paint = await lookupPaint();
  const { dry, full } = await templateRuns();
  console.log(
    [
      '| felt speed on the running portal | n | p50 | p95 | max |',
      '| --- | --- | --- | --- | --- |',
      summary('lookup page: Enter -> answer painted', paint),
      summary('network access template: dry run', dry),
      summary('network access template: full run to a committed change', full),
    ].join('\n'),
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
