import { runPipeline } from './run.ts';

const USAGE = `usage: npm run pipeline -- [--in <folder>] [--out <folder>] [--quiet]
  --in     folder of documents (.txt, .html, .htm), read recursively   (default: seeds)
  --out    folder for figures/documents/indicators/regions.parquet and run.json (default: static/data)
  --quiet  print nothing but errors`;

function parseArgs(argv: string[]): { input: string; output: string; quiet: boolean } {
  const a = { input: 'seeds', output: 'static/data', quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--in') a.input = argv[++i];
    else if (k === '--out') a.output = argv[++i];
    else if (k === '--quiet') a.quiet = true;
    else if (k === '--help' || k === '-h') { console.log(USAGE); process.exit(0); }
    else throw new Error(`unknown argument: ${k}\n${USAGE}`);
    if (a.input === undefined || a.output === undefined) throw new Error(`${k} needs a folder\n${USAGE}`);
  }
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
  const report = await runPipeline({
    input: args.input,
    output: args.output,
    progress: progressBar(!args.quiet && process.stderr.isTTY === true),
  });
  if (args.quiet) return;
  console.log(`read ${report.documents_read} documents, refused ${report.documents_refused}, wrote ${report.figures_written} figures to ${args.output} (data ${report.data_version})`);
  for (const r of report.refused) console.log(`  refused ${r.file}: ${r.reason}`);
  const stages = Object.entries(report.stage_ms).map(([k, v]) => `${k} ${Math.round(v)} ms`).join(', ');
  console.log(`  stages: ${stages}`);
}

main().catch((e) => {
  console.error(`pipeline: ${(e as Error).message}`);
  process.exit(1);
});
