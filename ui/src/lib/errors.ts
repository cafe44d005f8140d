// Errors on the UI side: any rejection of a command as a CommandError, and which Fluent
// message tells the rep about it (or about a field's problem). Never a raw server text.

import { ERROR_CODES, type CommandError, type ErrorCode, type FieldIssue, type Lang } from '../bindings';
import { FIELD_SPECS } from './fields';
import { hasMessage, t, tIn, type MessageArgs } from './i18n';
import { locale } from './locale.svelte';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isErrorCode(value: unknown): value is ErrorCode {
  return (ERROR_CODES as readonly unknown[]).includes(value);
}

/**
 * Any rejection of a command as a CommandError. The Rust side always rejects with one, its
 * code one of ERROR_CODES (generated from the same list); anything else (a bug, a dropped
 * IPC channel, a code this build does not know) becomes `internal`, never a raw message.
 */
export function toCommandError(reason: unknown): CommandError {
  if (!isRecord(reason) || !isErrorCode(reason.code)) {
    return { code: 'internal', args: {}, fields: [] };
  }
  const args: Record<string, string> = {};
  if (isRecord(reason.args)) {
    for (const [key, value] of Object.entries(reason.args)) {
      if (typeof value === 'string') args[key] = value;
    }
  }
  const fields = Array.isArray(reason.fields)
    ? reason.fields.filter(
        (f): f is FieldIssue => isRecord(f) && typeof f.field === 'string' && typeof f.problem === 'string',
      )
    : [];
  return { code: reason.code, args, fields };
}

/** `error-<code>` with `_` as `-`, or `error-unknown` for a code without a message. */
export function errorMessageId(code: ErrorCode): string {
  const id = `error-${code.replaceAll('_', '-')}`;
  return hasMessage(id) ? id : 'error-unknown';
}

/** A whole number as the Rust side writes it (no sign, no leading zero, safe in a double). */
const WHOLE_NUMBER = /^(0|[1-9][0-9]{0,14})$/;

/**
 * An error's arguments as Fluent wants them. The IPC carries every argument as a string;
 * a whole number becomes a number again, so plural selection works (`{ $minutes -> [one]
 * ...}` never matches the string "1"). A string that only looks like one with a leading
 * zero (a code) stays a string.
 */
export function fluentArgs(args: CommandError['args']): MessageArgs {
  const out: MessageArgs = {};
  for (const [key, value] of Object.entries(args)) {
    if (value === undefined) continue;
    out[key] = WHOLE_NUMBER.test(value) ? Number(value) : value;
  }
  return out;
}

/** The sentence for a command's error, in the current language. */
export function errorText(error: CommandError): string {
  return errorTextIn(locale.lang, error);
}

/** The sentence for a command's error in a given language (the start-up screen shows both). */
export function errorTextIn(lang: Lang, error: CommandError): string {
  if (error.code === 'invalid_settings') return invalidSettingsText(lang, error.args.setting);
  return tIn(lang, errorMessageId(error.code), fluentArgs(error.args));
}

/**
 * The settings the Rust side may name in `invalid_settings` (`AppError::InvalidSettings`
 * in crates/pos-app) and the message of each one's label on the settings screen: the rep
 * reads "Store ID", never `store_id`. ui/tests/locales.test.mjs checks this list against
 * the Rust source and both Fluent files.
 */
export const SETTING_LABELS: ReadonlyMap<string, string> = new Map([
  ['custom_url', 'settings-custom-url'],
  ['client_id', 'settings-client-id'],
  ['store_id', 'settings-store-id'],
  ['terminal_id', 'settings-terminal-id'],
  ['idle_lock_minutes', 'settings-idle-lock'],
  ['retention_days', 'settings-retention'],
  ['store_province', 'settings-store-province'],
  ['new_admin_passphrase', 'settings-new-passphrase'],
]);

/**
 * `error-invalid-settings` with the setting named by its label in `lang`; a setting without
 * a known label gets the general sentence about the settings rather than its code.
 */
function invalidSettingsText(lang: Lang, setting: string | undefined): string {
  const label = setting === undefined ? undefined : SETTING_LABELS.get(setting);
  return label !== undefined && hasMessage(label)
    ? tIn(lang, 'error-invalid-settings', { setting: tIn(lang, label) })
    : tIn(lang, 'error-invalid-config');
}

/**
 * The message id for a field's problem: a specific one (`field-invalid-dob`) where a
 * generic sentence would not help the rep, then one for the kind of input
 * (`field-wrong-format-money`), else `field-<problem>`.
 */
export function fieldProblemId(field: string, problem: string): string {
  const specific = `field-${problem}-${field}`;
  if (hasMessage(specific)) return specific;
  const kind = FIELD_SPECS[field]?.kind;
  if (kind && hasMessage(`field-${problem}-${kind}`)) return `field-${problem}-${kind}`;
  const generic = `field-${problem}`;
  return hasMessage(generic) ? generic : 'field-invalid';
}

/** The sentence for a field's problem, in the current language. */
export function fieldProblemText(field: string, problem: string): string {
  return t(fieldProblemId(field, problem));
}

/**
 * Contract fields the form has no input for, which the validator or Flexiti may still name,
 * and the message that names each one for the rep. ui/tests/locales.test.mjs checks that
 * every message exists in both languages.
 */
export const OTHER_FIELD_LABELS: ReadonlyMap<string, string> = new Map([
  ['external_location_id', 'settings-store-id'],
  ['tos_version', 'section-terms'],
  ['lang', 'label-applicant-lang'],
]);

/** The message naming a field for the rep (its `label-<field>`, or one above), if any. */
export function fieldLabelId(field: string): string | null {
  const candidates = [OTHER_FIELD_LABELS.get(field), `label-${field.replaceAll('_', '-')}`];
  return candidates.find((id) => id !== undefined && hasMessage(id)) ?? null;
}

/**
 * A problem on something the form has no input for (store id, terms version...): its
 * specific sentence, else the generic one naming it by its label, else the generic one
 * without a name. Never the field's code.
 */
export function otherProblemText(field: string, problem: string): string {
  const specific = `field-${problem}-${field}`;
  if (hasMessage(specific)) return t(specific);
  const label = fieldLabelId(field);
  return label === null ? t('field-problem-unnamed') : t('field-problem-other', { field: t(label) });
}
