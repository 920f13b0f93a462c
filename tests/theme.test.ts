import { describe, expect, it } from 'vitest';
import { resolveTheme, toggledChoice } from '../src/lib/theme.ts';

describe('theme', () => {
  it.each([
    ['auto', false, 'light'], ['auto', true, 'dark'], ['dark', false, 'dark'], ['light', true, 'light'],
  ] as const)('%s with a dark system %s is %s', (choice, systemDark, theme) => {
    expect(resolveTheme(choice, systemDark)).toBe(theme);
  });

  it('the toggle goes to the other theme, and back to following the system when that is the system’s', () => {
    expect(toggledChoice('auto', false)).toBe('dark');
    expect(toggledChoice('dark', false)).toBe('auto');
    expect(toggledChoice('auto', true)).toBe('light');
    expect(toggledChoice('light', true)).toBe('auto');
    expect(toggledChoice('light', false)).toBe('dark');
    expect(toggledChoice('dark', true)).toBe('light');
  });
});
