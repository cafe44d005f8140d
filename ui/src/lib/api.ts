// The one typed wrapper around every Tauri command. Argument and result types come from
// the generated `../bindings`; nothing else in the UI calls `invoke`.

import { invoke } from '@tauri-apps/api/core';
import type {
  AppStatus,
  CommandError,
  ConnectionCheck,
  DraftSummaryView,
  DraftView,
  FormData,
  Lang,
  LicencePrefill,
  SaveDraftInput,
  SavedDraft,
  SettingsInput,
  SettingsView,
  SignInInput,
  TermsView,
} from '../bindings';

export const api = {
  appStatus: () => invoke<AppStatus>('app_status'),
  setLanguage: (lang: Lang) => invoke<AppStatus>('set_language', { lang }),
  signIn: (input: SignInInput) => invoke<AppStatus>('sign_in', { input }),
  signOut: () => invoke<AppStatus>('sign_out'),
  lock: () => invoke<AppStatus>('lock'),
  unlock: (input: SignInInput) => invoke<AppStatus>('unlock', { input }),
  formData: (lang: Lang) => invoke<FormData>('form_data', { lang }),
  listDrafts: () => invoke<DraftSummaryView[]>('list_drafts'),
  newDraft: () => invoke<DraftView>('new_draft'),
  openDraft: (id: string) => invoke<DraftView>('open_draft', { id }),
  discardDraft: (id: string) => invoke<null>('discard_draft', { id }),
  saveDraft: (input: SaveDraftInput) => invoke<SavedDraft>('save_draft', { input }),
  terms: (province: string, lang: Lang) => invoke<TermsView>('terms', { province, lang }),
  decodeLicence: (code: string) => invoke<LicencePrefill>('decode_licence', { code }),
  submitDraft: (id: string) => invoke<DraftView>('submit_draft', { id }),
  checkAgain: (id: string) => invoke<DraftView>('check_again', { id }),
  cancelSubmission: (id: string) => invoke<DraftView>('cancel_submission', { id }),
  getSettings: () => invoke<SettingsView>('get_settings'),
  saveSettings: (input: SettingsInput) => invoke<SettingsView>('save_settings', { input }),
  testConnection: (input: SettingsInput) => invoke<ConnectionCheck>('test_connection', { input }),
} as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * Any rejection as a CommandError. The Rust side always rejects with one; anything
 * else (a bug, a dropped IPC channel) becomes `internal`, never a raw message.
 */
export function toCommandError(reason: unknown): CommandError {
  if (isRecord(reason) && typeof reason['code'] === 'string') {
    const args: Record<string, string> = {};
    const rawArgs = reason['args'];
    if (isRecord(rawArgs)) {
      for (const [key, value] of Object.entries(rawArgs)) {
        if (typeof value === 'string') args[key] = value;
      }
    }
    const fields = Array.isArray(reason['fields'])
      ? reason['fields'].filter(
          (f): f is { field: string; problem: string } =>
            isRecord(f) && typeof f['field'] === 'string' && typeof f['problem'] === 'string',
        )
      : [];
    return { code: reason['code'], args, fields };
  }
  return { code: 'internal', args: {}, fields: [] };
}
