/** Runs a bench task in a fresh Node process and reads the result it prints last. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TaskResult } from './task.ts';

const TASK = fileURLToPath(new URL('./task.ts', import.meta.url));

/** Extra Node flags for the child, e.g. `--cpu-prof`. */
export interface MeasureOptions {
  cwd: string;
  nodeFlags?: string[];
}

/** Runs `task.ts <args>` under `node --import tsx` and returns its result; throws with its exit status and stderr tail. */
export function measure(args: string[], opts: MeasureOptions): Promise<TaskResult> {
  const argv = ['--import', 'tsx', ...(opts.nodeFlags ?? []), TASK, ...args];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argv, { cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => {
      stderr += s;
      if (process.stderr.isTTY) process.stderr.write(s);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const last = stdout.trim().split('\n').pop() ?? '';
      if (code === 0) {
        try {
          return resolve(JSON.parse(last) as TaskResult);
        } catch {
          return reject(new Error(`task ${args[0]} printed no result; its last line: ${last.slice(0, 200)}`));
        }
      }
      const why = signal ? `killed by ${signal}` : `exit status ${code}`;
      reject(new Error(`task ${args.join(' ')} failed (${why}):\n${stderr.trim().split('\n').slice(-20).join('\n')}`));
    });
  });
}
