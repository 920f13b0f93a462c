import { runReport } from '$lib/data.ts';
import type { FirstView } from '$lib/first-view.ts';

/** Whether the served data is another than the prerendered view was drawn from (data swapped under a build). */
export const served = $state<{ other: boolean }>({ other: false });

/**
 * Reads the served run.json once and drops the prerendered view when its data version
 * differs, or when the served data says no version (data put there by hand or a tool).
 */
export async function checkVersion(dataUrl: string, first: FirstView): Promise<void> {
  if (first.data_version === 'unknown') return;
  const run = await runReport(dataUrl);
  if (!run || typeof run.data_version !== 'string' || run.data_version !== first.data_version) served.other = true;
}
