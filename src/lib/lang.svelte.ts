import { rememberedLang, type Lang } from './i18n.ts';

/** The interface language, shared by every route: from the URL's `lang`, else remembered. */
export const ui = $state<{ lang: Lang }>({ lang: 'zh' });

/** Sets the language from a URL parameter, or from what this browser remembers. */
export function initLang(param: string | null): void {
  ui.lang = param === 'en' || param === 'zh' ? param : rememberedLang();
}
