/** Command-line mistakes, shared by the scripts' commands. */

/** A mistake in the command line: exit status 2. */
export class UsageError extends Error {}

/** A value as an error message shows it: short, one line. */
export const shown = (v: string) => {
  const one = v.replace(/[\u0000-\u001f\u007f]/g, '?');
  return one.length > 40 ? `${one.slice(0, 40)}…` : one;
};
