/**
 * The machine a bench ran on, and how busy it was meanwhile: the CPU, cores,
 * memory and versions; the load average, sampled while the bench runs; and the
 * CPU time the whole machine spent (from /proc/stat), so that a task's own CPU
 * time can be told from other work's on a shared machine.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { arch, availableParallelism, cpus, loadavg, platform, release, totalmem } from 'node:os';

/** What a result records of the machine. */
export interface Machine {
  node: string;
  os: string;
  cpu: string;
  /** `family 25 model 17` and the like, from /proc/cpuinfo; the model name alone is often vague in a VM. */
  cpu_id: string | null;
  /** `KVM` when /proc/cpuinfo or lscpu names a hypervisor. */
  hypervisor: string | null;
  cores: number;
  ram_gb: number;
}

export function machine(): Machine {
  const cpu = cpus();
  let cpuId: string | null = null;
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8');
    const field = (name: string) => new RegExp(`^${name}\\s*:\\s*(.+)$`, 'm').exec(info)?.[1].trim();
    const family = field('cpu family');
    const model = field('model');
    if (family && model) cpuId = `family ${family} model ${model}`;
  } catch {
    // Not Linux: the model name has to do.
  }
  let hypervisor: string | null = null;
  try {
    hypervisor = /Hypervisor vendor:\s*(\S+)/.exec(execFileSync('lscpu', { encoding: 'utf8', timeout: 5000, stdio: ['ignore', 'pipe', 'ignore'] }))?.[1] ?? null;
  } catch {
    hypervisor = null;
  }
  return {
    node: process.version, os: `${platform()} ${release()} ${arch()}`,
    cpu: cpu[0]?.model.trim() ?? 'unknown', cpu_id: cpuId, hypervisor, cores: availableParallelism(), ram_gb: totalmem() / 2 ** 30,
  };
}

/** One line: node, OS, CPU, cores, RAM. */
export function machineLine(m: Machine): string {
  const cpu = [m.cpu, m.cpu_id && `(${m.cpu_id})`, m.hypervisor && `${m.hypervisor} guest`].filter(Boolean).join(' ');
  return `node ${m.node} · ${m.os} · ${cpu} · ${m.cores} cores · ${m.ram_gb.toFixed(1)} GB RAM`;
}

/**
 * CPU time the whole machine has spent busy (user, nice, system, irq, softirq,
 * steal) since boot, in ms, from the first line of /proc/stat; null elsewhere.
 * Guest time is part of user time there, so it is not added again.
 */
export function machineBusyMs(): number | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0];
    const f = line.trim().split(/\s+/).slice(1).map(Number);
    const [user, nice, system, , , irq, softirq, steal] = f;
    // USER_HZ is 100 on every Linux this runs on (getconf CLK_TCK).
    return ((user + nice + system + irq + softirq + (steal ?? 0)) * 1000) / 100;
  } catch {
    return null;
  }
}

/** The 1-minute load average, sampled every few seconds while the bench runs. */
export class LoadSampler {
  private samples: { at: number; load: number }[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(private everyMs = 5000) {}

  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.sample();
  }

  sample(): void {
    this.samples.push({ at: performance.now(), load: loadavg()[0] });
  }

  /** The samples taken between `from` and `to` (performance.now() ms), all of them without bounds. */
  summary(from = -Infinity, to = Infinity): LoadSummary {
    const v = this.samples.filter((s) => s.at >= from && s.at <= to).map((s) => s.load).sort((a, b) => a - b);
    if (v.length === 0) return { min: NaN, median: NaN, max: NaN, samples: 0 };
    const mid = v.length >> 1;
    return { min: v[0], median: v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2, max: v[v.length - 1], samples: v.length };
  }
}

/** The 1-minute load average over a stretch of the bench. */
export interface LoadSummary {
  min: number;
  median: number;
  max: number;
  samples: number;
}

export function loadText(l: LoadSummary): string {
  if (l.samples === 0) return '—';
  return `${l.median.toFixed(2)} (${l.min.toFixed(2)}–${l.max.toFixed(2)}, ${l.samples} samples)`;
}

/** `Chromium 1xx.0.…` as the binary names itself; '' when it cannot be run. */
export function chromiumVersion(path: string): string {
  try {
    const out = execFileSync(path, ['--version'], { encoding: 'utf8', timeout: 20_000, stdio: ['ignore', 'pipe', 'ignore'] });
    return /Chrom\w* [\d.]+/.exec(out)?.[0] ?? '';
  } catch {
    return '';
  }
}
