// The shared-terminal screens in headless Chromium against the real engine (through
// pos-testbridge, as ui.test.mjs): the administrator's dialog, the throttle sentences,
// the start-up error screen, a colleague's drafts, the drafts kept for the administrator.
// Both languages. Run after `npm run build` and `cargo build -p pos-testbridge`.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  ADMIN_PASSPHRASE, DEMO_SECRET, fillFields, ipcCalls, lastCall, message, PASSWORD, signIn,
  startApplication, VALID, waitSaved,
} from './harness.mjs';
import { bridge, open, openPage } from './suite.mjs';

const NBSP = '\u00A0';


/**
 * A terminal outside Sandbox (`custom`: a second emulator on 127.0.0.1 playing Flexiti),
 * its settings closed behind ADMIN_PASSPHRASE.
 */
function outsideSandbox(reset = {}) {
  return open({ environment: 'custom', client_secret: DEMO_SECRET, ...reset });
}

/** Runs `fn` signed in as the demo rep through the bridge, then signs out. */
async function asRep(fn) {
  await bridge.invoke('sign_in', { input: { username: 'merchantonline', password: PASSWORD } });
  try {
    return await fn();
  } finally {
    await bridge.invoke('sign_out');
  }
}

/** A new draft saved with `fields`; returns its id. */
async function savedDraft(fields) {
  const draft = await bridge.invoke('new_draft');
  await bridge.invoke('save_draft', { input: { id: draft.id, applicant_lang: 'en', fields, tos_version: null, tos_lang: null } });
  return draft.id;
}

/** An element's text, its runs of ASCII white space as one space (U+00A0 kept: it is checked). */
const text = (page, selector) => page.$eval(selector, (el) => el.innerText.replace(/[ \t\r\n]+/g, ' ').trim());
const value = (page, selector) => page.$eval(selector, (el) => el.value);
const calls = async (page, cmd) => (await ipcCalls(page)).filter((c) => c.cmd === cmd);

async function switchLanguage(page, to) {
  await page.keyboard.press('Alt+L');
  await page.waitForFunction((lang) => document.documentElement.lang === lang, to === 'fr' ? 'fr-CA' : 'en-CA');
}

/** Types the administrator's passphrase in the open dialog and sends it. */
async function typePassphrase(page, passphrase) {
  await page.fill('#admin-passphrase', passphrase);
  await page.press('#admin-passphrase', 'Enter');
}

/** Fails a sign-in `times` times with a wrong password, each refused as such. */
async function wrongSignIns(page, times, refusal) {
  for (let i = 1; i <= times; i += 1) {
    await page.fill('#username', 'merchantonline');
    await page.fill('#password', `wrong-${i}`);
    await page.press('#password', 'Enter');
    await page.waitForFunction((n) => window.__ipc.calls.filter((c) => c.cmd === 'sign_in' && 'error' in c).length === n, i);
    assert.equal(await text(page, '#sign-in-error'), refusal, `attempt ${i}`);
  }
}




describe("the administrator's dialog", () => {
  for (const [lang, say] of [
    ['en', {
      title: "Administrator's passphrase",
      wrong: "That is not the administrator's passphrase.",
      missing: "Enter the administrator's passphrase.",
      settings: 'Terminal settings',
      close: 'Close settings',
    }],
    ['fr', {
      title: "Phrase de passe de l'administrateur",
      wrong: "Ce n'est pas la phrase de passe de l'administrateur.",
      missing: "Entrez la phrase de passe de l'administrateur.",
      settings: 'Paramètres du terminal',
      close: 'Fermer les paramètres',
    }],
  ]) {
    test(`outside Sandbox the settings need the passphrase: wrong refused, right opens them, Close settings closes them (${lang})`, async () => {
      const page = await outsideSandbox({ lang });
      await page.waitForSelector('#sign-in');
      assert.equal(await page.getAttribute('#open-settings', 'aria-haspopup'), 'dialog');
      await page.click('#open-settings');
      await page.waitForSelector('#admin-dialog[open]');
      assert.equal(await text(page, '#admin-dialog-title'), say.title);
      assert.equal(await page.evaluate(() => document.activeElement.id), 'admin-passphrase', 'ready to type');
      assert.equal(await page.getAttribute('#admin-passphrase', 'type'), 'password');

      // Escape closes it: nothing opened, the focus back on the link.
      await page.keyboard.press('Escape');
      await page.waitForSelector('#admin-dialog', { state: 'detached' });
      assert.equal(await page.evaluate(() => document.activeElement.id), 'open-settings');
      assert.equal((await calls(page, 'admin_sign_in')).length, 0);
      await page.click('#open-settings');
      await page.waitForSelector('#admin-dialog[open]');

      await page.press('#admin-passphrase', 'Enter');
      assert.equal(await text(page, '#admin-error'), say.missing);
      assert.equal((await calls(page, 'admin_sign_in')).length, 0, 'nothing sent empty');
      await typePassphrase(page, 'not the passphrase');
      await page.waitForFunction(() => window.__ipc.calls.some((c) => c.cmd === 'admin_sign_in' && 'error' in c));
      assert.equal(await text(page, '#admin-error'), say.wrong);
      assert.equal(await page.getAttribute('#admin-passphrase', 'aria-invalid'), 'true');
      assert.equal(await page.getAttribute('#admin-passphrase', 'aria-describedby'), 'admin-error');
      assert.equal(await value(page, '#admin-passphrase'), '', 'the wrong passphrase is not kept');
      assert.equal((await calls(page, 'get_settings')).length, 0, 'no settings read');
      assert.equal(await page.$('#settings'), null);

      await typePassphrase(page, ADMIN_PASSPHRASE);
      await page.waitForSelector('#settings-client-id');
      assert.equal(await page.$('#admin-dialog'), null);
      assert.equal(await text(page, '#settings-title'), say.settings);
      assert.equal((await lastCall(page, 'admin_sign_in')).passphrase, ADMIN_PASSPHRASE);
      assert.equal((await bridge.invoke('app_status')).admin_open, true);

      assert.equal(await text(page, '#settings-close'), say.close);
      await page.click('#settings-close');
      await page.waitForSelector('#sign-in');
      assert.equal((await calls(page, 'admin_sign_out')).length, 1);
      assert.equal((await bridge.invoke('app_status')).admin_open, false, 'closed in the engine');
      // Closed: the passphrase is asked again.
      await page.click('#open-settings');
      await page.waitForSelector('#admin-dialog[open]');
      assert.equal(await value(page, '#admin-passphrase'), '');
    });
  }

  test('the settings closed meanwhile (the administrator\'s time ran out): saving asks for the passphrase again, nothing saved', async () => {
    const page = await outsideSandbox();
    await page.click('#open-settings');
    await typePassphrase(page, ADMIN_PASSPHRASE);
    await page.waitForSelector('#settings-terminal-id');
    const before = await value(page, '#settings-terminal-id');
    // What the engine's time limit does.
    await bridge.invoke('admin_sign_out');
    await page.fill('#settings-terminal-id', 'T-99');
    await page.click('#settings-save');
    await page.waitForSelector('#admin-dialog[open]');
    assert.equal((await calls(page, 'save_settings')).at(-1).error.code, 'admin_required');
    assert.equal(await text(page, '#admin-note'), "The terminal's settings need the administrator's passphrase.");
    assert.equal(await page.$('#settings'), null, 'the settings screen is gone');
    assert.ok(await page.$('#sign-in'), 'back where they were opened');
    await typePassphrase(page, ADMIN_PASSPHRASE);
    await page.waitForSelector('#settings-terminal-id');
    assert.equal(await value(page, '#settings-terminal-id'), before, 'nothing was saved');
  });

  test('in Sandbox (never left) the settings open directly; leaving it needs a new passphrase, checked on the screen', async () => {
    const page = await open();
    await page.waitForSelector('#sign-in');
    assert.equal(await page.getAttribute('#open-settings', 'aria-haspopup'), null);
    await page.click('#open-settings');
    await page.waitForSelector('#settings-client-id');
    assert.equal((await calls(page, 'admin_sign_in')).length, 0, 'no dialog in Sandbox');
    assert.equal(await page.$('#settings-new-passphrase'), null, 'no passphrase in Sandbox');
    assert.equal(await page.$('#unresolved'), null);

    // Leaving Sandbox: the passphrase becomes required.
    await page.selectOption('#settings-environment', 'training');
    await page.waitForSelector('#settings-new-passphrase');
    assert.match(await text(page, '#settings-new-passphrase-hint'), /^Required before this terminal connects outside the Sandbox: at least 12 characters\./);
    assert.equal(await page.getAttribute('#settings-new-passphrase', 'aria-required'), 'true');
    // The secret serves only where it was saved: the screen says to type it again.
    assert.match(await text(page, '#settings-secret-again'), /type the client secret again/);

    await page.click('#settings-save');
    assert.equal(await text(page, '#settings-new-passphrase-error'),
      "Set the administrator's passphrase: outside the Sandbox, the settings open only with it.");
    assert.equal(await page.evaluate(() => document.activeElement.id), 'settings-new-passphrase');
    await page.fill('#settings-new-passphrase', 'short pass');
    await page.click('#settings-save');
    assert.equal(await text(page, '#settings-new-passphrase-error'),
      "The administrator's passphrase needs at least 12 characters.");
    await page.fill('#settings-new-passphrase', 'a long enough passphrase');
    await page.fill('#settings-confirm-passphrase', 'a long enough passphrase!');
    await page.click('#settings-save');
    assert.equal(await page.$('#settings-new-passphrase-error'), null);
    assert.equal(await text(page, '#settings-confirm-passphrase-error'), 'The two passphrases are not the same.');
    assert.equal(await page.getAttribute('#settings-confirm-passphrase', 'aria-invalid'), 'true');
    assert.equal((await calls(page, 'save_settings')).length, 0, 'nothing sent while the screen finds a problem');
    await switchLanguage(page, 'fr');
    assert.equal(await text(page, '#settings-confirm-passphrase-error'), 'Les deux phrases de passe ne sont pas identiques.');
    await switchLanguage(page, 'en');

    // Right twice, but no secret: the engine asks for it, at its field.
    await page.fill('#settings-confirm-passphrase', 'a long enough passphrase');
    await page.click('#settings-save');
    await page.waitForSelector('#settings-client-secret-error');
    assert.equal(await text(page, '#settings-client-secret-error'),
      'The environment, address or client ID changed: type the client secret again.');
    assert.equal((await calls(page, 'save_settings')).at(-1).error.code, 'secret_needed');
    assert.equal(await page.$('#settings-error'), null, 'said once, at the field');

    await page.fill('#settings-client-secret', 'training-secret');
    await page.click('#settings-save');
    await page.waitForSelector('#settings-saved');
    assert.equal(await text(page, '#settings-saved'), "Settings saved. The new administrator's passphrase is set.");
    const sent = (await lastCall(page, 'save_settings')).input;
    assert.equal(sent.new_admin_passphrase, 'a long enough passphrase');
    assert.equal(sent.environment, 'training');
    assert.equal(await value(page, '#settings-new-passphrase'), '', 'cleared after saving');
    assert.equal(await value(page, '#settings-confirm-passphrase'), '');
    assert.match(await text(page, '#settings-new-passphrase-hint'), /^A passphrase is set\./);
    const status = await bridge.invoke('app_status');
    assert.deepEqual([status.admin_required, status.admin_open], [true, true], 'still open for the one who set it');

    await page.click('#settings-close');
    await page.waitForSelector('#sign-in');
    await page.click('#open-settings');
    await page.waitForSelector('#admin-dialog[open]');
    await typePassphrase(page, 'a long enough passphrase');
    await page.waitForSelector('#settings-client-id');
    assert.equal(await value(page, '#settings-environment'), 'training');
  });

  test('forgot the passphrase: reset this terminal from the dialog, only after typing the word', async () => {
    const page = await outsideSandbox();
    await page.waitForSelector('#sign-in');
    await page.click('#open-settings');
    await page.waitForSelector('#admin-dialog[open]');
    assert.equal(await text(page, '#admin-forgot'), 'Forgot the passphrase? Reset this terminal');
    await page.click('#admin-forgot');
    await page.waitForSelector('#reset-dialog[open]');
    assert.equal(await page.$('#admin-dialog'), null);
    // One language here (the rep's): what is erased, and the word to type.
    assert.deepEqual(await page.$$eval('#reset-dialog [data-lang]', (els) => els.map((e) => e.dataset.lang)), ['en']);
    const body = await text(page, '#reset-dialog-body');
    assert.match(body, /every saved application/);
    assert.match(body, /the settings, the client secret and the data key/);
    assert.match(body, /To confirm, type RESET below\./);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'reset-word');

    await page.fill('#reset-word', 'yes');
    await page.press('#reset-word', 'Enter');
    assert.equal(await text(page, '#reset-error'), 'Type the confirmation word to reset the terminal.');
    assert.equal((await calls(page, 'reset_terminal')).length, 0, 'nothing erased');
    // Cancel: back to the passphrase, nothing erased.
    await page.click('#reset-dialog-cancel');
    await page.waitForSelector('#admin-dialog[open]');
    assert.equal((await bridge.invoke('app_status')).environment, 'custom');
    await page.click('#admin-forgot');
    await page.fill('#reset-word', ' reset ');
    await page.click('#reset-dialog-confirm');
    await page.waitForSelector('#sign-in-notice');
    assert.equal(await text(page, '#sign-in-notice'), 'The terminal was reset. It starts again in Sandbox mode, as on its first day.');
    assert.equal(await page.$('#reset-dialog'), null);
    assert.equal((await lastCall(page, 'reset_terminal')).confirmation, ' reset ');
    const status = await bridge.invoke('app_status');
    assert.deepEqual([status.environment, status.admin_required, status.admin_open], ['sandbox', false, true]);
    // A first-run terminal: its settings open without a passphrase.
    await page.click('#open-settings');
    await page.waitForSelector('#settings-client-id');
  });
});

describe('throttled guessing', () => {
  test('five wrong passwords: the sign-in screen says how long to wait, in English then in French', async () => {
    const page = await open();
    await page.waitForSelector('#username:focus');
    await wrongSignIns(page, 5, 'The username or password is not correct.');
    // The sixth, even with the right password, is refused without asking Flexiti.
    await page.fill('#username', 'merchantonline');
    await page.fill('#password', PASSWORD);
    await page.press('#password', 'Enter');
    await page.waitForFunction(() => window.__ipc.calls.filter((c) => c.cmd === 'sign_in' && 'error' in c).length === 6);
    const refused = (await calls(page, 'sign_in')).at(-1).error;
    assert.equal(refused.code, 'too_many_attempts');
    assert.equal(refused.args.minutes, '1', 'the engine sends text; the screen passes a number to Fluent');
    // [one], not "1 minutes": the plural was chosen on a number.
    assert.equal(await text(page, '#sign-in-error'), 'Too many failed attempts. Try again in 1 minute.');
    assert.equal(await page.$('#new-application'), null);
    await switchLanguage(page, 'fr');
    assert.equal(await text(page, '#sign-in-error'), 'Trop de tentatives infructueuses. Réessayez dans 1 minute.');
  });

  test('five wrong passwords on a French screen, then the administrator\'s passphrase: the same sentence', async () => {
    const page = await outsideSandbox({ lang: 'fr' });
    await page.click('#open-settings');
    await page.waitForSelector('#admin-dialog[open]');
    for (let i = 1; i <= 5; i += 1) {
      await typePassphrase(page, `guess number ${i}`);
      await page.waitForFunction((n) => window.__ipc.calls.filter((c) => c.cmd === 'admin_sign_in' && 'error' in c).length === n, i);
      assert.equal(await text(page, '#admin-error'), "Ce n'est pas la phrase de passe de l'administrateur.", `guess ${i}`);
    }
    await typePassphrase(page, ADMIN_PASSPHRASE);
    await page.waitForFunction(() => window.__ipc.calls.filter((c) => c.cmd === 'admin_sign_in' && 'error' in c).length === 6);
    assert.equal(await text(page, '#admin-error'), 'Trop de tentatives infructueuses. Réessayez dans 1 minute.');
    assert.equal(await page.$('#settings'), null, 'the right passphrase waits too');
    await switchLanguage(page, 'en');
    assert.equal(await text(page, '#admin-error'), 'Too many failed attempts. Try again in 1 minute.');
  });

  test('five failed unlocks end the session: the sign-in screen says why, in the store\'s French', async () => {
    const page = await open({ store_province: 'QC' });
    await startApplication(page);
    await fillFields(page, { first_name: 'Marie', last_name: 'Tremblay' });
    await waitSaved(page);
    await page.click('#lock');
    await page.waitForSelector('#unlock-password');
    for (let i = 1; i <= 4; i += 1) {
      await page.fill('#unlock-password', `wrong-${i}`);
      await page.press('#unlock-password', 'Enter');
      await page.waitForFunction((n) => window.__ipc.calls.filter((c) => c.cmd === 'unlock' && 'error' in c).length === n, i);
      assert.equal(await text(page, '#unlock-error'), "Le nom d'utilisateur ou le mot de passe est incorrect.");
    }
    await page.fill('#unlock-password', 'wrong-5');
    await page.press('#unlock-password', 'Enter');
    await page.waitForSelector('#sign-in');
    assert.equal(await page.$('#unlock-password'), null, 'no lock screen any more');
    assert.equal(await page.$('#application-form'), null, 'the form is gone from the screen');
    assert.equal(await text(page, '#sign-in-error'), message('fr', 'error-unlock-attempts-exhausted'));
    assert.match(await text(page, '#sign-in-error'), /^Trop de déverrouillages ratés/);
    assert.equal((await bridge.invoke('app_status')).session, null);
    assert.doesNotMatch(await text(page, 'header'), /merchantonline/, 'no rep in the header');
    // The next sign-in waits out the delay (the terminal counted five failures).
    await page.fill('#username', 'merchantonline');
    await page.fill('#password', PASSWORD);
    await page.press('#password', 'Enter');
    await page.waitForFunction(() => window.__ipc.calls.some((c) => c.cmd === 'sign_in' && 'error' in c));
    assert.equal(await text(page, '#sign-in-error'), 'Trop de tentatives infructueuses. Réessayez dans 1 minute.');
  });
});

describe('the start-up error screen', () => {
  /** A terminal with sealed data whose keyring does not answer at the next start. */
  async function keyringDownAtStart() {
    await bridge.reset({ data_key: 'keyring' });
    await asRep(() => savedDraft({ first_name: 'Marie', last_name: 'Tremblay' }));
    await bridge.setKeyring(false);
    await bridge.restart();
    const page = await openPage();
    await page.waitForSelector('#startup-error');
    return page;
  }

  const order = (page) => page.$$eval('#startup-error [data-lang]', (els) => els.map((e) => e.dataset.lang));

  test('the data key cannot be read: both languages, no sign-in; Try again once the keyring answers', async () => {
    const page = await keyringDownAtStart();
    assert.equal(await page.getAttribute('#startup-error', 'data-code'), 'data_key_unavailable');
    assert.equal(await page.$('#sign-in'), null, 'no sign-in');
    assert.equal(await page.$('#username'), null);
    assert.equal(await page.$('#open-settings'), null, 'no settings');
    assert.deepEqual((await ipcCalls(page)).map((c) => c.cmd), ['startup_state'], 'the first call; nothing else asked');
    assert.deepEqual(await order(page), ['en', 'fr']);
    assert.equal(await text(page, '#startup-title-en'), 'This terminal could not start');
    assert.equal(await text(page, '#startup-title-fr'), "Ce terminal n'a pas pu démarrer");
    assert.equal(await text(page, '[data-lang="en"] .why'),
      "The terminal's data key cannot be read right now: the system keyring does not answer. Try again; if it keeps failing, call IT.");
    assert.equal(await text(page, '[data-lang="fr"] .why'), message('fr', 'error-data-key-unavailable'));
    assert.match(await text(page, '[data-lang="fr"] .why'), /^La clé de données du terminal est illisible/);
    assert.equal(await page.getAttribute('[data-lang="fr"]', 'lang'), 'fr-CA');
    assert.equal(await text(page, '#startup-retry'), 'Try again · Réessayer');
    assert.equal(await text(page, '#startup-reset'), 'Reset this terminal · Réinitialiser le terminal');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'startup-retry', 'Enter tries again');
    // French first once the screen is in French.
    await switchLanguage(page, 'fr');
    assert.deepEqual(await order(page), ['fr', 'en']);
    assert.equal(await text(page, '#startup-retry'), 'Réessayer · Try again');

    // Still no keyring: still this screen, and it says it tried.
    await page.keyboard.press('Enter');
    await page.waitForSelector('#startup-error .still');
    assert.match(await text(page, '#startup-error [role="status"]'),
      new RegExp(`^Nouvel essai à \\d{1,2}${NBSP}h${NBSP}\\d{2}${NBSP}: le terminal ne peut toujours pas démarrer\\. Tried again at \\d{1,2}:\\d{2}`));
    assert.equal((await calls(page, 'retry_start')).length, 1);

    await bridge.setKeyring(true);
    await page.click('#startup-retry');
    await page.waitForSelector('#sign-in');
    assert.equal(await page.$('#startup-error'), null);
    // The key was not replaced: the draft sealed before opens.
    await switchLanguage(page, 'en');
    await signIn(page);
    await page.waitForSelector('#drafts .name');
    assert.equal(await text(page, '#drafts .name'), 'Marie Tremblay');
  });

  test('reset this terminal from the start-up screen: what is erased in both languages, then the typed word', async () => {
    const page = await keyringDownAtStart();
    await page.click('#startup-reset');
    await page.waitForSelector('#reset-dialog[open]');
    assert.deepEqual(await page.$$eval('#reset-dialog [data-lang]', (els) => els.map((e) => e.dataset.lang)), ['en', 'fr']);
    assert.equal(await text(page, '#reset-dialog-title'), `Reset this terminal? · ${message('fr', 'reset-title')}`);
    const en = await text(page, '#reset-dialog [data-lang="en"]');
    assert.match(en, /every saved application \(those whose outcome is unknown too\), the settings, the client secret and the data key/);
    assert.match(en, /This cannot be undone\. To confirm, type RESET below\.$/);
    const fr = await text(page, '#reset-dialog [data-lang="fr"]');
    assert.match(fr, /toutes les demandes enregistrées .*, les paramètres, le secret client et la clé de données/);
    assert.match(fr, /Pour confirmer, tapez EFFACER ci-dessous\.$/);

    await page.fill('#reset-word', 'effacé');
    await page.press('#reset-word', 'Enter');
    assert.equal(await text(page, '#reset-error'),
      'Type the confirmation word to reset the terminal. Tapez le mot de confirmation pour réinitialiser le terminal.');
    assert.equal((await calls(page, 'reset_terminal')).length, 0);
    // Escape erases nothing.
    await page.keyboard.press('Escape');
    await page.waitForSelector('#reset-dialog', { state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement.id), 'startup-reset', 'back where it was');
    assert.equal((await calls(page, 'reset_terminal')).length, 0);

    // The keyring answers again, but the terminal has not retried: the administrator resets
    // it anyway. (With the keyring still down the engine refuses the reset with
    // data_key_unavailable, after deleting the database: reported to the engine side.)
    await bridge.setKeyring(true);
    await page.click('#startup-reset');
    await page.fill('#reset-word', 'EFFACER');
    await page.click('#reset-dialog-confirm');
    await page.waitForSelector('#sign-in');
    assert.equal(await text(page, '#sign-in-notice'), 'The terminal was reset. It starts again in Sandbox mode, as on its first day.');
    assert.equal((await lastCall(page, 'reset_terminal')).confirmation, 'EFFACER');
    await signIn(page);
    await page.waitForSelector('#drafts-empty');
    assert.equal(await page.$('#drafts li'), null, 'every application was erased');
  });
});

describe("a colleague's drafts", () => {
  test("listed with the colleague's name, never the applicant's; taking over asks first, then opens it", async () => {
    await bridge.reset();
    const id = await asRep(() => savedDraft({ first_name: 'Marie', last_name: 'Tremblay' }));
    const page = await openPage({
      // STAND-IN: the bridge plants only unreadable drafts for another rep (`plant`), so a
      // readable colleague's draft is this rep's own, listed as the engine lists a
      // colleague's (rep, no name, mine false). take_over_draft then runs on the real
      // engine (on one's own draft it simply opens it).
      beforeLoad: (p) => p.route('**/__bridge__/invoke/list_drafts', async (route) => {
        const response = await route.fetch();
        const list = await response.json();
        const json = list.map((d) => (d.id === id ? { ...d, rep: 'jsmith', applicant_name: '', mine: false } : d));
        await route.fulfill({ response, json });
      }),
    });
    await signIn(page);
    const row = `[data-draft-id="${id}"]`;
    await page.waitForSelector(row);
    assert.equal(await page.getAttribute(row, 'data-mine'), 'false');
    assert.equal(await text(page, `${row} .owner`), 'Application of a colleague (jsmith)');
    assert.equal(await page.$(`${row} .name`), null);
    assert.doesNotMatch(await text(page, '#drafts'), /No name entered yet/);
    assert.equal(await page.$(`${row} .resume`), null, 'it opens only once taken over');
    assert.equal(await page.$(`${row} .discard`), null, "a colleague's is not discarded from here");
    assert.equal(await text(page, `${row} .take-over`), 'Take over');
    assert.equal(await page.getAttribute(`${row} .take-over`, 'aria-label'), 'Take over the application of jsmith');
    await switchLanguage(page, 'fr');
    assert.equal(await text(page, `${row} .owner`), "Demande d'un collègue (jsmith)");
    assert.equal(await text(page, `${row} .take-over`), 'Prendre en charge');
    await page.click(`${row} .take-over`);
    await page.waitForSelector('#take-over-dialog[open]');
    assert.equal(await text(page, '#take-over-dialog-body'), message('fr', 'take-over-body'));
    await switchLanguage(page, 'en');
    assert.equal(await text(page, '#take-over-dialog-body'), 'This application becomes yours; the handover is recorded.');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'take-over-dialog-cancel', 'the safe choice first');
    await page.keyboard.press('Escape');
    await page.waitForSelector('#take-over-dialog', { state: 'detached' });
    assert.equal((await calls(page, 'take_over_draft')).length, 0);

    await page.click(`${row} .take-over`);
    await page.click('#take-over-dialog-confirm');
    await page.waitForSelector('#application-form');
    assert.deepEqual(await lastCall(page, 'take_over_draft'), { id });
    assert.equal((await calls(page, 'open_draft')).length, 0, 'taken over, not opened behind the rep\'s back');
    assert.equal(await value(page, '#field-first_name'), 'Marie');
  });

  test("a colleague's draft that cannot be opened: who owns it and why, nothing to do from here", async () => {
    await bridge.reset();
    const own = await asRep(() => savedDraft({ first_name: 'Paul', last_name: 'Roy' }));
    const theirs = await bridge.plantUnreadable('tampered', 'Hidden', 'Person', 'jsmith');
    const page = await openPage();
    await signIn(page);
    const row = `[data-draft-id="${theirs}"]`;
    await page.waitForSelector(row);
    assert.equal(await page.getAttribute(row, 'data-mine'), 'false');
    assert.equal(await page.getAttribute(`[data-draft-id="${own}"]`, 'data-mine'), 'true');
    assert.equal(await text(page, `[data-draft-id="${own}"] .name`), 'Paul Roy');
    assert.equal(await text(page, `${row} .owner`), 'Application of a colleague (jsmith)');
    assert.equal(await text(page, `${row} .problem`), "This application's saved data is damaged and cannot be opened.");
    for (const action of ['.resume', '.discard', '.take-over', '.name']) {
      assert.equal(await page.$(`${row} ${action}`), null, action);
    }
    assert.doesNotMatch(await text(page, '#drafts'), /Hidden|Person/);
    await switchLanguage(page, 'fr');
    assert.equal(await text(page, `${row} .owner`), "Demande d'un collègue (jsmith)");
  });
});

describe('settings for the administrator', () => {
  test('applications whose outcome is unknown past the retention period are listed (rep, status, date, id), both languages', async () => {
    await bridge.reset({ retention_days: 7 });
    // Two applications sent, their answers lost: both outcome unknown.
    const [stuck, recent] = await asRep(async () => {
      const sent = async (first) => {
        const { id } = await bridge.invoke('new_draft');
        await bridge.invoke('save_draft', {
          input: { id, applicant_lang: 'en', fields: completeFor(first), tos_version: '2024-01', tos_lang: 'en' },
        });
        await bridge.addFault({ route: 'apply', kind: 'drop', times: 1 });
        assert.equal((await bridge.invoke('submit_draft', { id })).status, 'outcome_unknown');
        return id;
      };
      return [await sent('Marie'), await sent('Paul')];
    });
    await bridge.age(stuck, '2026-10-01T14:05:00Z');
    let page = await openPage();
    await page.click('#open-settings');
    await page.waitForSelector('#settings-client-id');
    await page.waitForSelector('#unresolved');
    const row = `#unresolved [data-draft-id="${stuck}"]`;
    assert.equal(await page.$$eval('#unresolved tbody tr', (rows) => rows.length), 1, 'only the one past the period');
    assert.equal(await page.$(`#unresolved [data-draft-id="${recent}"]`), null);
    assert.equal(await text(page, '#unresolved-title'), 'Applications with an unknown outcome, kept past the retention period');
    assert.equal(await text(page, `${row} .rep`), 'merchantonline');
    assert.equal(await text(page, `${row} .badge`), 'Outcome unknown');
    assert.match(await text(page, `${row} .updated`), /^October 1, 2026, \d{1,2}:\d{2} [ap]\.m\.$/);
    assert.equal(await text(page, `${row} .id`), stuck);
    assert.doesNotMatch(await text(page, '#unresolved'), /Marie|Paul|Tremblay/, 'no applicant data');
    await switchLanguage(page, 'fr');
    assert.equal(await text(page, `${row} .badge`), 'Résultat inconnu');
    assert.match(await text(page, `${row} .updated`), /^1er\u00A0octobre\u00A02026 à \d{1,2}\u00A0h\u00A0\d{2}$/);
    assert.equal(await text(page, '#unresolved thead'), 'Représentant Statut Dernière modification Numéro de la demande');

    // Nothing to list: no section.
    page = await open();
    await page.click('#open-settings');
    await page.waitForSelector('#settings-client-id');
    await page.waitForSelector('#data-key-source');
    assert.equal(await page.$('#unresolved'), null);
  });
});

/** A complete Ontario application for `first`, terms accepted, without a SIN. */
function completeFor(first) {
  const { sin: _sin, ...rest } = VALID;
  return { ...rest, first_name: first, last_name: 'Tremblay', insurance: false, tos_agreement: true };
}
