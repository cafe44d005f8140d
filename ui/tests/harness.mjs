// Shared set-up of the browser tests: a static server for dist/ with the IPC mock
// injected, and Debian's headless Chromium driven by playwright-core.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const UI = fileURLToPath(new URL('..', import.meta.url));
const ROOTS = [
  ['/__api__/', join(UI, 'node_modules', '@tauri-apps', 'api')],
  ['/__test__/', join(UI, 'tests')],
  ['/', join(UI, 'dist')],
];
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};
/** A strict policy: proves the app needs no inline script or style, no eval, no network. */
export const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
  + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";
export const CHROMIUM = '/usr/bin/chromium';

export function chromiumMissing() {
  return existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed (apt-get install chromium)`;
}

export function distMissing() {
  return existsSync(join(UI, 'dist', 'index.html')) ? false : 'ui/dist is missing: run `npm run build` first';
}

function resolve(urlPath) {
  for (const [prefix, root] of ROOTS) {
    if (!urlPath.startsWith(prefix)) continue;
    const rel = decodeURIComponent(urlPath.slice(prefix.length)) || 'index.html';
    const file = normalize(join(root, rel));
    if (!file.startsWith(root + sep) && file !== root) return null;
    return file;
  }
  return null;
}

/** Starts the server on an ephemeral port of 127.0.0.1. */
export async function startServer() {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const file = resolve(path === '/' ? '/index.html' : path);
    try {
      if (!file) throw new Error('outside');
      let body = await readFile(file);
      if (path === '/' || path === '/index.html') {
        body = Buffer.from(String(body).replace(
          '<script type="module"',
          '<script type="module" src="/__test__/mock-setup.js"></script>\n    <script type="module"',
        ));
      }
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'content-security-policy': CSP,
        'cache-control': 'no-store',
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((ok) => server.close(ok)) };
}

/** Launches Debian's Chromium with a fresh profile. */
export async function launchBrowser() {
  const profile = await mkdtemp(join(tmpdir(), 'ui-tests-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Opens the app in a new page of `browser` with the mock configured. Collects console
 * messages and CSP violations (page.__console, page.__csp()).
 */
export async function openApp(browser, server, mockConfig = {}, { beforeLoad } = {}) {
  const page = await browser.context.newPage();
  // Fail fast: everything here is local and answers in milliseconds.
  page.setDefaultTimeout(5000);
  const consoleLines = [];
  page.on('console', (msg) => consoleLines.push(msg.text()));
  page.on('pageerror', (err) => consoleLines.push(`pageerror: ${err.message}`));
  await page.addInitScript((cfg) => {
    window.__mockConfig = cfg;
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  }, mockConfig);
  if (beforeLoad) await beforeLoad(page);
  await page.goto(server.url);
  page.__console = consoleLines;
  page.__csp = () => page.evaluate(() => window.__cspViolations);
  return page;
}

/** Every recorded IPC call (cmd and args). */
export function ipcCalls(page) {
  return page.evaluate(() => window.__mock.calls);
}

/** The args of the last call of `cmd`. */
export async function lastCall(page, cmd) {
  const calls = (await ipcCalls(page)).filter((c) => c.cmd === cmd);
  return calls.at(-1)?.args ?? null;
}

/** Signs in as the English demo rep and waits for the home screen. */
export async function signIn(page, username = 'merchantonline') {
  await page.fill('#username', username);
  await page.fill('#password', 'dice-manila-purism');
  await page.press('#password', 'Enter');
  await page.waitForSelector('#new-application');
}

/** Signs in and opens a new application. */
export async function startApplication(page) {
  await signIn(page);
  await page.click('#new-application');
  await page.waitForSelector('#application-form');
  await page.waitForSelector('#field-province option[value="ON"]', { state: 'attached' });
}

/** Waits until every change is saved. */
export async function waitSaved(page) {
  await page.waitForFunction(() => {
    const s = document.querySelector('#save-status');
    return s !== null && s.classList.contains('saved');
  });
}

/** Fills a complete, valid Ontario application (by field id suffix). */
export const VALID = {
  salutation: 'mr', first_name: 'Jean-Luc', middle_name: 'Émile', last_name: "O'Neil",
  dob: '1988-07-24', sin: '130692544', email: 'jl@example.com', phone_number: '4165550123',
  address_1: '55 University Ave', address_2: 'Suite 1200', city: 'Toronto', province: 'ON',
  postal_code: 'M5J 2H7', housing_type: 'Rent', monthly_housing_payment: '1 450,50',
  years_at_address: '3', occupation: 'FE', employer_name: 'Acme', annual_income: '55,000',
  govid_type: 'CADL', govid_issuedby: 'ON', govid_number: 'D6101-40706-60905',
  govid_expiry: '2031-05-15', security_qid: '6', security_answer: 'Rainbow', amount_requested: '2500',
};

export async function fillFields(page, values) {
  for (const [name, value] of Object.entries(values)) {
    const selector = `#field-${name}`;
    const tag = await page.$eval(selector, (el) => el.tagName);
    if (tag === 'SELECT') await page.selectOption(selector, value);
    else await page.fill(selector, value);
  }
}

export async function fillValid(page) {
  await fillFields(page, VALID);
  await page.waitForSelector('#terms-text');
  await page.check('#field-tos_agreement');
  await waitSaved(page);
}
