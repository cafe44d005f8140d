// After the sale and the day's report (issue 14, items 5 and 6) in headless Chromium against
// the real engine and its emulator (through pos-testbridge). The sales and holds are made
// through the engine's commands (the purchase screens have their own tests); everything
// after them is done on the screens with the keyboard only, in English and in French:
// capture part of a hold and release the rest, return part of a plan purchase and refund a
// regular one (with the administrator's passphrase outside Sandbox), each with its receipt;
// an answer lost on the way back ("check again", 60 s after a send from this window on a
// fake page clock, or freed with a reason); the day's report with its totals, net, another
// date, Flexiti's list not answering, and the CSV. Run after `npm run build` and
// `cargo build -p pos-testbridge`.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { ADMIN_PASSPHRASE, DEMO_SECRET, ipcCalls, lastCall, message, signIn } from './harness.mjs';
import { bridge, open } from './suite.mjs';

const NBSP = '\u00A0';
/** The emulator's seeded card of Flexiti MITester (account 116994755, security answer Rainbow). */
const MITESTER_CARD = '1070015210367982';

/** An element's text with its ASCII white space collapsed (no-break spaces kept). */
const text = (page, selector) => page.$eval(selector, (el) => el.textContent.replace(/[ \t\n\r]+/g, ' ').trim());
const activeId = (page) => page.evaluate(() => document.activeElement?.id ?? '');

/** Money as the screens write it (tests/format.test.mjs pins the rules themselves). */
function money(cents, lang) {
  const dollars = String(Math.floor(cents / 100));
  const rest = String(cents % 100).padStart(2, '0');
  if (lang === 'fr') return `${dollars.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP)},${rest}${NBSP}$`;
  return `$${dollars.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${rest}`;
}

/** Tab (or Shift+Tab) until the element `id` has the focus; fails if it never does. */
async function tabTo(page, id, key = 'Tab') {
  for (let i = 0; i < 60; i++) {
    if (await activeId(page) === id) return;
    await page.keyboard.press(key);
  }
  assert.fail(`${id} is not reachable with ${key} (focus on ${await activeId(page)})`);
}

/** The focus lands on `id` (a screen's heading, a result). */
async function focusOn(page, id) {
  await page.waitForFunction((want) => document.activeElement?.id === want, id);
}

/** Signs in and puts the screens in `lang`. */
async function start(lang, reset = {}, options = {}) {
  const page = await open(lang === 'fr' ? { store_lang: 'fr', ...reset } : reset, options);
  await signIn(page);
  if (await page.evaluate(() => document.documentElement.lang) !== (lang === 'fr' ? 'fr-CA' : 'en-CA')) {
    await page.keyboard.press('Alt+L');
    await page.waitForFunction((want) => document.documentElement.lang === want, lang === 'fr' ? 'fr-CA' : 'en-CA');
  }
  return page;
}

/**
 * A sale or hold of MITester's card through the engine (the session the page signed in):
 * quote, the customer's choice, the security answer, the charge. Returns the charge's
 * reference (the purchase's, as the day's list shows it) and the engine's last view.
 */
async function buy(option, amount, { hold = false } = {}) {
  const purchase = await bridge.invoke('start_purchase', { from: { from: 'card', number: MITESTER_CARD } });
  await bridge.invoke('quote_purchase', { purchase_id: purchase.id, amount });
  await bridge.invoke('choose_option', { purchase_id: purchase.id, option_id: option });
  await bridge.invoke('start_verification', { purchase_id: purchase.id, method: 'security_question' });
  await bridge.invoke('answer_security_question', { purchase_id: purchase.id, answer: 'Rainbow' });
  const charged = await bridge.invoke('charge_purchase', { input: { purchase_id: purchase.id, pin: null, hold } });
  return charged;
}

/** Home → today's purchases → "Manage" on row `row`: the purchase's after-sale screen. */
async function manage(page, row = 0) {
  await tabTo(page, 'todays-purchases');
  await page.keyboard.press('Enter');
  await focusOn(page, 'todays-title');
  await page.waitForSelector(`#todays-manage-${row}`);
  await tabTo(page, `todays-manage-${row}`);
  await page.keyboard.press('Enter');
  await focusOn(page, 'after-sale-title');
  await page.waitForSelector('#after-sale-operations');
}

/**
 * One action on the after-sale screen by keyboard: its button, the amount (empty: all that
 * remains), Enter, then the confirmation (its safe choice has the focus first) confirmed.
 * Returns the confirmation's sentence.
 */
async function act(page, action, amount) {
  await tabTo(page, `after-sale-${action}`);
  await page.keyboard.press('Enter');
  await focusOn(page, 'after-sale-form-title');
  await tabTo(page, 'after-sale-amount');
  if (amount !== '') await page.keyboard.type(amount);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#after-sale-confirm[open]');
  assert.equal(await activeId(page), 'after-sale-confirm-cancel', 'the safe choice first');
  const body = await text(page, '#after-sale-confirm-body');
  await page.keyboard.press('Tab');
  assert.equal(await activeId(page), 'after-sale-confirm-confirm');
  await page.keyboard.press('Enter');
  return body;
}

/** The result's sentence once the focus is on it, and the receipt it shows. */
async function outcome(page) {
  await focusOn(page, 'after-sale-outcome');
  return text(page, '#after-sale-outcome');
}

const receiptLine = (page, label) => text(page, `#after-sale-receipt .line[data-label="${label}"] .value`);

/**
 * The receipt shown is the one of `kind`: its title in the receipt's own language (the
 * customer's: MITester's English for a sale charged here; the store's for one settled from
 * the journal alone), whatever the screen's.
 */
async function receiptOf(page, kind) {
  const titles = { 'en-CA': message('en', `receipt-title-${kind}`), 'fr-CA': message('fr', `receipt-title-${kind}`) };
  await page.waitForFunction((want) => {
    const receipt = document.querySelector('#after-sale-receipt');
    return receipt !== null && receipt.querySelector('.title')?.textContent.trim() === want[receipt.lang];
  }, titles);
}

describe('after the sale', () => {
  for (const lang of ['en', 'fr']) {
    test(`${lang}: a hold of 300 on plan 4: 100 captured, the rest released, 40 returned; each with its receipt`, async () => {
      const page = await start(lang);
      const held = await buy('plan-4-6', '300', { hold: true });
      assert.equal(held.stage, 'done');
      await manage(page);

      // The hold: its row, its age, what is left to capture.
      assert.equal(await page.getAttribute('#after-sale-op-0', 'data-kind'), 'hold');
      assert.equal(await text(page, '#after-sale-op-0 th'), message(lang, 'after-sale-kind-hold'));
      assert.equal(await text(page, '#after-sale-hold-age'), message(lang, 'after-sale-hold-age', { days: 0 }));
      assert.equal(await page.$('#after-sale-hold-warning'), null, 'no warning before day 7');
      assert.equal(await text(page, '#after-sale-to-capture'),
        message(lang, 'after-sale-left-to-capture', { amount: money(30000, lang) }));
      const [hold] = await bridge.invoke('purchase_operations', { purchase_id: held.charge_reference });
      assert.equal(await text(page, '#after-sale-op-0 .ids'),
        message(lang, 'after-sale-id-authorization', { id: String(hold.authorization_id) }));
      assert.equal(await page.$('#after-sale-return'), null, 'nothing captured: nothing to return');

      // Capture 100 (no administrator for a capture).
      const confirmCapture = await act(page, 'capture', lang === 'fr' ? '100,00' : '100.00');
      assert.equal(confirmCapture, message(lang, 'after-sale-confirm-capture', { amount: money(10000, lang), customer: 'F. MITester' }));
      assert.equal(await outcome(page), message(lang, 'after-sale-done-capture', { amount: money(10000, lang) }));
      assert.deepEqual((await lastCall(page, 'capture_hold')).input,
        { reference: held.charge_reference, amount: '100.00', passphrase: null, reason: null });
      await receiptOf(page, 'capture');
      assert.equal(await receiptLine(page, 'receipt-amount'), money(10000, 'en'));
      await page.waitForSelector('#after-sale-op-1[data-kind="capture"][data-state="done"]');
      assert.equal(await text(page, '#after-sale-to-capture'),
        message(lang, 'after-sale-left-to-capture', { amount: money(20000, lang) }));

      // Release the rest (empty amount: all that remains); Sandbox approves with no passphrase.
      const confirmRelease = await act(page, 'release', '');
      assert.equal(confirmRelease, message(lang, 'after-sale-confirm-release', { amount: money(20000, lang), customer: 'F. MITester' }));
      assert.equal(await outcome(page), message(lang, 'after-sale-done-release', { amount: money(20000, lang) }));
      assert.equal((await lastCall(page, 'release_hold')).input.amount, null);
      assert.equal(await page.$('#after-sale-approval'), null, 'no passphrase in Sandbox');
      await page.waitForSelector('#after-sale-op-2[data-kind="release"][data-state="done"]');
      assert.equal(await text(page, '#after-sale-op-2 td:nth-of-type(5)'), message(lang, 'after-sale-by-sandbox'));
      await receiptOf(page, 'release');
      assert.equal(await page.$('#after-sale-capture'), null, 'nothing left to capture');
      assert.equal(await page.$('#after-sale-release'), null);

      // The 100 captured can be returned (a plan purchase): 40 of it.
      assert.equal(await text(page, '#after-sale-charged'),
        message(lang, 'after-sale-left-charged', { amount: money(10000, lang) }));
      await act(page, 'return', '40');
      assert.equal(await outcome(page), message(lang, 'after-sale-done-return', { amount: money(4000, lang) }));
      await page.waitForSelector('#after-sale-op-3[data-kind="return"][data-state="done"]');
      await receiptOf(page, 'return');
      assert.equal(await text(page, '#after-sale-charged'),
        message(lang, 'after-sale-left-charged', { amount: money(6000, lang) }));

      // More than what remains is caught before anything is sent.
      await tabTo(page, 'after-sale-return');
      await page.keyboard.press('Enter');
      await focusOn(page, 'after-sale-form-title');
      await tabTo(page, 'after-sale-amount');
      await page.keyboard.type('75');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#after-sale-amount-error');
      assert.equal(await text(page, '#after-sale-amount-error'),
        message(lang, 'after-sale-amount-too-high', { amount: money(6000, lang) }));
      assert.equal(await activeId(page), 'after-sale-amount');
      assert.equal((await ipcCalls(page)).filter((c) => c.cmd === 'return_purchase').length, 1);
      await tabTo(page, 'after-sale-form-cancel');
      await page.keyboard.press('Enter');
      await focusOn(page, 'after-sale-return');

      // Back to today's purchases, where the hold still is.
      await tabTo(page, 'after-sale-back', 'Shift+Tab');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#todays-list');
    });

    test(`${lang}: outside Sandbox, the administrator approves a plan purchase's return and a regular one's refund`, async () => {
      const page = await start(lang, { environment: 'custom', client_secret: DEMO_SECRET });
      const plan = await buy('plan-4-12', '500');
      const regular = await buy('regular', '120');
      assert.equal(plan.stage, 'done');
      assert.equal(regular.stage, 'done');

      // The plan purchase (the first of today's list): its 100 days, then a return of 150.
      await manage(page, 0);
      assert.equal(await page.getAttribute('#after-sale-op-0', 'data-kind'), 'sale');
      const until = (await bridge.invoke('purchase_operations', { purchase_id: plan.charge_reference }))[0].return_until;
      assert.match(until, /^\d{4}-\d{2}-\d{2}$/);
      assert.match(await text(page, '#after-sale-return-window'), lang === 'fr' ? /il reste 100 jours sur 100/ : /100 days left of the 100/);
      assert.equal(await page.$('#after-sale-refund'), null, 'a plan purchase is returned, not refunded');
      await tabTo(page, 'after-sale-return');
      await page.keyboard.press('Enter');
      await focusOn(page, 'after-sale-form-title');
      assert.equal(await text(page, '#after-sale-admin-note'), message(lang, 'after-sale-admin-note'));
      await tabTo(page, 'after-sale-amount');
      await page.keyboard.type('150');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#after-sale-confirm[open]');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');

      // The administrator's passphrase: a wrong one is refused and the field is offered again.
      await page.waitForSelector('#after-sale-approval[open]');
      await focusOn(page, 'after-sale-passphrase');
      assert.equal(await text(page, '#after-sale-approval-summary'),
        message(lang, 'after-sale-confirm-return', { amount: money(15000, lang), customer: 'F. MITester' }));
      await page.keyboard.type('not the passphrase');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#after-sale-approval-error');
      assert.equal(await text(page, '#after-sale-approval-error'), message(lang, 'error-admin-passphrase-wrong'));
      await focusOn(page, 'after-sale-passphrase');
      assert.equal(await page.inputValue('#after-sale-passphrase'), '');
      await page.keyboard.type(ADMIN_PASSPHRASE);
      await page.keyboard.press('Enter');
      assert.equal(await outcome(page), message(lang, 'after-sale-done-return', { amount: money(15000, lang) }));
      assert.equal(await page.$('#after-sale-approval'), null);
      await page.waitForSelector('#after-sale-op-1[data-kind="return"][data-state="done"]');
      assert.equal(await text(page, '#after-sale-op-1 td:nth-of-type(5)'), message(lang, 'after-sale-by-administrator'));
      await receiptOf(page, 'return');
      assert.equal(await receiptLine(page, 'receipt-amount'), money(15000, 'en'));

      // The regular purchase: refunded in full (empty amount), with the passphrase.
      await tabTo(page, 'after-sale-back', 'Shift+Tab');
      await page.keyboard.press('Enter');
      await focusOn(page, 'todays-title');
      await page.waitForSelector('#todays-manage-1');
      await tabTo(page, 'todays-manage-1');
      await page.keyboard.press('Enter');
      await focusOn(page, 'after-sale-title');
      await page.waitForSelector('#after-sale-refund');
      assert.equal(await text(page, '#after-sale-refund-note'), message(lang, 'after-sale-refund-note'));
      assert.equal(await page.$('#after-sale-return'), null);
      const confirmRefund = await act(page, 'refund', '');
      assert.equal(confirmRefund, message(lang, 'after-sale-confirm-refund', { amount: money(12000, lang), customer: 'F. MITester' }));
      await focusOn(page, 'after-sale-passphrase');
      await page.keyboard.type(ADMIN_PASSPHRASE);
      await page.keyboard.press('Enter');
      assert.equal(await outcome(page), message(lang, 'after-sale-done-refund', { amount: money(12000, lang) }));
      await receiptOf(page, 'refund');
      await page.waitForSelector('#after-sale-nothing-left');
      assert.equal(await page.$('#after-sale-refund'), null);
      // The passphrase went with the refund itself; the engine then journaled who approved.
      const refund = await lastCall(page, 'refund_purchase');
      assert.deepEqual(refund.input, { reference: regular.charge_reference, amount: null, passphrase: ADMIN_PASSPHRASE, reason: null });
    });

    test(`${lang}: answers lost on the way back: a sale checked again, a capture ${lang === 'en' ? 'checked again' : 'freed with a reason'}`, async () => {
      // The page's clock is a fake one, for the 60 s "check again" waits after a send.
      const page = await start(lang, {}, { beforeLoad: (p) => p.clock.install() });
      // The charge's answer is lost (the emulator records it, then drops the connection).
      await bridge.addFault({ route: 'authorization', kind: 'drop', times: 1 });
      let lost;
      try {
        lost = await buy('regular', '80');
      } catch (error) {
        assert.equal(error.commandError?.code, 'outcome_unknown', String(error));
      }
      if (lost) assert.equal(lost.stage, 'outcome_unknown');
      await manage(page);
      assert.equal(await page.getAttribute('#after-sale-op-0', 'data-state'), 'outcome_unknown');
      assert.equal(await text(page, '#after-sale-op-0 .badge'), message(lang, 'after-sale-state-unknown'));
      assert.equal(await text(page, '#after-sale-check-0'), message(lang, 'after-sale-check-again'));
      assert.equal(await page.$('#after-sale-refund'), null, 'nothing after a sale not known to be done');
      await tabTo(page, 'after-sale-check-0');
      await page.keyboard.press('Enter');
      assert.equal(await outcome(page), message(lang, 'after-sale-done-sale', { amount: money(8000, lang) }));
      await page.waitForSelector('#after-sale-op-0[data-state="done"]');
      await receiptOf(page, 'sale');
      const status = await bridge.invoke('day_report', { date: null });
      assert.equal(status.lines.filter((l) => l.kind === 'sale').reduce((n, l) => n + l.count, 0), 1, 'one sale, never two');

      // A hold whose capture's answer is lost.
      await tabTo(page, 'after-sale-back', 'Shift+Tab');
      await page.keyboard.press('Enter');
      await focusOn(page, 'todays-title');
      const held = await buy('plan-4-6', '200', { hold: true });
      assert.equal(held.stage, 'done');
      await bridge.addFault({ route: 'capture', kind: 'drop', times: 1 });
      await tabTo(page, 'todays-home');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#todays-purchases');
      await manage(page, 1);
      await act(page, 'capture', '50');
      assert.equal(await outcome(page), message(lang, 'after-sale-unknown'));
      await page.waitForSelector('#after-sale-op-1[data-state="outcome_unknown"]');
      assert.equal(await page.$('#after-sale-receipt'), null, 'no receipt for an unknown outcome');
      await page.waitForSelector('#after-sale-in-flight');
      assert.ok(await page.$eval('#after-sale-capture', (b) => b.disabled), 'nothing else until it is known');
      // Sent from this window: "check again" waits 60 s after the send.
      assert.ok(await page.$eval('#after-sale-check-1', (b) => b.disabled));
      assert.match(await text(page, '#after-sale-wait-1'), /\b(59|60)[ \u00A0]s\b/);
      await page.clock.fastForward(61_000);
      await page.waitForSelector('#after-sale-check-1:not([disabled])');
      assert.equal(await page.$('#after-sale-wait-1'), null);

      if (lang === 'en') {
        await tabTo(page, 'after-sale-check-1');
        await page.keyboard.press('Enter');
        assert.equal(await outcome(page), message(lang, 'after-sale-done-capture', { amount: money(5000, lang) }));
        await page.waitForSelector('#after-sale-op-1[data-state="done"]');
        await receiptOf(page, 'capture');
      } else {
        await tabTo(page, 'after-sale-free-1');
        await page.keyboard.press('Enter');
        await focusOn(page, 'after-sale-form-title');
        assert.equal(await text(page, '#after-sale-form-title'), message(lang, 'after-sale-form-free'));
        // No reason: said, and nothing sent.
        await tabTo(page, 'after-sale-form-submit');
        await page.keyboard.press('Enter');
        await focusOn(page, 'after-sale-reason');
        assert.equal(await text(page, '#after-sale-reason-error'), message(lang, 'after-sale-reason-missing'));
        await page.keyboard.type('Le client a changé d\'avis; Flexiti sera appelé.');
        await tabTo(page, 'after-sale-form-submit');
        await page.keyboard.press('Enter');
        await page.waitForSelector('#after-sale-confirm[open]');
        assert.equal(await text(page, '#after-sale-confirm-body'),
          message(lang, 'after-sale-confirm-free', { amount: money(5000, lang) }));
        await page.keyboard.press('Tab');
        await page.keyboard.press('Enter');
        assert.equal(await outcome(page), message(lang, 'after-sale-freed'));
        await page.waitForSelector('#after-sale-op-1[data-state="refused"]');
        assert.equal(await text(page, '#after-sale-op-1 .badge'), message(lang, 'after-sale-state-freed'));
        assert.equal((await lastCall(page, 'free_purchase')).input.reason, 'Le client a changé d\'avis; Flexiti sera appelé.');
        assert.equal(await text(page, '#after-sale-op-1 td:nth-of-type(5)'), message(lang, 'after-sale-by-sandbox'));
        // Freed, the hold can be captured again.
        assert.equal(await page.$eval('#after-sale-capture', (b) => b.disabled), false);
      }
    });

    test(`${lang}: a hold waiting 8 days is warned about; a plan purchase past its 100 days offers no return`, async () => {
      // The bridge cannot move the emulator's clock: the engine's own answer is changed on
      // its way to the page, in the two fields the engine computes from the clock.
      const page = await start(lang);
      const held = await buy('regular', '60', { hold: true });
      const sold = await buy('plan-4-3', '90');
      const yesterday = await page.evaluate(() => {
        const d = new Date(Date.now() - 86_400_000);
        return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
      });
      await page.route('**/__bridge__/invoke/purchase_operations', async (route) => {
        const answer = await route.fetch();
        const ops = await answer.json();
        for (const op of ops) {
          if (op.kind === 'hold') op.hold_age_days = 8;
          if (op.kind === 'sale' && op.return_until) op.return_until = yesterday;
        }
        await route.fulfill({ response: answer, json: ops });
      });
      await manage(page, 0);
      assert.equal(await text(page, '#after-sale-hold-age'), message(lang, 'after-sale-hold-age', { days: 8 }));
      assert.equal(await text(page, '#after-sale-hold-warning'), message(lang, 'after-sale-hold-old', { days: 8 }));
      assert.ok(await page.$('#after-sale-capture'));
      assert.equal((await lastCall(page, 'purchase_operations')).purchase_id, held.charge_reference);

      await tabTo(page, 'after-sale-back', 'Shift+Tab');
      await page.keyboard.press('Enter');
      await focusOn(page, 'todays-title');
      await page.waitForSelector('#todays-manage-1');
      await tabTo(page, 'todays-manage-1');
      await page.keyboard.press('Enter');
      await focusOn(page, 'after-sale-title');
      await page.waitForSelector('#after-sale-return-over');
      // The sentence with yesterday in words (format.test.mjs pins how dates are written).
      const shown = await text(page, '#after-sale-return-over');
      const [before, after] = message(lang, 'after-sale-return-over', { date: '§' }).split('§');
      assert.ok(shown.startsWith(before) && shown.endsWith(after), shown);
      const day = Number(yesterday.slice(8));
      assert.match(shown.slice(before.length, shown.length - after.length),
        new RegExp(`${lang === 'fr' && day === 1 ? '1er' : day}.*${yesterday.slice(0, 4)}`));
      assert.equal(await page.$('#after-sale-return'), null, 'no return past the 100 days');
      assert.equal(await page.$('#after-sale-refund'), null, 'nor a refund instead (call Flexiti)');
      assert.equal((await lastCall(page, 'purchase_operations')).purchase_id, sold.charge_reference);
    });

    test(`${lang}: the day's report: totals per rep, operation and option, the net, another day, the CSV`, async () => {
      const page = await start(lang);
      await buy('plan-4-6', '300');
      await buy('regular', '120');
      const held = await buy('regular', '50', { hold: true });
      await bridge.invoke('capture_hold', { input: { reference: held.charge_reference, amount: '20', passphrase: null, reason: null } });

      await tabTo(page, 'day-report');
      await page.keyboard.press('Enter');
      await focusOn(page, 'report-title');
      await page.waitForSelector('#report-lines');
      const today = (await bridge.invoke('day_report', { date: null })).date;
      assert.equal(await page.inputValue('#report-date'), today);
      const rows = await page.$$eval('#report-lines tbody tr', (trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.replace(/[ \t\n\r]+/g, ' ').trim())));
      const rep = 'merchantonline';
      assert.deepEqual(rows, [
        [rep, message(lang, 'after-sale-kind-sale'), message(lang, 'after-sale-option-plan', { plan: 4, term: 6 }), '1', money(30000, lang)],
        [rep, message(lang, 'after-sale-kind-sale'), message(lang, 'after-sale-option-regular'), '1', money(12000, lang)],
        [rep, message(lang, 'after-sale-kind-hold'), message(lang, 'after-sale-option-regular'), '1', money(5000, lang)],
        [rep, message(lang, 'after-sale-kind-capture'), message(lang, 'after-sale-option-regular'), '1', money(2000, lang)],
      ]);
      assert.equal(await text(page, '#report-net'), money(44000, lang));
      assert.equal(await text(page, '#report-matches'), message(lang, 'report-matches'));
      assert.equal(await page.$('#report-not-reconciled'), null);

      // The CSV: a download named after the day, the engine's CSV inside.
      await tabTo(page, 'report-export');
      const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
      assert.equal(download.suggestedFilename(), `flexiti-report-${today}.csv`);
      const csv = await readFile(await download.path(), 'utf8');
      assert.equal(csv, await bridge.invoke('day_report_csv', { date: today }));
      assert.match(csv, /,net,.*440\.00/);
      await page.waitForSelector('#report-exported');

      // Another day (nothing done then), and a date that is not one.
      await tabTo(page, 'report-date', 'Shift+Tab');
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type('2026-02-30');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#report-date-error');
      assert.equal(await text(page, '#report-date-error'), message(lang, 'report-date-invalid'));
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type('2026-01-02');
      assert.equal(await text(page, '#report-date-hint'), lang === 'fr' ? `2${NBSP}janvier${NBSP}2026` : 'January 2, 2026');
      await page.keyboard.press('Enter');
      await focusOn(page, 'report-of');
      await page.waitForSelector('#report-empty');
      assert.equal((await lastCall(page, 'day_report')).date, '2026-01-02');

      // Flexiti's list does not answer: the totals are this terminal's alone, and it says so.
      await bridge.addFault({ route: 'authorizations', kind: 'status', status: 500 });
      await tabTo(page, 'report-date', 'Shift+Tab');
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type(today);
      await page.keyboard.press('Enter');
      await page.waitForSelector('#report-not-reconciled');
      assert.equal(await text(page, '#report-not-reconciled'), message(lang, 'report-not-reconciled'));
      assert.equal(await text(page, '#report-net'), money(44000, lang));
      assert.equal(await page.$('#report-matches'), null);

      await tabTo(page, 'report-home', 'Shift+Tab');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#day-report');
    });
  }
});
