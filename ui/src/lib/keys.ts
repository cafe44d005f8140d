// Keyboard helpers for the form.

const FIELDS = 'input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled])';

/** Whether Alt+L (the language switch) was pressed, whatever the keyboard layout. */
export function isLanguageShortcut(event: KeyboardEvent): boolean {
  return event.altKey && !event.ctrlKey && !event.metaKey
    && (event.code === 'KeyL' || event.key.toLowerCase() === 'l');
}

/**
 * Enter in a one-line input or a select moves to the next field instead of submitting;
 * after the last field, to `last` (the submit button). Returns whether it moved.
 */
export function enterMovesToNext(event: KeyboardEvent, container: HTMLElement, last: HTMLElement | null): boolean {
  if (event.key !== 'Enter' || event.altKey || event.ctrlKey || event.metaKey || event.isComposing) return false;
  const target = event.target;
  if (!(target instanceof HTMLInputElement || target instanceof HTMLSelectElement)) return false;
  if (target instanceof HTMLInputElement && ['button', 'submit', 'reset'].includes(target.type)) return false;
  event.preventDefault();
  const all = Array.from(container.querySelectorAll<HTMLElement>(FIELDS))
    .filter((el) => el.offsetParent !== null && el.tabIndex >= 0);
  const next = all[all.indexOf(target) + 1] ?? last;
  next?.focus();
  return true;
}
