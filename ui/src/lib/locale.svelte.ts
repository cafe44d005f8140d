// The language the screen speaks right now: the one piece of reactive state that every
// sentence (`t`) and every formatted amount depends on.

import type { Lang } from '../bindings';

export const locale = $state<{ lang: Lang }>({ lang: 'en' });
