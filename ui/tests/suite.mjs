// What every browser test file shares: the real engine (pos-testbridge), the static
// server and one headless Chromium for the whole file, a fresh page per `open`, and after
// each test the page checks every file makes: no CSP violation, no page error, nothing
// personal or secret in the console. Import it once at the top of a test file: its hooks
// attach to that file's run (node --test runs each file in its own process).
import assert from 'node:assert/strict';
import { after, afterEach, before } from 'node:test';
import {
  ADMIN_PASSPHRASE, bridgeMissing, chromiumMissing, DEMO_SECRET, distMissing, launchBrowser, openApp,
  PASSWORD, startBridge, startServer, VALID,
} from './harness.mjs';

/** The bridge to the real engine (live: set once the file's `before` hook has run). */
export let bridge;
/** The static server of `ui/dist`. */
export let server;
let browser;
const pages = [];

/** What must never reach the console. */
const NEVER_LOGGED = [
  PASSWORD, ADMIN_PASSPHRASE, DEMO_SECRET, 'dice-manila-purism',
  VALID.sin, VALID.last_name, VALID.email, VALID.phone_number,
];

/** The app in a new page, on the terminal as it is now. */
export async function openPage(options = {}) {
  const page = await openApp(browser, server, options);
  pages.push(page);
  return page;
}

/** A fresh terminal (`reset`: the bridge's options), then the app in a new page. */
export async function open(reset = {}, options = {}) {
  await bridge.reset(reset);
  return openPage(options);
}

before(async () => {
  const missing = distMissing() || chromiumMissing() || bridgeMissing();
  if (missing) throw new Error(missing);
  bridge = await startBridge();
  server = await startServer(bridge);
  browser = await launchBrowser();
});

afterEach(async () => {
  for (const page of pages.splice(0)) {
    if (!page.isClosed()) {
      assert.deepEqual(await page.__csp(), [], 'CSP violations');
      const logged = page.__console.join('\n');
      assert.ok(!logged.includes('pageerror'), logged);
      for (const secret of NEVER_LOGGED) {
        assert.ok(!logged.includes(secret), `console shows ${secret}`);
      }
      await page.close();
    }
  }
  // What a test may have changed on the bridge for itself.
  await bridge.setKeyring(true).catch(() => undefined);
  await bridge.clearFaults().catch(() => undefined);
});

after(async () => {
  await browser?.close();
  await server?.close();
  await bridge?.close();
});
