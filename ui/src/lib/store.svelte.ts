// The app's state: whether the terminal started, who is signed in, which screen shows,
// the form's option lists and texts (per language: the screen's for the labels, the
// applicant's for the disclosures), and the application being edited. What
// changes that state (start-up, retry and reset, sign in and out, the administrator's
// passphrase, lock, language, opening, taking over and closing a draft) goes through its
// actions; the draft's own saves and submit go through DraftEditor. Five components call
// `commands` themselves for what only their screen shows or does: Home (the drafts list,
// discard), Settings (read, save, test connection), TermsPanel (the terms text),
// LicenceScan (decode a licence) and Decision (check again, cancel; the result goes to the
// editor).

import type { AppStatus, CommandError, DraftView, FormData, Lang, SignInInput, StartupState } from '../bindings';
import { commands } from '../bindings';
import { toCommandError } from './errors';
import { DraftEditor } from './draft.svelte';
import { locale, otherLang } from './locale.svelte';

export type Screen = 'loading' | 'startup-error' | 'sign-in' | 'settings' | 'home' | 'application';

/** The word "reset this terminal" asks for, per language (the engine accepts either). */
export const RESET_WORDS: Record<Lang, string> = { en: 'RESET', fr: 'EFFACER' };

/** Whether `typed` is one of the reset words, as the engine compares them (trimmed, any case). */
export function isResetWord(typed: string): boolean {
  const word = typed.trim().toUpperCase();
  return Object.values(RESET_WORDS).includes(word);
}

class AppStore {
  status = $state<AppStatus | null>(null);
  screen = $state<Screen>('loading');
  /** Why the terminal did not start (the start-up error screen), else null. */
  startup = $state<StartupState | null>(null);
  /** The administrator's dialog (the passphrase that opens the settings) is shown. */
  adminDialog = $state(false);
  /** Why the dialog opened by itself (the settings closed under the administrator), if so. */
  adminDialogNote = $state<CommandError | null>(null);
  /** What the sign-in screen says first: why the rep is back there (a CommandError). */
  signInError = $state<CommandError | null>(null);
  /** A calm one-line notice for the sign-in screen (a Fluent id). */
  signInNotice = $state<string | null>(null);
  /** Where the settings screen goes back to. */
  settingsReturn = $state<Screen>('sign-in');
  /** The form's lists and texts by language, as loaded for this session. */
  forms = $state<Partial<Record<Lang, FormData>>>({});
  editor = $state<DraftEditor | null>(null);
  /** A failure no screen owns (start-up, lock). */
  error = $state<CommandError | null>(null);
  /**
   * Why the last language switch did not happen (the new language's lists or texts could
   * not be loaded, or the engine could not be told): the screen stayed whole in its
   * language; the next switch tries again.
   */
  langError = $state<CommandError | null>(null);
  /** A calm one-line notice for the home screen (a Fluent id). */
  notice = $state<string | null>(null);

  private langSeq = 0;
  /** Loads of a language's form data under way (one request per language at a time). */
  private loading: Partial<Record<Lang, Promise<FormData>>> = {};
  /** Bumped when the session's forms are forgotten: a load from before is dropped. */
  private formsEpoch = 0;
  /**
   * Counts status changes: a status read that started before one (the poll) is stale
   * when it answers, and is dropped (else an unlock would flash the lock screen again).
   */
  private statusEpoch = 0;
  /** Language switches under way: a status read meanwhile may carry the old language. */
  private switching = 0;

  /**
   * The form's lists and texts in the screen's language (option labels), once loaded; until
   * then (the moment after an unlock, a sign-in) the other language's, so no select turns
   * into a text field while they load.
   */
  get formData(): FormData | null {
    return this.forms[locale.lang] ?? this.forms[otherLang(locale.lang)] ?? null;
  }

  get signedIn(): boolean {
    return this.status?.session != null;
  }

  get locked(): boolean {
    return this.status?.locked === true;
  }

  /** The window's first steps: did the terminal start, then the status, then the first screen. */
  async init(): Promise<void> {
    let startup: StartupState;
    try {
      startup = await commands.startupState();
    } catch (reason) {
      // The engine could not even say: shown as a start-up failure, with retry.
      startup = { started: false, error: toCommandError(reason) };
    }
    if (!startup.started) {
      this.showStartupError(startup);
      return;
    }
    await this.afterStart({ keepLang: false });
  }

  private showStartupError(startup: StartupState): void {
    this.startup = startup;
    this.status = null;
    this.adminDialog = false;
    this.screen = 'startup-error';
  }

  /**
   * The terminal is running: read its status and show the first screen, in the language
   * the engine says (the rep's for their session, else the store's). `keepLang` keeps the
   * language the person at the terminal chose instead (after a reset from its dialog, after
   * "try again" on the start-up screen) and tells the engine.
   */
  private async afterStart({ keepLang }: { keepLang: boolean }): Promise<void> {
    this.startup = null;
    try {
      let status = await commands.appStatus();
      if (keepLang && locale.known && status.lang !== locale.lang) {
        status = await commands.setLanguage(locale.lang).catch(() => status);
      }
      this.setStatus(status);
      this.followEngineLang(status.lang);
      if (status.session) {
        this.screen = 'home';
        if (!status.locked) await this.loadFormData();
      } else {
        this.screen = 'sign-in';
      }
 } catch (reason) {
      this.error = toCommandError(reason);
      locale.known = true;
      this.screen = 'sign-in';
    }
  }

  /** "Try again" on the start-up error screen. Returns the new state (still failing or not). */
  async retryStart(): Promise<StartupState> {
    let startup: StartupState;
    try {
      startup = await commands.retryStart();
    } catch (reason) {
      startup = { started: false, error: toCommandError(reason) };
    }
    // A language chosen on the start-up screen (Alt+L) is kept; else the engine's.
    if (startup.started) await this.afterStart({ keepLang: locale.known });
    else this.startup = startup;
    return startup;
  }

  /**
   * "Reset this terminal": the full wipe (drafts, data key, settings, client secret), then
   * the first-run terminal. Returns the engine's refusal, if any (the word, a rep signed in).
   */
  async resetTerminal(word: string): Promise<CommandError | null> {
    let startup: StartupState;
    try {
      startup = await commands.resetTerminal(word);
    } catch (reason) {
      return toCommandError(reason);
    }
    if (!startup.started) {
      this.showStartupError(startup);
      return null;
    }
    this.adminDialog = false;
    this.forgetForms();
    this.signInError = null;
    this.signInNotice = 'reset-done';
    await this.afterStart({ keepLang: true });
    return null;
  }

  private setStatus(status: AppStatus): void {
    this.statusEpoch += 1;
    this.status = status;
  }

  /**
   * A status from any command. The screen's language is the engine's to say: the rep's
   * choice for their session, the store's once nobody is signed in (sign-out, a session
   * ended by the engine, settings saved): the window follows it, and keeps nothing of a
   * previous rep's choice. (A switch under way is its own status.)
   */
  private takeStatus(status: AppStatus): void {
    this.setStatus(status);
    if (this.switching === 0) this.followEngineLang(status.lang);
  }

  /** The screen speaks `lang` from now on (the engine said so). */
  private followEngineLang(lang: Lang): void {
    locale.known = true;
    if (lang === locale.lang) return;
    this.langSeq += 1; // a switch still under way is overtaken
    locale.lang = lang;
    this.langError = null;
    if (this.signedIn && !this.locked && !this.forms[lang]) void this.loadFormData();
  }

  /** The session's form data is forgotten (signed out, reset). */
  private forgetForms(): void {
    this.forms = {};
    this.loading = {};
    this.formsEpoch += 1;
  }

  /**
   * The form's lists and texts in `lang`: from this session's cache, else loaded once (a
   * load under way is shared). Rejects with the command's rejection (`toCommandError`).
   */
  formDataIn(lang: Lang): Promise<FormData> {
    const cached = this.forms[lang];
    if (cached) return Promise.resolve(cached);
    const pending = this.loading[lang];
    if (pending) return pending;
    const epoch = this.formsEpoch;
    const load = commands.formData(lang).then(
      (data) => {
        if (epoch === this.formsEpoch) {
          this.forms[lang] = data;
          delete this.loading[lang];
        }
        return data;
      },
      (reason: unknown) => {
        if (epoch === this.formsEpoch) delete this.loading[lang];
        throw reason;
      },
    );
    this.loading[lang] = load;
    return load;
  }

  /** The screen's language's form data, if not loaded yet (a failure is shown). */
  private async loadFormData(): Promise<void> {
    const lang = locale.lang;
    try {
      await this.formDataIn(lang);
    } catch (reason) {
      if (lang === locale.lang) this.error = toCommandError(reason);
    }
  }

  async signIn(input: SignInInput): Promise<CommandError | null> {
    try {
      const status = await commands.signIn(input);
      this.forgetForms();
      this.setStatus(status);
      this.followEngineLang(status.lang);
      this.error = null;
      this.langError = null;
      this.notice = null;
      this.signInError = null;
      this.signInNotice = null;
      this.screen = 'home';
      await this.loadFormData();
      return null;
    } catch (reason) {
      return toCommandError(reason);
    }
  }

  async signOut(): Promise<void> {
    await this.closeEditor();
    try {
      this.takeStatus(await commands.signOut());
    } catch (reason) {
      this.error = toCommandError(reason);
      return;
    }
    this.leaveSession();
  }

  /** What the window forgets when the session ends (signed out, or ended by the engine). */
  private leaveSession(): void {
    this.editor?.dispose();
    this.editor = null;
    this.forgetForms();
    this.notice = null;
    this.langError = null;
    this.adminDialog = false;
    this.screen = 'sign-in';
  }

  /** The "Lock" button. (The idle lock is the engine's: see `pollStatus`.) */
  async lock(): Promise<void> {
    if (!this.signedIn || this.locked) return;
    // The form stays on screen (under the overlay); its pending changes are saved first.
    await this.editor?.flush();
    try {
      this.takeStatus(await commands.lock());
    } catch (reason) {
      this.error = toCommandError(reason);
    }
  }

  async unlock(password: string): Promise<CommandError | null> {
    const rep = this.status?.session?.rep ?? '';
    try {
      this.takeStatus(await commands.unlock({ username: rep, password }));
    } catch (reason) {
      const error = toCommandError(reason);
      if (error.code === 'unlock_attempts_exhausted') {
        // The engine ended the session (the form was saved): back to the sign-in screen,
        // which says why.
        await this.refreshStatus();
        this.signInError = error;
        this.leaveSession();
        return null;
      }
      return error;
    }
    if (!this.forms[locale.lang]) await this.afterLockedSwitch();
    void this.editor?.flush();
    return null;
  }

  /**
   * The screen switched language while locked (no lists could be loaded then): load them
   * now; if they cannot be, the whole screen goes back to the language it has them in (and
   * the engine is told), and says why.
   */
  private async afterLockedSwitch(): Promise<void> {
    const lang = locale.lang;
    try {
      await this.formDataIn(lang);
    } catch (reason) {
      const back = otherLang(lang);
      if (lang !== locale.lang || !this.forms[back]) {
        if (lang === locale.lang) this.error = toCommandError(reason);
        return;
      }
      this.langSeq += 1;
      locale.lang = back;
      this.langError = toCommandError(reason);
      try {
        this.setStatus(await commands.setLanguage(back));
      } catch {
        // The next status says the engine's language, which the screen then follows.
      }
    }
  }

  /**
   * EN <-> FR at any moment, for the screen only: the applicant's language and every
   * answer stay as they are (the draft is not even saved). The new language's option
   * lists are loaded first, then the engine is told, then everything re-labels at once.
   * If either fails the whole screen stays in its language and says why; the next switch
   * tries again. (Locked, the lists wait for the unlock.)
   */
  async toggleLanguage(): Promise<void> {
    this.switching += 1;
    try {
      await this.switchLanguage();
    } finally {
      this.switching -= 1;
    }
  }

  private async switchLanguage(): Promise<void> {
    const next = otherLang(locale.lang);
    const seq = ++this.langSeq;
    if (this.screen === 'startup-error') {
      // No engine to tell: the start-up screen only puts this language first.
      locale.known = true;
      locale.lang = next;
      return;
    }
    let status: AppStatus;
    try {
      if (this.signedIn && !this.locked) await this.formDataIn(next);
      status = await commands.setLanguage(next);
    } catch (reason) {
      if (seq === this.langSeq) this.langError = toCommandError(reason);
      return;
    }
    if (seq !== this.langSeq) return;
    this.setStatus(status);
    this.langError = null;
    locale.known = true;
    locale.lang = next;
  }

  /**
   * The settings entry point: straight to the settings when they are open (the passphrase
   * was given, or the terminal never left Sandbox), else the administrator's dialog.
   * Never while a session is locked (the engine refuses it too).
   */
  openSettings(): void {
    if (this.locked || this.screen === 'startup-error') return;
    this.adminDialogNote = null;
    if (this.status?.admin_open) this.showSettings();
    else this.adminDialog = true;
  }

  private showSettings(): void {
    this.settingsReturn = this.screen === 'settings' ? this.settingsReturn : this.screen;
    this.adminDialog = false;
    this.screen = 'settings';
  }

  /** The administrator's passphrase; on success the settings open. */
  async adminSignIn(passphrase: string): Promise<CommandError | null> {
    try {
      this.takeStatus(await commands.adminSignIn(passphrase));
    } catch (reason) {
      return toCommandError(reason);
    }
    this.showSettings();
    return null;
  }

  /** "Close settings": the administrator signs out; back to where the settings were opened. */
  async closeSettings(): Promise<void> {
    try {
      this.takeStatus(await commands.adminSignOut());
    } catch (reason) {
      this.error = toCommandError(reason);
    }
    this.leaveSettings();
  }

  private leaveSettings(): void {
    const back = this.settingsReturn;
    this.screen = back === 'loading' || back === 'startup-error' || back === 'settings' ? 'sign-in' : back;
    if (!this.signedIn && this.screen !== 'sign-in') this.screen = 'sign-in';
  }

  /** The settings closed under the administrator (the time ran out): ask for the passphrase again. */
  async settingsClosedByEngine(why: CommandError): Promise<void> {
    await this.refreshStatus();
    this.leaveSettings();
    if (this.locked) return;
    this.adminDialogNote = why;
    this.adminDialog = true;
  }

  /** Re-reads the status (after settings, or when a command finds the session locked or gone). */
  async refreshStatus(): Promise<void> {
    const epoch = this.statusEpoch;
    let status: AppStatus;
    try {
      status = await commands.appStatus();
    } catch {
      return; // Keep the last known status.
    }
    // Something changed the status meanwhile (unlock, lock, sign out): that one is newer.
    if (epoch !== this.statusEpoch) return;
    this.takeStatus(status);
    if (!this.status?.session && this.screen !== 'settings' && this.screen !== 'sign-in') {
      this.leaveSession();
    }
  }

  /**
   * The poll while a rep is signed in (every 2 s): the engine locks an idle session by
   * itself, and the overlay shows as soon as it says so; a session ended elsewhere sends
   * the window back to the sign-in screen. Reading the status is not activity.
   */
  async pollStatus(): Promise<void> {
    if (this.screen === 'startup-error') return;
    await this.refreshStatus();
  }

  private startEditing(view: DraftView): void {
    this.editor?.dispose();
    this.editor = new DraftEditor(view, () => void this.refreshStatus());
    this.notice = null;
    this.screen = 'application';
  }

  async newApplication(): Promise<CommandError | null> {
    try {
      this.startEditing(await commands.newDraft());
      if (!this.forms[locale.lang]) await this.loadFormData();
      return null;
    } catch (reason) {
      return toCommandError(reason);
    }
  }

  async resume(id: string): Promise<CommandError | null> {
    try {
      this.startEditing(await commands.openDraft(id));
      if (!this.forms[locale.lang]) await this.loadFormData();
      return null;
    } catch (reason) {
      return toCommandError(reason);
    }
  }

  /** Takes a colleague's draft over (shift handover, recorded by the engine), then opens it. */
  async takeOver(id: string): Promise<CommandError | null> {
    try {
      this.startEditing(await commands.takeOverDraft(id));
      if (!this.forms[locale.lang]) await this.loadFormData();
      return null;
    } catch (reason) {
      return toCommandError(reason);
    }
  }

  /** Saves what is pending and closes the application. */
  async closeEditor(): Promise<void> {
    const editor = this.editor;
    if (!editor) return;
    await editor.flush();
    editor.dispose();
    this.editor = null;
  }

  async goHome(notice: string | null = null): Promise<void> {
    await this.closeEditor();
    this.notice = notice;
    this.screen = 'home';
  }
}

export const app = new AppStore();
