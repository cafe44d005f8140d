// Option lists in the order a reader of the screen's language expects: by label, with the
// language's own collation (so "Québec" sorts with Q, "Île-du-Prince-Édouard" with I).
// Codes stay what they are; only the order changes.

import type { Choice, Lang } from '../bindings';

const collators: Partial<Record<Lang, Intl.Collator>> = {};

function collator(lang: Lang): Intl.Collator {
  collators[lang] ??= new Intl.Collator(lang === 'fr' ? 'fr-CA' : 'en-CA');
  return collators[lang];
}

/** The lists sorted by label (the province and ID-issuer lists); the others keep the lender's order. */
export const SORTED_LISTS: ReadonlySet<string> = new Set(['province', 'govid_issuedby']);

/** `choices` sorted by label in `lang` (a new array). */
export function sortByLabel(choices: readonly Choice[], lang: Lang): Choice[] {
  const compare = collator(lang);
  return [...choices].sort((a, b) => compare.compare(a.label, b.label));
}
