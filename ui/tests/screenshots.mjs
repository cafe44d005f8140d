// The README's screenshots of the form, taken in headless Chromium (1280x800, as the
// window) against the real engine, through the same harness as the browser tests. Not a
// test (no `.test.` in its name): run `node tests/screenshots.mjs` after `npm run build`
// and `cargo build -p pos-testbridge`; it writes ../docs/application-form-fr.png (a Quebec
// store's French screen, an English-speaking applicant) and ../docs/applicant-language.png
// (that applicant's terms, French first in Quebec, "Show in English" one click away).
import { fileURLToPath } from 'node:url';
import {
  fillFields, launchBrowser, openApp, signIn, startBridge, startServer, VALID, waitSaved,
} from './harness.mjs';

const DOCS = fileURLToPath(new URL('../../docs/', import.meta.url));

const bridge = await startBridge();
const server = await startServer(bridge);
const browser = await launchBrowser();
try {
  await bridge.reset({ store_province: 'QC' });
  const page = await openApp(browser, server);
  await page.waitForSelector('#sign-in');
  await signIn(page, 'vendeur');
  await page.click('#new-application');
  await page.waitForSelector('#application-form');
  await page.waitForSelector('#field-province option[value="QC"]', { state: 'attached' });
  await page.selectOption('#field-applicant_lang', 'en');
  await fillFields(page, {
    ...VALID, salutation: 'ms', first_name: 'Emily', middle_name: '', last_name: 'Walsh', dob: '1991-04-12',
    email: 'emily.walsh@example.com', phone_number: '5145550123', address_1: '1200, rue Peel',
    address_2: '', city: 'Montréal', province: 'QC', postal_code: 'H3B 2T6', govid_issuedby: 'QC',
  });
  await page.check('#field-qcpa_disclosure');
  await page.waitForSelector('#terms-text[lang="fr-CA"]');
  await waitSaved(page);

  await page.evaluate(() => document.querySelector('#section-applicant').scrollIntoView());
  await page.evaluate(() => window.scrollBy(0, -70));
  await page.focus('#field-applicant_lang');
  await page.screenshot({ path: `${DOCS}application-form-fr.png` });

  await page.evaluate(() => document.querySelector('#section-terms').scrollIntoView());
  await page.evaluate(() => window.scrollBy(0, -70));
  await page.focus('#terms-show-other');
  await page.screenshot({ path: `${DOCS}applicant-language.png` });
  await page.close();
} finally {
  await browser.close();
  await server.close();
  await bridge.close();
}
