/**
 * npm run score -- --data DIR --gold FILE.jsonl [--show N] [--json]
 *
 * Scores a data folder's figures against a gold file with the project's own
 * scorer (pipelines/evaluate/score.ts): precision, recall, F1, per-field accuracy
 * and all-core-fields. Exits 1 under --min-f1 or --min-all.
 */
import { readFileSync } from 'node:fs';
import { openParquetFolder } from './node-query.ts';
import { FIELDS, parseGold, score, type ScoredFigure } from '../pipelines/evaluate/score.ts';

function args(argv: string[]): Record<string, string> {
  const a: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (!k.startsWith('--')) throw new Error(`unexpected argument ${k}`);
    a[k.slice(2)] = k === '--json' ? 'true' : argv[++i];
  }
  if (!a.data || !a.gold) throw new Error('usage: npm run score -- --data DIR --gold FILE.jsonl [--show N] [--json] [--min-f1 X] [--min-all X]');
  return a;
}

const a = args(process.argv.slice(2));
const gold = parseGold(readFileSync(a.gold, 'utf8'), a.gold);
const q = await openParquetFolder(a.data);
try {
  const figures = await q.exec<ScoredFigure>({ name: 'figures', sql: 'SELECT * FROM figures', params: [] });
  const docs = await q.exec<{ doc_id: string; raw_text: string }>({ name: 'documents', sql: 'SELECT doc_id, raw_text FROM documents', params: [] });
  const s = score(figures, gold, new Map(docs.map((d) => [d.doc_id, d.raw_text])));
  if (a.json) console.log(JSON.stringify({ ...s, missed: s.missed.length, spurious: s.spurious.length }, null, 2));
  else {
    console.log(`gold ${s.gold}  extracted ${s.extracted}  matched ${s.matched}`);
    for (const k of FIELDS) console.log(`  ${k.padEnd(10)} ${s.field_accuracy[k]}`);
    for (const p of s.problems) console.log(`problem: ${p}`);
    const show = Number(a.show ?? 0);
    for (const g of s.missed.slice(0, show)) console.log(`missed: ${g.doc} ${g.quote}  (${g.sentence})`);
    for (const f of s.spurious.slice(0, show)) console.log(`spurious: ${f.doc_id} ${f.quote} [${String(f.indicator)}]`);
    for (const w of s.wrong.slice(0, show)) console.log(`wrong: ${w}`);
    console.log(`F1 ${s.f1}  precision ${s.precision}  recall ${s.recall}  all-core-fields ${s.all_core_fields}`);
  }
  if ((a['min-f1'] && s.f1 < Number(a['min-f1'])) || (a['min-all'] && s.all_core_fields < Number(a['min-all']))) process.exitCode = 1;
} finally {
  q.close();
}
