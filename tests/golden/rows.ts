import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { figuresOf, prepare } from '../../pipelines/run.ts';
import { readDocument } from '../../pipelines/read/read.ts';

/** The figure rows of a golden case's input, with the fields a reviewer compares. */
export async function goldenRows(caseDir: string) {
  const input = readdirSync(caseDir).find((f) => f.startsWith('input.'));
  if (!input) throw new Error(`no input file in ${caseDir}`);
  const read = await readDocument(join(caseDir, input), caseDir);
  if (!read.ok) throw new Error(`${caseDir}/${input}: ${read.refusal.reason}`);
  return figuresOf(prepare(read.doc)).map((f) => ({
    quote: f.quote, indicator: f.indicator, label: f.label, region: f.region, year: f.year, period: f.period,
    stance: f.stance, measure: f.measure, value: f.value, unit: f.unit, qualifier: f.qualifier, raw_start: f.raw_start,
  }));
}
