/**
 * npm run score -- --data DIR --gold FILE.jsonl [--show N] [--by indicator|doc] [--json]
 *
 * Scores a data folder's figures against a gold file with the project's own
 * scorer (pipelines/evaluate/score.ts): precision, recall, F1, per-field accuracy
 * and all-core-fields; with --by, the same per gold indicator or per document (an
 * Arquero table), so that failures are read as classes. Exits 1 under --min-f1 or --min-all.
 */
import { readFileSync } from 'node:fs';
import * as aq from 'arquero';
import { openParquetFolder } from './node-query.ts';
import { FIELDS, parseGold, score, type ScoredFigure } from '../pipelines/evaluate/score.ts';

function args(argv: string[]): Record<string, string> {
  const a: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (!k.startsWith('--')) throw new Error(`unexpected argument ${k}`);
    a[k.slice(2)] = k === '--json' ? 'true' : argv[++i];
  }
  if (!a.data || !a.gold) throw new Error('usage: npm run score -- --data DIR --gold FILE.jsonl [--show N] [--by indicator|doc] [--json] [--min-f1 X] [--min-all X]');
  if (a.by !== undefined && a.by !== 'indicator' && a.by !== 'doc') throw new Error(`--by takes indicator or doc, not ${a.by}`);
  return a;
}

/** Gold figures, matched, missed and all-core-fields per gold indicator or document, worst first. */
function printBy(key: 'indicator' | 'doc', s: ReturnType<typeof score>): void {
  const rows = [
    ...s.pairs.map((p) => ({ key: p[key], matched: 1, all_core: p.all_core ? 1 : 0 })),
    ...s.missed.map((g) => ({ key: String(key === 'doc' ? g.doc : g.indicator), matched: 0, all_core: 0 })),
  ];
  if (!rows.length) return;
  const table = aq.from(rows)
    .groupby('key')
    .rollup({ gold: aq.op.count(), matched: aq.op.sum('matched'), right: aq.op.sum('all_core') })
    .derive({ missed: (d: { gold: number; matched: number }) => d.gold - d.matched, all_core: (d: { right: number; gold: number }) => aq.op.round((d.right / d.gold) * 1000) / 1000 })
    .orderby('all_core', aq.desc('gold'))
    .select('key', 'gold', 'matched', 'missed', 'all_core');
  console.log(`by ${key}:`);
  for (const r of table.objects() as Array<{ key: string; gold: number; matched: number; missed: number; all_core: number }>) {
    console.log(`  ${r.key.padEnd(40)} gold ${String(r.gold).padStart(4)}  matched ${String(r.matched).padStart(4)}  missed ${String(r.missed).padStart(3)}  all-core ${r.all_core}`);
  }
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
    if (a.by) printBy(a.by as 'indicator' | 'doc', s);
    console.log(`F1 ${s.f1}  precision ${s.precision}  recall ${s.recall}  all-core-fields ${s.all_core_fields}`);
  }
  if ((a['min-f1'] && s.f1 < Number(a['min-f1'])) || (a['min-all'] && s.all_core_fields < Number(a['min-all']))) process.exitCode = 1;
} finally {
  q.close();
}
