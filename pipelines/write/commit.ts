/**
 * An output replaced as a whole: the new tables, series and run.json are staged in a
 * folder inside the output, which is renamed to `.commit` in one step (the moment the
 * new output exists), then moved into place file by file. A run killed before that
 * step leaves the previous output; one killed after it is rolled forward by the next
 * run, which finds `.commit` and finishes the moves before it does anything else.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const COMMIT = '.commit';
/** Folders a run works in inside its output; what a killed run left of them is removed by the next. */
const LEFT_BEHIND = /^\.tmp-\d+$|\.old-\d+$/;

/** Makes the output staged in `staged` (a folder inside `out`) the output in `out`. */
export function commitOutput(staged: string, out: string): void {
  mkdirSync(out, { recursive: true });
  finishCommit(out);
  renameSync(staged, join(out, COMMIT));
  finishCommit(out);
}

/** Before a run: finishes a commit a killed run began, and removes the folders killed runs worked in. */
export function rollForward(out: string): void {
  if (!existsSync(out)) return;
  finishCommit(out);
  for (const name of readdirSync(out)) if (LEFT_BEHIND.test(name)) rmSync(join(out, name), { recursive: true, force: true });
}

/** Moves what `.commit` holds into place, if there is one. */
function finishCommit(out: string): void {
  const pending = join(out, COMMIT);
  if (existsSync(pending)) {
    for (const name of readdirSync(pending).sort()) {
      const from = join(pending, name);
      const to = join(out, name);
      if (statSync(from).isDirectory()) {
        const old = `${to}.old-${process.pid}`;
        if (existsSync(to)) renameSync(to, old);
        renameSync(from, to);
        rmSync(old, { recursive: true, force: true });
      } else {
        renameSync(from, to);
      }
    }
    rmSync(pending, { recursive: true, force: true });
  }
}
