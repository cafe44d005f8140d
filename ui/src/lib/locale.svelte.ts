// The language the screen speaks right now: the one piece of reactive state that every
// sentence (`t`) and every formatted amount depends on. Until the engine has said which
// language the terminal speaks (`known`), the window shows both (the store's language is
// the engine's to say, never a previous rep's left in the page).

import type { Lang } from '../bindings';

export const locale = $state<{ lang: Lang; known: boolean }>({ lang: 'en', known: false });

/** The BCP 47 tag of a language, for `lang` attributes. */
export function langTag(lang: Lang): string {
  return lang === 'fr' ? 'fr-CA' : 'en-CA';
}

/** The other language. */
export function otherLang(lang: Lang): Lang {
  return lang === 'fr' ? 'en' : 'fr';
}
