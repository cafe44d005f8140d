// Shared set-up of the browser tests: the REAL engine (pos-app's Engine with its embedded
// Flexiti emulator and SQLite on a temporary directory) behind `pos-testbridge`, a static
// server for dist/ that proxies `/__bridge__/invoke/*` to it (so the page keeps its strict
// CSP, connect-src 'self'), and Debian's headless Chromium driven by playwright-core.
// The page's `invoke` (@tauri-apps/api/core calls window.__TAURI_INTERNALS__.invoke) is a
// fetch to the bridge, which runs the command through pos_app::commands::dispatch, the
// same list the window's Tauri commands come from.
//
// What is still not the real thing, and why:
// - The transport: a fetch instead of Tauri's IPC. Same command names, same JSON args,
//   same CommandError rejections; the real window's IPC is covered by
//   src-tauri/tests/webview.rs.
// - The idle period: the engine locks an idle session by itself (the bridge runs its
//   timer every second) and the page polls the status, but the shortest idle period is a
//   minute, so the lock test has the engine lock through its `lock` command from Node (the
//   same state change) instead of waiting.
// - The OS keyring: an in-memory keyring inside the bridge (crates/pos-testbridge/src/
//   keyring.rs), since headless machines have no Secret Service. The engine sees the same
//   SecretBackend seam, reporting "keyring"; the file fallback is the real file.
// - Flexiti: the engine's embedded emulator, and, for the `custom` environment, a second
//   emulator on 127.0.0.1 playing the remote Flexiti. No test reaches Flexiti's hosts.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { FluentBundle, FluentResource } from '@fluent/bundle';
import { chromium } from 'playwright-core';

const UI = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(UI, 'dist');
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
/** The bridge binary: `cargo build -p pos-testbridge` makes it; POS_TESTBRIDGE overrides. */
export const BRIDGE = process.env.POS_TESTBRIDGE ?? join(UI, '..', 'target', 'debug', 'pos-testbridge');
/** The demo reps' password in the emulator. */
export const PASSWORD = 'dice-manila-purism';
/** The emulator's demo client secret (the remote emulator of `environment: 'custom'` too). */
export const DEMO_SECRET = '77fde15a-9d33-4e15-930a-76e4b3ae33e9';
/**
 * The administrator's passphrase a terminal reset outside Sandbox is set up with
 * (crates/pos-testbridge/src/world.rs); its settings start closed.
 */
export const ADMIN_PASSPHRASE = 'counter admin passphrase';

/** The app's own Fluent source of a language ('en' or 'fr'). */
export function localeSource(lang) {
  return readFileSync(join(UI, '..', 'locales', lang === 'fr' ? 'fr-CA' : 'en-CA', 'app.ftl'), 'utf8');
}

const bundles = {};

/**
 * A message of the app's Fluent files as the page shows it (`id` or `id.attribute`), so a
 * test follows the wording of the locales instead of copying it.
 */
export function message(lang, id, args = undefined) {
  bundles[lang] ??= (() => {
    const bundle = new FluentBundle(lang === 'fr' ? 'fr-CA' : 'en-CA', { useIsolating: false });
    bundle.addResource(new FluentResource(localeSource(lang)));
    return bundle;
  })();
  const bundle = bundles[lang];
  const [messageId, attribute] = id.split('.');
  const found = bundle.getMessage(messageId);
  const pattern = attribute === undefined ? found?.value : found?.attributes[attribute];
  if (!pattern) throw new Error(`no message ${id} in ${lang}`);
  return bundle.formatPattern(pattern, args);
}

/** Option labels in the order the form shows them: provinces and ID issuers sorted by label. */
export function shownOrder(list, choices, lang) {
  const labels = choices.map((c) => c.label);
  if (list !== 'province' && list !== 'govid_issuedby') return labels;
  return labels.sort(new Intl.Collator(lang === 'fr' ? 'fr-CA' : 'en-CA').compare);
}

export function chromiumMissing() {
  return existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed (apt-get install chromium)`;
}

export function distMissing() {
  return existsSync(join(DIST, 'index.html')) ? false : 'ui/dist is missing: run `npm run build` first';
}

export function bridgeMissing() {
  return existsSync(BRIDGE) ? false : `${BRIDGE} is missing: run \`cargo build -p pos-testbridge\` first`;
}

/** A failed command, as the bridge answers it: `.commandError` is the engine's CommandError. */
class CommandFailed extends Error {
  constructor(cmd, commandError) {
    super(`${cmd} failed: ${commandError.code}`);
    this.commandError = commandError;
  }
}

/**
 * Starts pos-testbridge (the real engine) and waits for its port. Tests set up state with
 * `invoke` (the same commands the page calls, unrecorded) and the controls.
 */
export async function startBridge() {
  const env = { ...process.env };
  // The engine's secret chain reads this first: a developer's shell must not configure it.
  delete env.FLEXITI_CLIENT_SECRET;
  const child = spawn(BRIDGE, [], { stdio: ['pipe', 'pipe', 'inherit'], env });
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('pos-testbridge did not print its port in 30 s')), 30_000);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`pos-testbridge exited (${code}) before printing its port`)));
    createInterface({ input: child.stdout }).once('line', (line) => {
      clearTimeout(timer);
      resolve(Number(line.trim()));
    });
  });
  const base = `http://127.0.0.1:${port}`;

  async function call(method, path, body) {
    const res = await fetch(base + path, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const json = text === '' ? null : JSON.parse(text);
    return { status: res.status, json };
  }

  async function control(method, path, body, expected) {
    const { status, json } = await call(method, path, body);
    if (status !== expected) throw new Error(`${method} ${path}: ${status} ${JSON.stringify(json)}`);
    return json;
  }

  return {
    port,
    /** Runs a command on the engine, as the page would; throws CommandFailed on its error. */
    async invoke(cmd, args = {}) {
      const { status, json } = await call('POST', `/invoke/${cmd}`, args);
      if (status === 200) return json;
      if (status === 400) throw new CommandFailed(cmd, json);
      throw new Error(`invoke ${cmd}: ${status} ${JSON.stringify(json)}`);
    },
    /**
     * A fresh terminal: new data directory, engine and emulator. Options (all optional):
     * data_key 'keyring'|'file', environment, client_secret, lang, idle_lock_minutes,
     * retention_days, store_province ('QC'...), store_lang (else the province's). Outside Sandbox a client_secret is needed, and the administrator's
     * passphrase is ADMIN_PASSPHRASE.
     */
    reset: (options = {}) => control('POST', '/control/reset', options, 204),
    /** The (in-memory) system keyrings answer "unavailable", or answer again. */
    setKeyring: (available) => control('PUT', '/control/keyring', { available }, 204),
    /** The app closes and starts again on the same data directory and keyrings. */
    restart: () => control('POST', '/control/restart', undefined, 204),
    /** A fault rule of the embedded emulator (see its README), e.g. {route:'apply', kind:'drop', times:1}. */
    addFault: (fault) => control('POST', '/control/faults', fault, 204),
    clearFaults: () => control('DELETE', '/control/faults', undefined, 204),
    /**
     * The embedded emulator leaves these option lists (its form_values keys, e.g.
     * 'occupation') out of the merchant login and i18n, as a Flexiti without them would.
     * Call it right after `reset`, before anyone signs in: the engine keeps a language's
     * form data once it has read it. `[]` serves every list again; a reset does too.
     */
    omitLists: (lists) => control('PUT', '/control/omitted-lists', { lists }, 204),
    /**
     * A draft that cannot be opened (reason 'wrong_key' | 'tampered'), of `rep` (default the
     * English demo rep; another name is a colleague of the same merchant); returns its id.
     */
    async plantUnreadable(reason, firstName, lastName, rep = undefined) {
      const { id } = await control('POST', '/control/drafts/unreadable',
        { reason, first_name: firstName, last_name: lastName, ...(rep === undefined ? {} : { rep }) }, 201);
      return id;
    },
    /**
     * What the embedded emulator recorded, oldest first: {first_name, last_name, outcome,
     * lang} per application (`lang`: the customer's language it came with).
     */
    recordedApplications: () => control('GET', '/control/recorded-applications', undefined, 200),
    /** Sets when a draft was last changed (RFC 3339). */
    age: (id, updatedAt) =>
      control('PUT', `/control/drafts/${encodeURIComponent(id)}/updated-at`, { updated_at: updatedAt }, 204),
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise((ok) => child.once('exit', ok));
      child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGTERM'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function resolveStatic(urlPath) {
  const rel = decodeURIComponent(urlPath.slice(1)) || 'index.html';
  const file = normalize(join(DIST, rel));
  return file.startsWith(DIST + sep) ? file : null;
}

/** Passes `/__bridge__/invoke/<cmd>` to the bridge; nothing else of it is reachable from the page. */
function proxy(req, res, bridge, path) {
  const target = path.slice('/__bridge__'.length);
  if (req.method !== 'POST' || !/^\/invoke\/[a-z_]+$/.test(target)) {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
    return;
  }
  const upstream = request({
    host: '127.0.0.1',
    port: bridge.port,
    method: 'POST',
    path: target,
    headers: { 'content-type': 'application/json' },
  }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, {
      'content-type': answer.headers['content-type'] ?? 'application/json',
      'cache-control': 'no-store',
    });
    answer.pipe(res);
  });
  upstream.on('error', () => {
    res.writeHead(502, { 'content-type': 'text/plain' });
    res.end('bridge unreachable');
  });
  req.pipe(upstream);
}

/** Serves dist/ with the CSP, and the bridge's commands, on an ephemeral port of 127.0.0.1. */
export async function startServer(bridge) {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path.startsWith('/__bridge__/')) {
      proxy(req, res, bridge, path);
      return;
    }
    const file = resolveStatic(path === '/' ? '/index.html' : path);
    try {
      if (!file) throw new Error('outside');
      const body = await readFile(file);
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
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((ok) => {
      server.closeAllConnections();
      server.close(ok);
    }),
  };
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
 * Runs in the page before any of its scripts: Tauri's `invoke` as a fetch to the bridge.
 * Every call is recorded in `window.__ipc.calls` as {cmd, args, result | error}.
 */
function installInvoke() {
  const calls = [];
  window.__ipc = { calls };
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
  });
  const callbacks = new Map();
  let nextCallback = 1;
  window.__TAURI_INTERNALS__ = {
    metadata: { currentWindow: { label: 'main' }, currentWebview: { windowLabel: 'main', label: 'main' } },
    transformCallback(callback, once = false) {
      const id = nextCallback++;
      callbacks.set(id, (data) => {
        if (once) callbacks.delete(id);
        return callback?.(data);
      });
      return id;
    },
    unregisterCallback(id) {
      callbacks.delete(id);
    },
    async invoke(cmd, args = {}) {
      const call = { cmd, args: args === undefined ? null : structuredClone(args) };
      calls.push(call);
      let res;
      try {
        res = await fetch(`/__bridge__/invoke/${cmd}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(args ?? {}),
        });
      } catch {
        call.error = 'unreachable';
        throw 'the bridge cannot be reached';
      }
      const text = await res.text();
      let body = null;
      try {
        body = text === '' ? null : JSON.parse(text);
      } catch {
        // Not JSON: reported below as a transport failure.
      }
      if (res.status === 200) {
        call.result = body;
        return body;
      }
      if (res.status === 400 && body !== null && typeof body.code === 'string') {
        call.error = body;
        throw body;
      }
      call.error = `status ${res.status}`;
      throw `the bridge answered ${res.status}`;
    },
  };
}

/**
 * Opens the app in a new page of `browser`, against whatever state the bridge holds (tests
 * reset it first). Collects console messages and CSP violations (page.__console, page.__csp()).
 */
export async function openApp(browser, server, { beforeLoad } = {}) {
  const page = await browser.context.newPage();
  // Fail fast: everything here is local and answers in milliseconds.
  page.setDefaultTimeout(5000);
  const consoleLines = [];
  page.on('console', (msg) => consoleLines.push(msg.text()));
  page.on('pageerror', (err) => consoleLines.push(`pageerror: ${err.message}`));
  await page.addInitScript(installInvoke);
  if (beforeLoad) await beforeLoad(page);
  await page.goto(server.url);
  page.__console = consoleLines;
  page.__csp = () => page.evaluate(() => window.__cspViolations);
  return page;
}

/** Every recorded call of the page: {cmd, args, result | error}. */
export function ipcCalls(page) {
  return page.evaluate(() => window.__ipc.calls);
}

/** The args of the last call of `cmd`. */
export async function lastCall(page, cmd) {
  const calls = (await ipcCalls(page)).filter((c) => c.cmd === cmd);
  return calls.at(-1)?.args ?? null;
}

/** What the engine answered to the last call of `cmd`. */
export async function lastResult(page, cmd) {
  const calls = (await ipcCalls(page)).filter((c) => c.cmd === cmd);
  return calls.at(-1)?.result ?? null;
}

/** Signs in as the English demo rep and waits for the home screen. */
export async function signIn(page, username = 'merchantonline') {
  await page.fill('#username', username);
  await page.fill('#password', PASSWORD);
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

/**
 * A complete, valid Ontario application (by field id suffix). The emulator approves it (no
 * test key in the middle name) with a limit of 15% of the income in steps of $500: $8,000.
 */
export const VALID = {
  salutation: 'mr', first_name: 'Jean-Luc', middle_name: 'Émile', last_name: "O'Neil",
  dob: '1988-07-24', sin: '130692544', email: 'jl@example.com', phone_number: '4165550123',
  address_1: '55 University Ave', address_2: 'Suite 1200', city: 'Toronto', province: 'ON',
  postal_code: 'M5J 2H7', housing_type: 'Rent', monthly_housing_payment: '1 450,50',
  years_at_address: '3', occupation: 'FE', employer_name: 'Acme', annual_income: '55,000',
  govid_type: 'CADL', govid_issuedby: 'ON', govid_number: 'D6101-40706-60905',
  govid_expiry: `${new Date().getUTCFullYear() + 3}-05-15`, security_qid: '6', security_answer: 'Rainbow', amount_requested: '2500',
};

export async function fillFields(page, values) {
  for (const [name, value] of Object.entries(values)) {
    const selector = `#field-${name}`;
    const tag = await page.$eval(selector, (el) => el.tagName);
    if (tag === 'SELECT') await page.selectOption(selector, value);
    else await page.fill(selector, value);
  }
}

/** Fills VALID (with `changes`), accepts the terms, waits for the save. */
export async function fillValid(page, changes = {}) {
  await fillFields(page, { ...VALID, ...changes });
  await page.waitForSelector('#terms-text');
  await page.check('#field-tos_agreement');
  await waitSaved(page);
}
