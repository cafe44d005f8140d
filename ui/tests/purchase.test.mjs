// The purchase screens (issue 14) in headless Chromium against the real engine and its
// emulator (through pos-testbridge): from an approval to a receipt, a returning customer by
// card and by search, a refused charge, an outcome lost on the way back. The rep works
// with the keyboard only on the purchase screens (Tab, arrows, Enter, typing); the page is
// only read. Run after `npm run build` and `cargo build -p pos-testbridge`.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fillValid, ipcCalls, message, signIn, waitSaved } from './harness.mjs';
import { bridge, open } from './suite.mjs';

const NBSP = '\u00A0';
/** The emulator's seeded card of Flexiti MITester (account 116994755, English, preferred). */
const MITESTER_CARD = '1070 0152 1036 7982';

/** An element's text with its ASCII white space collapsed (no-break spaces kept). */
const text = (page, selector) => page.$eval(selector, (el) => el.textContent.replace(/[ \t\n\r]+/g, ' ').trim());
const activeId = (page) => page.evaluate(() => document.activeElement?.id ?? '');

/** Tab (or Shift+Tab) until the element `id` has the focus; fails if it never does. */
async function tabTo(page, id, key = 'Tab') {
  for (let i = 0; i < 40; i++) {
    if (await activeId(page) === id) return;
    await page.keyboard.press(key);
  }
  assert.fail(`${id} is not reachable with ${key} (focus on ${await activeId(page)})`);
}

/** The focus lands on `id` (a step's heading after each step). */
async function focusOn(page, id) {
  await page.waitForFunction((want) => document.activeElement?.id === want, id);
}

/** Arrow keys in the options' radio group until `value` is the checked option. */
async function arrowTo(page, value) {
  for (let i = 0; i < 30; i++) {
    const checked = await page.evaluate(() => document.activeElement?.value ?? '');
    if (checked === value) return;
    await page.keyboard.press('ArrowDown');
  }
  assert.fail(`option ${value} is not reachable with the arrow keys`);
}

async function switchLanguage(page, to) {
  await page.keyboard.press('Alt+L');
  await page.waitForFunction((lang) => document.documentElement.lang === lang, to === 'fr' ? 'fr-CA' : 'en-CA');
}

/** A new application filled in, sent and approved; the approval screen shows. */
async function approvedApplication(page) {
  await page.click('#new-application');
  await page.waitForSelector('#application-form');
  await page.waitForSelector('#field-province option[value="ON"]', { state: 'attached' });
  await fillValid(page);
  await waitSaved(page);
  await page.click('#submit');
  await page.waitForSelector('#decision-approved');
}

/** Types the amount on the purchase screen (its heading focused) and calculates. */
async function quote(page, amount) {
  await tabTo(page, 'purchase-amount');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(amount);
  await page.keyboard.press('Enter');
  await focusOn(page, 'options-title');
}

/**
 * The customer's choice, from the options' heading: Tab into the radio group (its first
 * enabled row), the arrow keys to the row, then the choose button.
 */
async function choose(page, optionId) {
  for (let i = 0; i < 10; i++) {
    if (await page.evaluate(() => document.activeElement?.getAttribute('name')) === 'purchase-option') break;
    await page.keyboard.press('Tab');
  }
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'purchase-option');
  if (await page.evaluate(() => document.activeElement.value) === optionId) await page.keyboard.press('Space');
  else await arrowTo(page, optionId);
  assert.equal(await page.evaluate(() => document.querySelector('#options input:checked')?.value), optionId);
  await tabTo(page, 'choose');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => ['verify-title', 'charge-title'].includes(document.activeElement?.id));
}

/** The code the emulator sent, as the SANDBOX banner shows it. */
async function sandboxPin(page) {
  await page.waitForSelector('#sandbox-pins');
  const shown = await text(page, '#sandbox-pins');
  const pin = /\b(\d{4,8})\b/.exec(shown)?.[1];
  assert.ok(pin, shown);
  return pin;
}

/** SMS from the verify step: the code is sent, the charge step opens. */
async function verifyBySms(page) {
  await tabTo(page, 'verify-sms');
  await page.keyboard.press('Enter');
  await focusOn(page, 'charge-title');
  assert.match(await text(page, '#pin-sent'), /code/);
  return sandboxPin(page);
}

/** Types the PIN and charges (Enter in the PIN field sends the form). */
async function charge(page, pin) {
  await tabTo(page, 'purchase-pin');
  await page.keyboard.type(pin);
  await page.keyboard.press('Enter');
}

/** A receipt line's text by its label id. */
const receiptLine = (page, label, root = '#receipt') => text(page, `${root} .line[data-label="${label}"]`);

describe('purchase', () => {
  for (const lang of ['en', 'fr']) {
    test(`${lang}: an approved customer buys 1000 on plan 4 for 12 months; the receipt shows the payment to the cent`, async () => {
      const page = await open(lang === 'fr' ? { store_lang: 'fr' } : {});
      await signIn(page);
      if (await page.evaluate(() => document.documentElement.lang) !== (lang === 'fr' ? 'fr-CA' : 'en-CA')) {
        await switchLanguage(page, lang);
      }
      await approvedApplication(page);
      const payment = lang === 'fr' ? `87,91${NBSP}$` : '$87.91';

      // The approval screen: "Start a purchase", by keyboard.
      assert.equal(await text(page, '#start-purchase'), message(lang, 'decision-start-purchase'));
      await tabTo(page, 'start-purchase');
      await page.keyboard.press('Enter');
      await focusOn(page, 'amount-title');
      assert.equal(await text(page, '#purchase-title'), message(lang, 'purchase-title'));
      assert.match(await text(page, '#purchase-customer'), /J\. .*O'Neil/);

      await quote(page, '1000');
      const rows = await page.$$eval('#options input[type=radio]', (rs) => rs.map((r) => r.value));
      assert.equal(rows[0], 'regular', 'the regular purchase first');
      assert.ok(rows.includes('plan-4-12'), rows.join());
      assert.equal(await text(page, '#option-plan-4-12-payment'),
        message(lang, 'purchase-per-month', { amount: payment }));
      // Flexiti's texts are the customer's language (the applicant's), the other one click away.
      assert.equal(await page.getAttribute('#option-plan-4-12', 'lang'), lang === 'fr' ? 'fr-CA' : 'en-CA');
      const other = lang === 'fr' ? 'en' : 'fr';
      assert.equal(await text(page, '#options-show-other'), message(other, 'texts-show-in-this-language'));

      await choose(page, 'plan-4-12');
      assert.equal(await activeId(page), 'verify-title');
      assert.equal(await page.$('#verify-bypass'), null, 'a plan always needs the customer\'s verification');
      const pin = await verifyBySms(page);
      assert.ok(await page.isVisible('#sandbox-pins'));
      assert.match(await text(page, '#sandbox-pins'), lang === 'fr' ? /BAC À SABLE/ : /SANDBOX/);
      await charge(page, pin);
      await focusOn(page, 'done-title');
      assert.equal(await text(page, '#done-title'), message(lang, 'purchase-done-title'));
      assert.match(await text(page, '#done-authorization'), /\d+/);

      // The receipt, in the customer's language; both on request (labels "A / B", values once).
      await page.waitForSelector('#receipt');
      assert.equal(await page.getAttribute('#receipt', 'lang'), lang === 'fr' ? 'fr-CA' : 'en-CA');
      const paymentLabel = message(lang, 'receipt-payment');
      assert.equal(await receiptLine(page, 'receipt-payment'), `${paymentLabel} ${payment}`);
      await tabTo(page, 'receipt-both');
      await page.keyboard.press('Space');
      await page.waitForFunction(() =>
        document.querySelector('#receipt .line[data-label="receipt-amount"]')?.textContent.includes(' / '));
      const both = [lang, other].map((l) => message(l, 'receipt-amount')).join(' / ');
      assert.equal(await receiptLine(page, 'receipt-amount'),
        `${both} ${lang === 'fr' ? `1${NBSP}000,00${NBSP}$` : '$1,000.00'}`);
      assert.equal(await receiptLine(page, 'receipt-payment'),
        `${[lang, other].map((l) => message(l, 'receipt-payment')).join(' / ')} ${payment}`);
      const messageLangs = await page.$$eval('#receipt .message', (ms) => ms.map((m) => m.lang));
      assert.ok(messageLangs.length > 0, 'Flexiti\'s messages are printed');
      assert.deepEqual([...new Set(messageLangs)], [lang, other].map((l) => (l === 'fr' ? 'fr-CA' : 'en-CA')),
        'messages in the printed order, each with its language');
      assert.ok(await page.isEnabled('#receipt-print'));
    });
  }

  test('a returning customer by card: options in either language, a wrong code refused, the right one charges', async () => {
    const page = await open();
    await signIn(page);
    await switchLanguage(page, 'fr');
    await tabTo(page, 'returning-customer');
    await page.keyboard.press('Enter');
    await focusOn(page, 'customers-title');
    // A card that is not 16 digits: its sentence, next to the field.
    await tabTo(page, 'card-number');
    await page.keyboard.type('1234');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#card-number-error');
    assert.equal(await text(page, '#card-number-error'), message('fr', 'error-card-number-invalid'));
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(MITESTER_CARD);
    await page.keyboard.press('Enter');
    await focusOn(page, 'amount-title');
    assert.match(await text(page, '#purchase-customer'), /•••• 7982/);
    assert.match(await text(page, '#purchase-customer'), new RegExp(`14${NBSP}000,00${NBSP}\\$`));

    await quote(page, '1000');
    assert.match(await text(page, '#purchase-customer'), /F\. MITester/, 'the name comes with the quote');
    // The customer reads English: the rows are in English, French one click away.
    assert.equal(await page.getAttribute('#option-plan-4-12', 'lang'), 'en-CA');
    assert.equal(await text(page, '#option-plan-4-12-payment'), '$87.91 per month');
    await tabTo(page, 'options-show-other');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('#option-plan-4-12')?.lang === 'fr-CA');
    assert.equal(await text(page, '#option-plan-4-12-payment'), `87,91${NBSP}$ par mois`);
    assert.equal(await text(page, '#options-show-other'), 'Show in English');

    await choose(page, 'plan-4-12');
    const pin = await verifyBySms(page);
    const wrong = pin === '9999' ? '1111' : '9999';
    await charge(page, wrong);
    await page.waitForSelector('#purchase-refused');
    assert.equal(await page.getAttribute('#purchase-refused', 'role'), 'alert');
    assert.equal(await text(page, '#purchase-refused'),
      `${message('fr', 'purchase-refused')} ${message('fr', 'error-wrong-verification-code')} ${message('fr', 'purchase-refused-next')}`);
    // Nothing was charged: the purchase is open, the same code typed right goes through.
    await page.fill('#purchase-pin', '');
    await page.focus('#purchase-pin');
    await page.keyboard.type(pin);
    await page.keyboard.press('Enter');
    await focusOn(page, 'done-title');
    assert.equal(await text(page, '#done-title'), 'Achat conclu');
    await page.waitForSelector('#receipt');
    assert.equal(await receiptLine(page, 'receipt-payment'), 'Monthly payment $87.91', 'the customer\'s language');

    // Today's purchases: the sale (the refused one too), its receipt reprinted from the journal.
    await tabTo(page, 'purchase-done-home');
    await page.keyboard.press('Enter');
    await tabTo(page, 'todays-purchases');
    await page.keyboard.press('Enter');
    await focusOn(page, 'todays-title');
    await page.waitForSelector('#todays-list');
    const states = await page.$$eval('#todays-list tbody tr', (trs) => trs.map((tr) => tr.dataset.state));
    assert.deepEqual(states, ['refused', 'done']);
    const cells = await page.$$eval('#todays-row-1 td', (tds) => tds.map((td) => td.textContent.replace(/[ \t\n]+/g, ' ').trim()));
    assert.match(cells[0], /^\d\d:\d\d$/);
    assert.deepEqual(cells.slice(1), ['merchantonline', 'F. MITester', '•••• 7982', `1${NBSP}000,00${NBSP}$`, 'Plan 4, 12 mois',
      'Porté au compte', 'Reçu']);
    await tabTo(page, 'todays-receipt-1');
    await page.keyboard.press('Enter');
    await focusOn(page, 'todays-receipt-heading');
    await page.waitForSelector('#todays-receipt');
    assert.equal(await receiptLine(page, 'receipt-payment', '#todays-receipt'), 'Monthly payment $87.91');
  });

  test('a search by name: the blocked account says so in one sentence and cannot be picked; over-credit rows cannot be chosen', async () => {
    const page = await open();
    await signIn(page);
    await tabTo(page, 'returning-customer');
    await page.keyboard.press('Enter');
    await focusOn(page, 'customers-title');
    await tabTo(page, 'search-first-name');
    await page.keyboard.type('John');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Smith');
    await page.keyboard.press('Tab');
    await page.keyboard.type('1900-13-01');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#search-dob-error');
    assert.equal(await text(page, '#search-dob-error'), message('en', 'customers-dob-problem'));
    await page.focus('#search-dob');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('1900-01-01');
    await page.keyboard.press('Enter');
    await focusOn(page, 'matches-title');
    assert.equal(await text(page, '#matches-title'), '2 accounts found');
    const items = await page.$$eval('#matches li', (lis) => lis.map((li) => ({
      text: li.textContent.replace(/\s+/g, ' ').trim(),
      pick: li.querySelector('button') !== null,
    })));
    const blocked = items.find((i) => !i.pick);
    const open_ = items.find((i) => i.pick);
    assert.ok(blocked && open_, JSON.stringify(items));
    assert.match(blocked.text, /J\. Smith Card •••• 6457 Business account/);
    assert.ok(blocked.text.endsWith(message('en', 'purchase-blocked-f')), blocked.text);
    assert.match(open_.text, /J\. Smith Card •••• 5941 Personal account/);

    // Pick the open one (the only button), by keyboard.
    const index = items.indexOf(open_);
    await tabTo(page, `match-${index}-pick`);
    assert.equal(await page.getAttribute(`#match-${index}-pick`, 'aria-label'),
      message('en', 'customers-pick.label', { name: 'J. Smith', last4: '5941' }));
    await page.keyboard.press('Enter');
    await focusOn(page, 'amount-title');

    // 650 on plan 4 × 3 costs 660.84, over the 659.51 available: marked, not selectable.
    await quote(page, '650');
    assert.ok(await page.isDisabled('#option-plan-4-3 input'));
    assert.equal(await text(page, '#option-plan-4-3-over'), message('fr', 'purchase-over-credit'), 'in the customer\'s language');
    assert.ok(await page.isVisible('#options-over'));
    assert.ok(await page.isEnabled('#option-regular input'));
    // The arrows skip it: regular is chosen instead.
    await choose(page, 'regular');
    assert.match(await text(page, '#purchase-chosen'), /Regular purchase/);
  });

  test('a refused charge keeps the purchase open: credit exceeded, then a lower amount goes through', async () => {
    const page = await open();
    await signIn(page);
    // The customer (John Smith, account 123456789, 659.51 available) bought 100.00 a moment
    // ago at another counter of this store: the same rep session through the bridge.
    const [match] = (await bridge.invoke('search_customers', {
      input: { first_name: 'John', last_name: 'Smith', dob: '1900-01-01', postal_code: 'M1M 1M1' },
    })).filter((m) => m.blocked === null);
    const earlier = await bridge.invoke('start_purchase', { from: { from: 'match', match_id: match.match_id } });
    await bridge.invoke('quote_purchase', { purchase_id: earlier.id, amount: '100' });
    await bridge.invoke('choose_option', { purchase_id: earlier.id, option_id: 'regular' });
    await bridge.invoke('start_verification', { purchase_id: earlier.id, method: 'bypass' });
    const sold = await bridge.invoke('charge_purchase', { input: { purchase_id: earlier.id, pin: null, hold: false } });
    assert.equal(sold.stage, 'done');

    // Here, the same customer found by search before that sale showed 650 as possible.
    await tabTo(page, 'returning-customer');
    await page.keyboard.press('Enter');
    await page.fill('#search-first-name', 'John');
    await page.fill('#search-last-name', 'Smith');
    await page.fill('#search-dob', '1900-01-01');
    await page.fill('#search-postal-code', 'M1M 1M1');
    await page.focus('#search-postal-code');
    await page.keyboard.press('Enter');
    await focusOn(page, 'matches-title');
    await tabTo(page, 'match-0-pick');
    await page.keyboard.press('Enter');
    await focusOn(page, 'amount-title');
    await quote(page, '550');
    await choose(page, 'regular');
    // The security question, in the customer's language (French); the rep types the answer.
    await tabTo(page, 'verify-question');
    await page.keyboard.press('Enter');
    await focusOn(page, 'question-label');
    assert.ok((await text(page, '#security-question')).length > 0);
    assert.equal(await page.getAttribute('#security-question', 'lang'), 'fr-CA');
    await tabTo(page, 'security-answer');
    await page.keyboard.type('Blue');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#purchase-error');
    assert.equal(await text(page, '#purchase-error'), message('en', 'error-secret-answer-mismatch'));
    await page.focus('#security-answer');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('rainbow');
    await page.keyboard.press('Enter');
    await focusOn(page, 'charge-title');
    assert.equal(await page.$('#purchase-pin'), null, 'the answer gave the code: nothing to type');
    // Meanwhile another 100.00 left the account: 550 is over what remains.
    const again = await bridge.invoke('start_purchase', { from: { from: 'match', match_id: match.match_id } });
    await bridge.invoke('quote_purchase', { purchase_id: again.id, amount: '100' });
    await bridge.invoke('choose_option', { purchase_id: again.id, option_id: 'regular' });
    await bridge.invoke('start_verification', { purchase_id: again.id, method: 'bypass' });
    assert.equal((await bridge.invoke('charge_purchase', { input: { purchase_id: again.id, pin: null, hold: false } })).stage, 'done');

    await tabTo(page, 'charge');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#purchase-refused');
    assert.equal(await text(page, '#purchase-refused'),
      `${message('en', 'purchase-refused')} ${message('en', 'error-credit-exceeded')} ${message('en', 'purchase-refused-next')}`);
    // A lower amount: the same verification still holds.
    await page.focus('#amount-title');
    await quote(page, '400');
    assert.equal(await page.$('#purchase-refused'), null);
    await choose(page, 'regular');
    await focusOn(page, 'charge-title');
    await tabTo(page, 'charge');
    assert.equal(await text(page, '#charge'), 'Charge $400.00');
    await page.keyboard.press('Enter');
    await focusOn(page, 'done-title');
    await page.waitForSelector('#receipt');
    assert.equal(await receiptLine(page, 'receipt-amount'), `Montant 400,00${NBSP}$`, 'the customer reads French');
  });

  test('an answer lost on the way back locks the purchase; check again, a minute later, finds the one charge', async () => {
    const page = await open({}, { beforeLoad: (p) => p.clock.install() });
    await signIn(page);
    await tabTo(page, 'returning-customer');
    await page.keyboard.press('Enter');
    await focusOn(page, 'customers-title');
    await tabTo(page, 'card-number');
    await page.keyboard.type(MITESTER_CARD);
    await page.keyboard.press('Enter');
    await focusOn(page, 'amount-title');
    await quote(page, '1000');
    await choose(page, 'plan-4-12');
    const pin = await verifyBySms(page);

    // Flexiti charges, then the answer is lost.
    await bridge.addFault({ route: 'authorization', kind: 'drop', times: 1 });
    await charge(page, pin);
    await focusOn(page, 'unknown-title');
    assert.equal(await text(page, '#unknown-title'), message('en', 'purchase-unknown-title'));
    assert.equal(await text(page, '#unknown-body'), message('en', 'purchase-unknown-body'));
    // Locked: no amount, no option, no second charge.
    for (const gone of ['#purchase-amount', '#options', '#choose', '#verify-sms', '#charge', '#purchase-pin']) {
      assert.equal(await page.$(gone), null, `${gone} is gone`);
    }
    assert.ok(await page.isDisabled('#purchase-check-again'));
    assert.match(await text(page, '#check-countdown'), /^You can check again in (60|59|58) s\.$/);
    await page.clock.fastForward(30_000);
    await page.waitForFunction(() => /in (30|29|28) s/.test(document.querySelector('#check-countdown')?.textContent ?? ''));
    assert.ok(await page.isDisabled('#purchase-check-again'));
    await page.clock.fastForward(31_000);
    await page.waitForFunction(() => !document.querySelector('#purchase-check-again')?.disabled);
    assert.equal(await text(page, '#check-countdown'), message('en', 'purchase-unknown-ready'));

    // Today's list says it needs checking, and reopens it for the check.
    await tabTo(page, 'purchase-home', 'Shift+Tab');
    await page.keyboard.press('Enter');
    await tabTo(page, 'todays-purchases');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#todays-list');
    assert.match(await text(page, '#todays-row-0'), /Needs checking/);
    await tabTo(page, 'todays-check-0');
    await page.keyboard.press('Enter');
    await focusOn(page, 'unknown-title');

    await tabTo(page, 'purchase-check-again');
    await page.keyboard.press('Enter');
    await focusOn(page, 'done-title');
    assert.match(await text(page, '#done-authorization'), /\d+/);
    assert.equal(await page.$('#purchase-flag'), null, 'one charge, as sent');
    await page.waitForSelector('#receipt');
    assert.equal(await receiptLine(page, 'receipt-payment'), 'Monthly payment $87.91');
    const charges = (await ipcCalls(page)).filter((c) => c.cmd === 'charge_purchase');
    assert.equal(charges.length, 1, 'never a second charge from the screen');
  });

  test('signed out with an outcome unknown: today\'s list checks the charge again from the journal alone', async () => {
    const page = await open();
    await signIn(page);
    await page.click('#returning-customer');
    await page.fill('#card-number', MITESTER_CARD);
    await page.click('#find-by-card');
    await focusOn(page, 'amount-title');
    await quote(page, '250');
    await choose(page, 'plan-4-6');
    const pin = await verifyBySms(page);
    await bridge.addFault({ route: 'authorization', kind: 'drop', times: 1 });
    await charge(page, pin);
    await focusOn(page, 'unknown-title');

    // The rep signs out: the purchase is no longer open, its charge stays in the journal.
    await page.click('#sign-out');
    await signIn(page);
    await tabTo(page, 'todays-purchases');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#todays-list');
    assert.equal(await page.getAttribute('#todays-row-0', 'data-state'), 'outcome_unknown');
    assert.match(await text(page, '#todays-row-0'), /Needs checking/);
    await tabTo(page, 'todays-check-0');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#todays-row-0[data-state="done"]');
    assert.match(await text(page, '#todays-row-0'), /Charged/);
    await tabTo(page, 'todays-receipt-0');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#todays-receipt');
    assert.equal(await receiptLine(page, 'receipt-amount', '#todays-receipt'), 'Amount $250.00');
    const sent = (await ipcCalls(page)).filter((c) => c.cmd === 'charge_purchase' || c.cmd === 'check_operation_again');
    assert.deepEqual(sent.map((c) => c.cmd), ['charge_purchase', 'check_operation_again']);
  });
});
