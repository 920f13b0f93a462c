import { availableParallelism } from 'node:os';
import { runPipeline, type PipelineReport } from './run.ts';
import { mergePartitions } from './shard/merge.ts';
import { parseShard, type Shard } from './shard/shard.ts';

const USAGE = `usage: npm run pipeline -- [--in <folder>] [--out <folder>] [--cache <folder> | --no-cache] [--workers N] [--shard k/n] [--corrections <folder>] [--quiet]
       npm run pipeline -- --merge <folder>... --out <folder> [--in <folder>]
  --in        folder of documents (.txt, .html, .htm, .pdf, .docx), read recursively   (default: seeds)
  --out       folder for figures/documents/indicators/regions.parquet and run.json (default: static/data)
  --cache     folder of extracted documents, so a rerun extracts only new or changed ones
              (default: node_modules/.cache/kelan/pipeline)
  --no-cache  extract every document and keep nothing
  --workers   threads extracting documents; 1 extracts in the main thread (default: up to the cores, ${availableParallelism()},
              one per 2 MB of documents to extract, as a thread takes about 0.3 s to start)
  --shard     extract only shard k of n (by a hash of each document's id) and write a partition into --out:
              figures-k-of-n.parquet, documents-k-of-n.parquet, partition-k-of-n.json
  --merge     build the dashboard's tables in --out from the partitions in these folders, the same rows
              as one run; --in only when a document must be extracted again with other shards' issuers
  --corrections  folder of reviewers' corrections (*.jsonl), applied to the tables (default: corrections, when there)
  --quiet     print nothing but errors`;

interface Args { input: string; output: string; cache?: string; workers: number | 'auto'; shard?: Shard; merge?: string[]; inGiven: boolean; quiet: boolean; corrections: string }

function parseArgs(argv: string[]): Args {
  const a: Args = { input: 'seeds', output: 'static/data', cache: 'node_modules/.cache/kelan/pipeline', workers: 'auto', inGiven: false, quiet: false, corrections: 'corrections' };
  const value = (i: number, k: string) => {
    const v = argv[i];
    if (v === undefined || v.startsWith('--')) throw new Error(`${k} needs a value\n${USAGE}`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--in') { a.input = value(++i, k); a.inGiven = true; }
    else if (k === '--shard') a.shard = parseShard(value(++i, k));
    else if (k === '--merge') {
      a.merge = [];
      while (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) a.merge.push(argv[++i]);
      if (!a.merge.length) throw new Error(`--merge needs partition folders\n${USAGE}`);
    }
    else if (k === '--out') a.output = value(++i, k);
    else if (k === '--cache') a.cache = value(++i, k);
    else if (k === '--no-cache') a.cache = undefined;
    else if (k === '--workers') {
      const v = value(++i, k);
      a.workers = Number(v);
      if (!/^[1-9][0-9]*$/.test(v)) throw new Error(`--workers needs a whole number of at least 1, not ${v}`);
    }
    else if (k === '--quiet') a.quiet = true;
    else if (k === '--corrections') a.corrections = value(++i, k);
    else if (k === '--help' || k === '-h') { console.log(USAGE); process.exit(0); }
    else throw new Error(`unknown argument: ${k}\n${USAGE}`);
  }
  if (a.merge && a.shard) throw new Error(`--merge and --shard do not go together\n${USAGE}`);
  return a;
}

/** A one-line progress bar on a terminal; nothing when output is piped. */
function progressBar(enabled: boolean) {
  if (!enabled) return undefined;
  return (done: number, total: number) => {
    const width = 30;
    const filled = Math.round((done / Math.max(total, 1)) * width);
    process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} documents`);
    if (done === total) process.stderr.write('\n');
  };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const report: PipelineReport = args.merge
    ? await mergePartitions({ partitions: args.merge, output: args.output, input: args.inGiven ? args.input : undefined, cache: args.cache, workers: args.workers, corrections: args.corrections })
    : await runPipeline({
      input: args.input,
      output: args.output,
      cache: args.cache,
      workers: args.workers,
      shard: args.shard,
      corrections: args.corrections,
      progress: progressBar(!args.quiet && process.stderr.isTTY === true),
    });
  if (args.quiet) return;
  console.log(`read ${report.documents_read} documents, refused ${report.documents_refused}, wrote ${report.figures_written} figures to ${args.output} (data ${report.data_version})`);
  console.log(`  extracted ${report.documents_extracted} on ${report.workers} thread(s), ${report.documents_cached} from the cache${args.cache ? ` (${args.cache})` : ''}`);
  for (const r of report.refused) console.log(`  refused ${r.file}: ${r.reason}`);
  for (const w of report.warnings ?? []) console.log(`  warning: ${w}`);
  const c = report.corrections;
  if (c) {
    console.log(`  corrections: ${c.applied} applied, ${c.rejected.length} of them rejections, ${c.orphaned.length} orphaned, ${c.refused.length} lines refused`);
    for (const o of c.orphaned) console.log(`  orphaned correction ${o.source} (${o.doc_id}, ${o.quote}): ${o.reason}`);
    for (const r of c.refused) console.log(`  refused correction ${r.source}: ${r.reason}`);
  }
  const stages = Object.entries(report.stage_ms).map(([k, v]) => `${k} ${Math.round(v)} ms`).join(', ');
  console.log(`  stages: ${stages}`);
}

// Output piped into a reader that stops early (`| head`) is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

main().catch((e) => {
  console.error(`pipeline: ${(e as Error).message}`);
  process.exit(1);
});
