// Errors on the UI side: any rejection of a command as a CommandError, and which Fluent
// message tells the rep about it (or about a field's problem). Never a raw server text.

import { ERROR_CODES, type CommandError, type ErrorCode, type FieldIssue } from '../bindings';
import { FIELD_SPECS } from './fields';
import { hasMessage, t } from './i18n';

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

/** The sentence for a command's error, in the current language. */
export function errorText(error: CommandError): string {
  const args: Record<string, string> = {};
  for (const [key, value] of Object.entries(error.args)) {
    if (value !== undefined) args[key] = value;
  }
  return t(errorMessageId(error.code), args);
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

/** A problem on something the form has no input for (store id, terms version...). */
export function otherProblemText(field: string, problem: string): string {
  const specific = `field-${problem}-${field}`;
  return hasMessage(specific) ? t(specific) : t('field-problem-other', { field });
}
