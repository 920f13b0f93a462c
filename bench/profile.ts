/** Reads a V8 `.cpuprofile` (from `node --cpu-prof`) and lists the functions that spent the most self time. */
import { readFileSync } from 'node:fs';

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string } }[];
  samples: number[];
  timeDeltas: number[];
}

/** One function's self time: where the samples landed, not counting its callees. */
export interface Hotspot {
  name: string;
  /** The file, relative to `root` when inside it; tsx runs transpiled code, so lines would not match the source. */
  where: string;
  ms: number;
  share: number;
}

/** The `n` functions with the most self time in the profile at `path`. */
export function hotspots(path: string, root: string, n = 15): Hotspot[] {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const byFunction = new Map<string, Hotspot>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    // timeDeltas[i + 1] is the time until the next sample: the time spent where sample i landed.
    const us = profile.timeDeltas[i + 1] ?? 0;
    total += us;
    const frame = frames.get(id);
    if (!frame) return;
    const file = frame.url.replace(/^file:\/\//, '').replace(root.endsWith('/') ? root : `${root}/`, '');
    // A regular expression's "function name" is its whole source.
    const name = shorten(frame.functionName || '(anonymous)', 60);
    const key = `${name} ${file}`;
    const spot = byFunction.get(key) ?? { name, where: file, ms: 0, share: 0 };
    spot.ms += us / 1000;
    byFunction.set(key, spot);
  });
  return [...byFunction.values()]
    .sort((a, b) => b.ms - a.ms)
    .slice(0, n)
    .map((s) => ({ ...s, share: total > 0 ? (s.ms * 1000) / total : 0 }));
}

const shorten = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
