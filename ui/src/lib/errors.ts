// Which Fluent message tells the rep about an error: a CommandError's code, or a field's
// problem. Never a raw server text.

import type { CommandError } from '../bindings';
import { FIELD_SPECS } from './fields';
import { hasMessage, t } from './i18n';

/** `error-<code>` with `_` as `-`, or `error-unknown` for a code this UI does not know. */
export function errorMessageId(code: string): string {
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
