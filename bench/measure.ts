/** Runs a bench task in a fresh Node process and reads the result it prints last. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { machineBusyMs } from './machine.ts';
import type { TaskResult } from './task.ts';

const TASK = fileURLToPath(new URL('./task.ts', import.meta.url));

/** Extra Node flags for the child, e.g. `--cpu-prof`. */
export interface MeasureOptions {
  cwd: string;
  nodeFlags?: string[];
}

/** A task's result, with what its parent saw of it. */
export interface Measured extends TaskResult {
  /** From spawning the process to its exit: Node and tsx starting, loading the modules, the task, exiting. */
  process_ms: number;
  /** CPU time the whole machine spent busy meanwhile (/proc/stat), in ms; null off Linux. */
  machine_busy_ms: number | null;
}

/** Runs `task.ts <args>` under `node --import tsx` and returns its result; throws with its exit status and stderr tail. */
export function measure(args: string[], opts: MeasureOptions): Promise<Measured> {
  const argv = ['--import', 'tsx', ...(opts.nodeFlags ?? []), TASK, ...args];
  const busyBefore = machineBusyMs();
  const started = performance.now();
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
      const processMs = performance.now() - started;
      const busyAfter = machineBusyMs();
      const last = stdout.trim().split('\n').pop() ?? '';
      if (code === 0) {
        try {
          const r = JSON.parse(last) as TaskResult;
          return resolve({ ...r, process_ms: processMs, machine_busy_ms: busyBefore === null || busyAfter === null ? null : busyAfter - busyBefore });
        } catch {
          return reject(new Error(`task ${args[0]} printed no result; its last line: ${last.slice(0, 200)}`));
        }
      }
      const why = signal ? `killed by ${signal}` : `exit status ${code}`;
      reject(new Error(`task ${args.join(' ')} failed (${why}):\n${stderr.trim().split('\n').slice(-20).join('\n')}`));
    });
  });
}

/**
 * The cores other work kept busy while tasks ran: the machine's busy CPU time
 * less the tasks' own, over the wall time. Approximate: /proc/stat counts in
 * hundredths of a second, and the bench's own process is counted as other work.
 */
export function othersCores(machineBusyMs: number | null, ownCpuMs: number, wallMs: number): number | null {
  if (machineBusyMs === null || !(wallMs > 0)) return null;
  return Math.max(0, machineBusyMs - ownCpuMs) / wallMs;
}
