// Languages in headless Chromium against the real engine (through pos-testbridge, as
// ui.test.mjs): the applicant's language is the applicant's, whatever the rep's screen
// speaks (it goes to Flexiti: the emulator's recorded applications say so); the terms and
// disclosures show in it first (French first for a Quebec applicant) and the accepted
// version's language is recorded; the sign-in screen speaks the store's language and
// sign-out returns to it; a failed switch leaves the whole screen in its language; and a
// walk of every screen in French finds no English sentence of ours.
// Run after `npm run build` and `cargo build -p pos-testbridge`.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FluentBundle, FluentResource } from '@fluent/bundle';
import {
  ADMIN_PASSPHRASE, DEMO_SECRET, fillFields, ipcCalls, lastCall, lastResult, localeSource, message,
  PASSWORD, signIn, VALID, waitSaved,
} from './harness.mjs';
import { bridge, open, openPage, server } from './suite.mjs';


/** An element's text, its runs of ASCII white space as one space (U+00A0 kept). */
const text = (page, selector) => page.$eval(selector, (el) => el.innerText.replace(/[ \t\r\n]+/g, ' ').trim());
const value = (page, selector) => page.$eval(selector, (el) => el.value);
const calls = async (page, cmd) => (await ipcCalls(page)).filter((c) => c.cmd === cmd);
const screenLang = (page) => page.evaluate(() => document.documentElement.lang);

async function switchLanguage(page, to) {
  await page.keyboard.press('Alt+L');
  await page.waitForFunction((lang) => document.documentElement.lang === lang, to === 'fr' ? 'fr-CA' : 'en-CA');
}

/** Signs in as `username` and opens a new application, its lists loaded. */
async function newApplication(page, username = 'merchantonline') {
  await signIn(page, username);
  await page.click('#new-application');
  await page.waitForSelector('#application-form');
  await page.waitForSelector('#field-province option[value="ON"]', { state: 'attached' });
}

/** Accepts the terms on screen and waits for the save; returns what was saved. */
async function acceptTerms(page) {
  await page.check('#field-tos_agreement');
  await waitSaved(page);
  return (await lastCall(page, 'save_draft')).input;
}

/** Sends the application and waits for Flexiti's approval; returns what the emulator recorded of it. */
async function submitApproved(page) {
  await page.click('#submit');
  await page.waitForSelector('#decision-approved');
  const recorded = await bridge.recordedApplications();
  assert.equal(recorded.length, 1, 'one application reached the emulator');
  return recorded[0];
}




describe("the applicant's language", () => {
  test('a French rep in a Quebec store serves an English applicant: the screen French, the application and its terms English', async () => {
    const page = await open({ store_province: 'QC' });
    await page.waitForSelector('#sign-in');
    assert.equal(await screenLang(page), 'fr-CA', 'a Quebec store signs in in French');
    await newApplication(page, 'vendeur');
    assert.equal(await value(page, '#field-applicant_lang'), 'fr', "a new applicant starts in the store's language");
    assert.equal(await text(page, 'label[for="field-applicant_lang"]'), 'Langue du demandeur');
    assert.deepEqual(await page.$$eval('#field-applicant_lang option', (os) => os.map((o) => [o.value, o.textContent, o.lang])),
      [['fr', 'Français', 'fr-CA'], ['en', 'English', 'en-CA']], 'each language named in itself');

    // The rep asks; the customer prefers English. An Ontario applicant: English first.
    await page.selectOption('#field-applicant_lang', 'en');
    await fillFields(page, VALID);
    await page.waitForSelector('#terms-text[lang="en-CA"]');
    assert.match(await text(page, '#terms-text'), /SAMPLE TEXT/);
    assert.deepEqual((await calls(page, 'terms')).map((c) => c.args), [{ province: 'ON', lang: 'en' }]);
    assert.equal(await text(page, '#terms-show-other'), 'Afficher en français');
    assert.equal(await page.getAttribute('#terms-show-other', 'lang'), 'fr-CA');
    assert.equal(await page.getAttribute('#insurance-text', 'lang'), 'en-CA', 'the disclosures in English too');
    assert.equal(await page.getAttribute('#annual-fees-text', 'lang'), 'en-CA');
    // The rep's screen stays French: labels, option labels, the submit button.
    assert.equal(await screenLang(page), 'fr-CA');
    assert.equal(await text(page, 'label[for="field-first_name"]'), message('fr', 'label-first-name'));
    assert.equal(await page.$eval('#field-province', (s) => s.selectedOptions[0].textContent), 'Ontario');
    assert.equal(await page.$eval('#field-housing_type', (s) => s.selectedOptions[0].textContent), 'Locataire');
    assert.equal(await text(page, '#submit'), message('fr', 'submit'));

    const saved = await acceptTerms(page);
    assert.equal(saved.applicant_lang, 'en');
    assert.equal(saved.tos_version, '2024-01');
    assert.equal(saved.tos_lang, 'en', 'accepted in English, the version on screen');
    assert.equal(await text(page, '#terms-accepted-lang'),
      message('fr', 'terms-accepted-in', { language: message('fr', 'lang-in-sentence-en') }));

    const recorded = await submitApproved(page);
    assert.equal(recorded.first_name.toLowerCase(), VALID.first_name.toLowerCase());
    assert.equal(recorded.lang, 'en', "Flexiti gets the applicant's language, not the screen's");
  });

  test("an English rep (the screen switched) serves a French applicant: Flexiti gets French", async () => {
    const page = await open({ store_province: 'QC' });
    await page.waitForSelector('#sign-in');
    await signIn(page);
    await switchLanguage(page, 'en');
    await page.click('#new-application');
    await page.waitForSelector('#application-form');
    await page.waitForSelector('#field-province option[value="ON"]', { state: 'attached' });
    assert.equal(await value(page, '#field-applicant_lang'), 'fr', "the store's language, not the rep's screen");
    assert.equal(await text(page, 'label[for="field-applicant_lang"]'), 'Language of the applicant');
    await fillFields(page, { ...VALID, first_name: 'Zoé', last_name: 'Roy' });
    await page.waitForSelector('#terms-text[lang="fr-CA"]');
    assert.match(await text(page, '#terms-text'), /TEXTE D'EXEMPLE/);
    assert.deepEqual((await calls(page, 'terms')).map((c) => c.args), [{ province: 'ON', lang: 'fr' }]);
    assert.equal(await text(page, '#terms-show-other'), 'Show in English');
    assert.equal(await page.getAttribute('#insurance-text', 'lang'), 'fr-CA');
    assert.equal(await text(page, 'label[for="field-first_name"]'), 'First name');
    assert.equal(await text(page, '#submit'), message('en', 'submit'));

    const saved = await acceptTerms(page);
    assert.equal(saved.applicant_lang, 'fr');
    assert.equal(saved.tos_lang, 'fr');
    const recorded = await submitApproved(page);
    assert.equal(recorded.first_name.toLowerCase(), 'zoé');
    assert.equal(recorded.lang, 'fr');
  });

  test("switching the screen's language five times changes neither the applicant's language nor any answer", async () => {
    const page = await open({ store_province: 'QC' });
    await page.waitForSelector('#sign-in');
    await newApplication(page);
    await page.selectOption('#field-applicant_lang', 'en');
    const answers = { ...VALID, province: 'QC', city: 'Montréal', postal_code: 'H2X 1Y4', govid_issuedby: 'QC' };
    await fillFields(page, answers);
    await page.check('#field-insurance');
    await page.check('#field-qcpa_disclosure');
    await page.waitForSelector('#terms-text');
    const saved = await acceptTerms(page);
    assert.equal(saved.applicant_lang, 'en');
    await page.waitForTimeout(400); // past the autosave delay: nothing is pending
    const [saves, terms] = [(await calls(page, 'save_draft')).length, (await calls(page, 'terms')).length];

    let lang = 'fr';
    for (let i = 1; i <= 5; i += 1) {
      lang = lang === 'fr' ? 'en' : 'fr';
      await switchLanguage(page, lang);
      assert.equal(await value(page, '#field-applicant_lang'), 'en', `switch ${i}: the applicant's language`);
      for (const [name, expected] of Object.entries(answers)) {
        assert.equal(await value(page, `#field-${name}`), expected, `switch ${i}: ${name}`);
      }
      for (const name of ['insurance', 'qcpa_disclosure', 'tos_agreement']) {
        assert.equal(await page.isChecked(`#field-${name}`), true, `switch ${i}: ${name}`);
      }
    }
    assert.equal(lang, 'en');
    await page.waitForTimeout(700);
    assert.equal((await calls(page, 'save_draft')).length, saves, 'the draft was not saved again: nothing changed');
    assert.equal((await calls(page, 'terms')).length, terms, 'the terms were not fetched again');

    // Read back after a reload: the store has the applicant's language and every answer.
    await page.reload();
    await page.waitForSelector('#drafts .resume');
    assert.equal(await screenLang(page), 'en-CA', "the rep's choice lasts their session");
    await page.click('#drafts .resume');
    await page.waitForSelector('#application-form');
    const view = await lastResult(page, 'open_draft');
    assert.equal(view.applicant_lang, 'en');
    assert.deepEqual(view.fields, saved.fields);
    assert.equal(view.tos_version, '2024-01-QC');
    assert.equal(view.tos_lang, saved.tos_lang);
    assert.equal(await value(page, '#field-applicant_lang'), 'en');
    assert.equal(await value(page, '#field-first_name'), VALID.first_name);
  });

  test('a Quebec applicant sees the French terms first, English on request; the accepted version is recorded and reopens', async () => {
    const page = await open(); // an English store, an English rep, an English applicant
    await page.waitForSelector('#sign-in');
    await newApplication(page);
    assert.equal(await value(page, '#field-applicant_lang'), 'en');
    await fillFields(page, { ...VALID, province: 'QC', city: 'Montréal', postal_code: 'H2X 1Y4' });
    // Charter of the French Language, s. 55: the French version first.
    await page.waitForSelector('#terms-text[lang="fr-CA"]');
    assert.equal(await text(page, '#terms-quebec-first'), message('en', 'texts-quebec-french-first'));
    assert.equal(await page.getAttribute('#qcpa-text', 'lang'), 'fr-CA', 'the disclosures too');
    assert.equal(await text(page, '#terms-shown-lang'),
      message('en', 'texts-shown-in', { language: message('en', 'lang-in-sentence-fr') }));
    // The applicant asks for English: an explicit switch, and back.
    await page.click('#terms-show-other');
    await page.waitForSelector('#terms-text[lang="en-CA"]');
    assert.equal(await text(page, '#terms-show-other'), 'Afficher en français');
    await page.click('#disclosures-show-other');
    await page.waitForSelector('#qcpa-text[lang="en-CA"]');
    await page.click('#terms-show-other');
    await page.waitForSelector('#terms-text[lang="fr-CA"]');
    assert.deepEqual((await calls(page, 'terms')).map((c) => c.args),
      [{ province: 'QC', lang: 'fr' }, { province: 'QC', lang: 'en' }, { province: 'QC', lang: 'fr' }]);

    // Accepted while the French version is on screen: French is recorded.
    let saved = await acceptTerms(page);
    assert.deepEqual([saved.tos_version, saved.tos_lang], ['2024-01-QC', 'fr']);
    assert.equal(await text(page, '#terms-accepted-lang'),
      message('en', 'terms-accepted-in', { language: message('en', 'lang-in-sentence-fr') }));

    // Reopened: the record is the engine's.
    await page.click('#form-back');
    await page.waitForSelector('#drafts .resume');
    await page.click('#drafts .resume');
    await page.waitForSelector('#terms-accepted-lang');
    assert.equal((await lastResult(page, 'open_draft')).tos_lang, 'fr');
    assert.equal(await page.isChecked('#field-tos_agreement'), true);
    assert.match(await text(page, '#terms-accepted-lang'), /French/);

    // Accepted again with the English version on screen: English is recorded.
    await page.uncheck('#field-tos_agreement');
    await page.waitForSelector('#terms-accepted-lang', { state: 'detached' });
    await page.click('#terms-show-other');
    await page.waitForSelector('#terms-text[lang="en-CA"]');
    saved = await acceptTerms(page);
    assert.deepEqual([saved.tos_version, saved.tos_lang], ['2024-01-QC', 'en']);
    // Another province group: new terms, to accept again; no language recorded meanwhile.
    await page.selectOption('#field-province', 'ON');
    await page.waitForFunction(() => document.querySelector('#terms-version')?.textContent.includes('2024-01')
      && !document.querySelector('#terms-version').textContent.includes('QC'));
    await page.waitForSelector('#terms-text[lang="en-CA"]'); // an Ontario applicant: English first
    assert.equal(await page.isChecked('#field-tos_agreement'), false);
    await waitSaved(page);
    saved = (await lastCall(page, 'save_draft')).input;
    assert.deepEqual([saved.tos_version, saved.tos_lang, saved.fields.tos_agreement], ['2024-01', null, false]);
  });
});

describe("the store's language", () => {
  test("the sign-in screen speaks the store's language, and sign-out returns to it whatever the rep chose", async () => {
    // Quebec: French, before and after an English session.
    let page = await open({ store_province: 'QC' });
    await page.waitForSelector('#sign-in');
    assert.equal(await screenLang(page), 'fr-CA');
    assert.equal(await text(page, '#sign-in-title'), message('fr', 'sign-in-title'));
    await signIn(page);
    await switchLanguage(page, 'en');
    assert.equal((await bridge.invoke('app_status')).lang, 'en');
    await page.click('#sign-out');
    await page.waitForSelector('#sign-in');
    assert.equal(await screenLang(page), 'fr-CA', "back to the store's language");
    assert.equal(await text(page, '#sign-in-title'), message('fr', 'sign-in-title'));
    assert.equal(await page.title(), message('fr', 'app-name'));
    await page.reload();
    await page.waitForSelector('#sign-in');
    assert.equal(await screenLang(page), 'fr-CA', 'nothing of the last rep kept in the page');
    const stored = await page.evaluate(() => localStorage.length + sessionStorage.length);
    assert.equal(stored, 0);

    // Ontario: English, after a French session.
    page = await open({ store_province: 'ON' });
    await page.waitForSelector('#sign-in');
    assert.equal(await screenLang(page), 'en-CA');
    await signIn(page);
    await switchLanguage(page, 'fr');
    await page.click('#sign-out');
    await page.waitForSelector('#sign-in');
    assert.equal(await screenLang(page), 'en-CA');
    assert.equal(await text(page, '#sign-in-title'), message('en', 'sign-in-title'));
  });

  test('before the engine answers, the page claims no language and says both', async () => {
    const html = await (await fetch(server.url)).text();
    assert.match(html, /<html>/, 'index.html: no lang before the engine says the store\'s');
    assert.doesNotMatch(html, /<html[^>]*lang=/);
    assert.match(html, /<title>Demandes de crédit Flexiti · Flexiti credit applications<\/title>/);
    await bridge.reset({ store_province: 'QC' });
    const page = await openPage({
      beforeLoad: (p) => p.route('**/__bridge__/invoke/app_status', async (route) => {
        await new Promise((ok) => setTimeout(ok, 800));
        await route.continue();
      }),
    });
    await page.waitForSelector('#loading');
    assert.equal(await screenLang(page), '');
    assert.deepEqual(await page.$$eval('#loading [lang]', (els) => els.map((e) => [e.lang, e.textContent])),
      [['fr-CA', message('fr', 'loading')], ['en-CA', message('en', 'loading')]]);
    await page.waitForSelector('#sign-in');
    assert.equal(await screenLang(page), 'fr-CA');
  });

  test("settings: the store's province (sorted by name), Quebec picks French, and the sign-in screen follows", async () => {
    const page = await open();
    await page.waitForSelector('#sign-in');
    await switchLanguage(page, 'fr');
    await page.click('#open-settings');
    await page.waitForSelector('#settings-store-province');
    assert.equal(await text(page, 'label[for="settings-store-province"]'), 'Province ou territoire du magasin');
    assert.equal(await text(page, 'label[for="settings-store-lang"]'), 'Langue du magasin');
    assert.equal(await value(page, '#settings-store-province'), '');
    assert.equal(await value(page, '#settings-store-lang'), 'en');
    const provinces = await page.$$eval('#settings-store-province option', (os) => os.filter((o) => o.value).map((o) => [o.value, o.textContent]));
    assert.deepEqual(provinces.map(([, label]) => label), [
      'Alberta', 'Colombie-Britannique', 'Île-du-Prince-Édouard', 'Manitoba', 'Nouveau-Brunswick',
      'Nouvelle-Écosse', 'Nunavut', 'Ontario', 'Québec', 'Saskatchewan', 'Terre-Neuve-et-Labrador',
      'Territoires du Nord-Ouest', 'Yukon',
    ]);
    assert.deepEqual(provinces.map(([code]) => code).sort(),
      ['AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT']);
    await page.selectOption('#settings-store-province', 'QC');
    assert.equal(await value(page, '#settings-store-lang'), 'fr', 'Quebec: French');
    await page.selectOption('#settings-store-lang', 'en');
    await page.selectOption('#settings-store-lang', 'fr'); // the administrator can change it
    await switchLanguage(page, 'en');
    assert.equal(await page.$eval('#settings-store-province', (s) => s.selectedOptions[0].textContent), 'Quebec');
    const english = await page.$$eval('#settings-store-province option', (os) => os.filter((o) => o.value).map((o) => o.textContent));
    assert.deepEqual(english, [...english].sort(new Intl.Collator('en-CA').compare));
    await page.click('#settings-save');
    await page.waitForSelector('#settings-saved');
    const input = (await lastCall(page, 'save_settings')).input;
    assert.deepEqual([input.store_province, input.store_lang], ['QC', 'fr']);
    const settings = await bridge.invoke('get_settings');
    assert.deepEqual([settings.store_province, settings.store_lang], ['QC', 'fr']);
    // Nobody signed in: the screen speaks the store's language now.
    await page.waitForFunction(() => document.documentElement.lang === 'fr-CA');
    await page.click('#settings-close');
    await page.waitForSelector('#sign-in');
    assert.equal(await text(page, '#sign-in-title'), message('fr', 'sign-in-title'));
    // Leaving Quebec goes back to English.
    await page.click('#open-settings');
    await page.waitForSelector('#settings-store-province');
    assert.equal(await value(page, '#settings-store-province'), 'QC');
    await page.selectOption('#settings-store-province', 'NB');
    assert.equal(await value(page, '#settings-store-lang'), 'en');
  });
});

describe('switching the screen', () => {
  test('a failed switch leaves the whole screen in its language, says why, and the next switch tries again', async () => {
    const page = await open();
    await page.waitForSelector('#sign-in');
    await newApplication(page);
    await page.selectOption('#field-province', 'ON');
    // Flexiti cannot give the French lists (nothing cached in French on a new terminal).
    await bridge.addFault({ route: 'i18n', kind: 'status', status: 503 });
    await page.keyboard.press('Alt+L');
    await page.waitForSelector('#lang-error', { timeout: 15_000 });
    assert.equal(await screenLang(page), 'en-CA');
    assert.match(await text(page, '#lang-error'), new RegExp(`^${message('en', 'lang-switch-failed').replace(/[.+()]/g, '\\$&')}`));
    assert.equal(await text(page, 'label[for="field-first_name"]'), message('en', 'label-first-name'));
    assert.equal(await page.$eval('#field-province', (s) => s.selectedOptions[0].textContent), 'Ontario');
    assert.equal(await text(page, '#submit'), message('en', 'submit'));
    assert.equal((await bridge.invoke('app_status')).lang, 'en', 'the engine was not told');

    await bridge.clearFaults();
    await switchLanguage(page, 'fr');
    assert.equal(await page.$('#lang-error'), null);
    assert.equal(await text(page, 'label[for="field-first_name"]'), message('fr', 'label-first-name'));
    await page.waitForFunction(() => document.querySelector('#field-housing_type option[value="Rent"]')?.textContent === 'Locataire');
    assert.equal((await bridge.invoke('app_status')).lang, 'fr');
  });
});

describe('switching the screen while locked', () => {
  test("switched while locked, the new language's lists fail at the unlock: the whole screen goes back and says why", async () => {
    const page = await open();
    await page.waitForSelector('#sign-in');
    await newApplication(page);
    await fillFields(page, { first_name: 'Ann', housing_type: 'Rent' });
    await waitSaved(page);
    await page.click('#lock');
    await page.waitForSelector('#unlock-password');
    await switchLanguage(page, 'fr'); // the lock screen speaks French; no lists can be loaded locked
    assert.equal(await text(page, '#locked-title'), message('fr', 'locked-title'));
    await bridge.addFault({ route: 'i18n', kind: 'status', status: 503 });
    await page.fill('#unlock-password', PASSWORD);
    await page.press('#unlock-password', 'Enter');
    await page.waitForSelector('#unlock-password', { state: 'detached' });
    await page.waitForSelector('#lang-error', { timeout: 15_000 });
    assert.equal(await screenLang(page), 'en-CA', 'back to the language the lists are in');
    assert.equal(await text(page, 'label[for="field-first_name"]'), message('en', 'label-first-name'));
    const rent = (await bridge.invoke('form_data', { lang: 'en' })).lists.housing_type.find((c) => c.code === 'Rent');
    assert.equal(await page.$eval('#field-housing_type', (s) => s.selectedOptions[0].textContent), rent.label);
    assert.equal(await value(page, '#field-first_name'), 'Ann');
    assert.equal((await bridge.invoke('app_status')).lang, 'en', 'the engine follows');
    await bridge.clearFaults();
    await switchLanguage(page, 'fr');
    await page.waitForFunction(() => document.querySelector('#field-housing_type')?.selectedOptions[0]?.textContent === 'Locataire');
    assert.equal(await page.$('#lang-error'), null);
  });
});

/**
 * The app's own English that must not show on a French screen: every en-CA message (value
 * and attributes) whose French differs and which is no French message of ours either (the
 * language toggle's "Français" names French in French in both files). Messages without
 * variables are compared whole; the fixed parts of those with variables, when long enough
 * to be a phrase.
 */
function englishOnly() {
  const load = (lang) => {
    const bundle = new FluentBundle(lang === 'fr' ? 'fr-CA' : 'en-CA', { useIsolating: false });
    const resource = new FluentResource(localeSource(lang));
    bundle.addResource(resource);
    return { bundle, resource };
  };
  const en = load('en');
  const fr = load('fr');
  const format = (bundle, pattern) => {
    const errors = [];
    return { text: bundle.formatPattern(pattern, {}, errors), whole: errors.length === 0 };
  };
  const frenchOfOurs = new Set();
  for (const entry of fr.resource.body) {
    for (const pattern of [entry.value, ...Object.values(entry.attributes ?? {})]) {
      if (pattern) frenchOfOurs.add(format(fr.bundle, pattern).text.trim());
    }
  }
  const whole = new Map();
  const parts = new Map();
  for (const entry of en.resource.body) {
    if (entry.id.startsWith('-')) continue;
    const frMessage = fr.bundle.getMessage(entry.id);
    const patterns = [[entry.id, entry.value, frMessage?.value]];
    for (const [name, pattern] of Object.entries(entry.attributes ?? {})) {
      patterns.push([`${entry.id}.${name}`, pattern, frMessage?.attributes[name]]);
    }
    for (const [id, enPattern, frPattern] of patterns) {
      if (!enPattern) continue;
      const e = format(en.bundle, enPattern);
      const f = frPattern ? format(fr.bundle, frPattern).text : null;
      if (e.text === f || frenchOfOurs.has(e.text.trim())) continue;
      if (e.whole) whole.set(e.text.trim(), id);
      for (const part of e.text.split(/\{[^}]*\}/)) {
        const phrase = part.trim();
        if (phrase.length >= 12 && phrase.includes(' ')) parts.set(phrase, id);
      }
    }
  }
  return { whole, parts };
}

/**
 * What the page shows as French: visible text, and the title, aria-label and placeholder
 * of visible elements, outside anything marked with another language (the language toggle,
 * an English applicant's texts, a language named in itself).
 */
function frenchOnScreen(page) {
  return page.evaluate(() => {
    const out = [];
    const french = (el) => el.closest('[lang]')?.getAttribute('lang') === 'fr-CA';
    const visible = (el) => {
      const target = el.tagName === 'OPTION' ? el.closest('select') : el;
      return target !== null && target.checkVisibility({ visibilityProperty: true });
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      const said = node.textContent.replace(/[ \t\r\n]+/g, ' ').trim();
      if (said !== '' && el && visible(el) && french(el)) out.push(said);
    }
    for (const el of document.body.querySelectorAll('[title], [aria-label], [placeholder]')) {
      if (!visible(el) || !french(el)) continue;
      for (const name of ['title', 'aria-label', 'placeholder']) {
        const said = el.getAttribute(name)?.trim();
        if (said) out.push(said);
      }
    }
    out.push(document.title);
    return out;
  });
}

describe('a walk of every screen in French', () => {
  test('no English sentence of ours on any screen: sign-in, administrator, settings, home, form, terms, lock, decision', async () => {
    const { whole, parts } = englishOnly();
    assert.ok(whole.size > 150, `only ${whole.size} English messages to look for`);
    // The detector knows our English, whole and in part, and not our French.
    assert.equal(whole.get(message('en', 'sign-in-intro')), 'sign-in-intro');
    const withVariable = message('en', 'terms-accepted-in', { language: 'French' });
    assert.ok([...parts].some(([phrase, id]) => id === 'terms-accepted-in' && withVariable.includes(phrase)),
      'a phrase of a message with a variable');
    assert.ok(!whole.has(message('fr', 'sign-in-intro')));
    const found = [];
    const seen = [];
    async function walk(page, screen) {
      assert.equal(await screenLang(page), 'fr-CA', `${screen}: the screen is French`);
      const texts = await frenchOnScreen(page);
      seen.push([screen, texts.length]);
      for (const said of texts) {
        if (whole.has(said)) found.push(`${screen}: "${said}" (${whole.get(said)})`);
        for (const [phrase, id] of parts) {
          if (said.includes(phrase)) found.push(`${screen}: "${said}" contains "${phrase}" (${id})`);
        }
      }
    }

    // A Quebec store outside Sandbox (the administrator's dialog guards its settings).
    const page = await open({ environment: 'custom', client_secret: DEMO_SECRET, store_province: 'QC' });
    await page.waitForSelector('#sign-in');
    await walk(page, 'sign-in');
    await page.click('#sign-in-submit'); // nothing typed: the sentence that says so
    await page.waitForSelector('#sign-in-error');
    await walk(page, 'sign-in, nothing typed');

    await page.click('#open-settings');
    await page.waitForSelector('#admin-dialog[open]');
    await walk(page, "administrator's dialog");
    await page.press('#admin-passphrase', 'Enter');
    await page.waitForSelector('#admin-error');
    await walk(page, "administrator's dialog, nothing typed");
    await page.click('#admin-forgot');
    await page.waitForSelector('#reset-dialog[open]');
    await walk(page, 'reset dialog');
    await page.click('#reset-dialog-cancel');
    await page.waitForSelector('#reset-dialog', { state: 'detached' });
    await page.fill('#admin-passphrase', ADMIN_PASSPHRASE);
    await page.press('#admin-passphrase', 'Enter');
    await page.waitForSelector('#settings-store-province');
    await page.waitForSelector('#data-key-source');
    await walk(page, 'settings');
    await page.click('#settings-close');
    await page.waitForSelector('#sign-in');

    await signIn(page, 'vendeur');
    await walk(page, 'home');
    await page.click('#new-application');
    await page.waitForSelector('#application-form');
    await page.waitForSelector('#field-province option[value="ON"]', { state: 'attached' });
    await walk(page, 'form, empty');
    await page.click('#submit');
    await page.waitForSelector('#submit-blocked');
    await walk(page, 'form, every error');

    await fillFields(page, { ...VALID, province: 'QC', city: 'Montréal', postal_code: 'H2X 1Y4' });
    await page.check('#field-qcpa_disclosure');
    await page.waitForSelector('#terms-text[lang="fr-CA"]');
    await page.click('#insurance-block summary');
    await acceptTerms(page);
    await walk(page, 'form, disclosures and terms');
    // An English applicant: the texts turn English (marked so), the screen stays French.
    await page.selectOption('#field-applicant_lang', 'en');
    await page.click('#terms-show-other');
    await page.waitForSelector('#terms-text[lang="en-CA"]');
    await page.click('#disclosures-show-other');
    await page.waitForSelector('#insurance-text[lang="en-CA"]');
    await walk(page, 'form, an English applicant');
    await page.click('#terms-show-other');
    await page.waitForSelector('#terms-text[lang="fr-CA"]');
    await page.check('#field-tos_agreement');
    await waitSaved(page);

    await page.click('#lock');
    await page.waitForSelector('#unlock-password');
    await walk(page, 'lock');
    await page.fill('#unlock-password', 'wrong');
    await page.press('#unlock-password', 'Enter');
    await page.waitForSelector('#unlock-error');
    await walk(page, 'lock, wrong password');
    await page.fill('#unlock-password', PASSWORD);
    await page.press('#unlock-password', 'Enter');
    await page.waitForSelector('#unlock-password', { state: 'detached' });

    await page.click('#submit');
    await page.waitForSelector('#decision-approved');
    await walk(page, 'decision');
    await page.click('#decision-home');
    await page.waitForSelector('#drafts');
    await walk(page, 'home, with a decided application');

    assert.deepEqual(found, []);
    for (const [screen, count] of seen) assert.ok(count > 5, `${screen}: only ${count} texts read`);
  });
});
