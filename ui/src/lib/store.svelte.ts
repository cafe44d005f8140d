// The app's state: whether the terminal started, who is signed in, which screen shows,
// the form's option lists in the current language, and the application being edited. What
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
import { locale } from './locale.svelte';

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
  formData = $state<FormData | null>(null);
  editor = $state<DraftEditor | null>(null);
  /** A failure no screen owns (start-up, language switch, lock). */
  error = $state<CommandError | null>(null);
  /** A calm one-line notice for the home screen (a Fluent id). */
  notice = $state<string | null>(null);

  private langSeq = 0;
  /**
   * Counts status changes: a status read that started before one (the poll) is stale
   * when it answers, and is dropped (else an unlock would flash the lock screen again).
   */
  private statusEpoch = 0;
  /** Language switches under way: a status read meanwhile may carry the old language. */
  private switching = 0;
  private formDataLang: Lang | null = null;

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
   * The terminal is running: read its status and show the first screen. `keepLang` keeps
   * the screen's language (after a reset, whose terminal forgot the saved one); otherwise
   * the saved language wins.
   */
  private async afterStart({ keepLang }: { keepLang: boolean }): Promise<void> {
    this.startup = null;
    try {
      const status = await commands.appStatus();
      if (keepLang) this.takeStatus(status);
      else {
        this.setStatus(status);
        locale.lang = status.lang;
      }
      if (status.session) {
        this.screen = 'home';
        if (!status.locked) await this.loadFormData();
      } else {
        this.screen = 'sign-in';
      }
    } catch (reason) {
      this.error = toCommandError(reason);
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
    if (startup.started) await this.afterStart({ keepLang: false });
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
    this.formData = null;
    this.formDataLang = null;
    this.signInError = null;
    this.signInNotice = 'reset-done';
    await this.afterStart({ keepLang: true });
    return null;
  }

  private setStatus(status: AppStatus): void {
    this.statusEpoch += 1;
    this.status = status;
  }

  /** A status from any command; the screen's language stays the rep's choice. */
  private takeStatus(status: AppStatus): void {
    this.setStatus(status);
    if (status.lang !== locale.lang && this.switching === 0) {
      // The Rust side missed a switch (made while it refused, e.g. locked): tell it again.
      void commands.setLanguage(locale.lang).then((s) => this.setStatus(s), () => undefined);
    }
  }

  private async loadFormData(): Promise<void> {
    const lang = locale.lang;
    try {
      const data = await commands.formData(lang);
      if (lang === locale.lang) {
        this.formData = data;
        this.formDataLang = lang;
      }
    } catch (reason) {
      this.error = toCommandError(reason);
    }
  }

  async signIn(input: SignInInput): Promise<CommandError | null> {
    try {
      const status = await commands.signIn(input);
      this.setStatus(status);
      locale.lang = status.lang;
      this.error = null;
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
    this.formData = null;
    this.formDataLang = null;
    this.notice = null;
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
    if (this.formDataLang !== locale.lang) await this.loadFormData();
    void this.editor?.flush();
    return null;
  }

  /**
   * EN <-> FR at any moment. The Rust side is told, the option lists and disclosures are
   * fetched in the new language, then everything re-labels at once. Answers are codes
   * and text in the editor, so none changes.
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
    const next: Lang = locale.lang === 'en' ? 'fr' : 'en';
    const seq = ++this.langSeq;
    let data: FormData | null = null;
    try {
      const status = await commands.setLanguage(next);
      if (seq !== this.langSeq) return;
      this.setStatus(status);
    } catch {
      // Switch the screen anyway; takeStatus re-tells the Rust side later.
    }
    if (this.signedIn && !this.locked) {
      try {
        data = await commands.formData(next);
      } catch (reason) {
        if (seq === this.langSeq) this.error = toCommandError(reason);
      }
    }
    if (seq !== this.langSeq) return;
    locale.lang = next;
    if (data) {
      this.formData = data;
      this.formDataLang = next;
    }
    this.editor?.setLang(next);
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
    this.editor = new DraftEditor(view, locale.lang, () => void this.refreshStatus());
    this.notice = null;
    this.screen = 'application';
  }

  async newApplication(): Promise<CommandError | null> {
    try {
      this.startEditing(await commands.newDraft());
      if (!this.formData || this.formDataLang !== locale.lang) await this.loadFormData();
      return null;
    } catch (reason) {
      return toCommandError(reason);
    }
  }

  async resume(id: string): Promise<CommandError | null> {
    try {
      this.startEditing(await commands.openDraft(id));
      if (!this.formData || this.formDataLang !== locale.lang) await this.loadFormData();
      return null;
    } catch (reason) {
      return toCommandError(reason);
    }
  }

  /** Takes a colleague's draft over (shift handover, recorded by the engine), then opens it. */
  async takeOver(id: string): Promise<CommandError | null> {
    try {
      this.startEditing(await commands.takeOverDraft(id));
      if (!this.formData || this.formDataLang !== locale.lang) await this.loadFormData();
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
