import type { Theme } from './charts/compare.ts';
import { rememberedTheme, resolveTheme, type ThemeChoice } from './theme.ts';

/** The dashboard's theme, shared by every route: the reader's choice and what the system prefers. */
export const look = $state<{ choice: ThemeChoice; systemDark: boolean }>({ choice: 'auto', systemDark: false });

/** The theme in effect now (reactive where `look` is read). */
export function currentTheme(): Theme {
  return resolveTheme(look.choice, look.systemDark);
}

/**
 * Starts the theme: the remembered choice, and the system's colour scheme
 * followed as it changes. Returns the cleanup.
 */
export function initTheme(): () => void {
  look.choice = rememberedTheme();
  const query = matchMedia('(prefers-color-scheme: dark)');
  const listener = () => (look.systemDark = query.matches);
  listener();
  query.addEventListener('change', listener);
  return () => query.removeEventListener('change', listener);
}
