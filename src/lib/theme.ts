/** Light or dark: the reader's choice, what it resolves to, and where the browser keeps it. */
import type { Theme } from './charts/compare.ts';

/** What the reader chose: a theme, or `auto` to follow the system's `prefers-color-scheme`. */
export type ThemeChoice = Theme | 'auto';

/** The storage key; app.html's start-up script reads it too, so the first paint is already in the right theme. */
export const THEME_KEY = 'kelan.theme';

/** The theme a choice gives under a system preference. */
export function resolveTheme(choice: ThemeChoice, systemDark: boolean): Theme {
  return choice === 'auto' ? (systemDark ? 'dark' : 'light') : choice;
}

/**
 * The choice after the toggle: the other theme. Toggling to the theme the
 * system prefers is `auto` again, so the page follows the system from then on.
 */
export function toggledChoice(choice: ThemeChoice, systemDark: boolean): ThemeChoice {
  const next: Theme = resolveTheme(choice, systemDark) === 'dark' ? 'light' : 'dark';
  return next === (systemDark ? 'dark' : 'light') ? 'auto' : next;
}

/** The choice remembered in this browser, else `auto`. */
export function rememberedTheme(): ThemeChoice {
  try {
    const v = localStorage.getItem(THEME_KEY);
    return v === 'light' || v === 'dark' ? v : 'auto';
  } catch {
    return 'auto';
  }
}

/** Remembers a choice in this browser (`auto` forgets any). */
export function rememberTheme(choice: ThemeChoice): void {
  try {
    if (choice === 'auto') localStorage.removeItem(THEME_KEY);
    else localStorage.setItem(THEME_KEY, choice);
  } catch {
    // Private browsing may refuse storage; the theme then lasts for this page only.
  }
}
