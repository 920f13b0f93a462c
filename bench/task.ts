/**
 * One measured task, run in its own process so that its peak memory is its own:
 * `read <corpus>` reads and decodes every file; `pipeline <corpus> <out>` runs
 * the whole pipeline (`--workers N`, `--cache DIR` as the CLI takes them; one thread and
 * no cache by default; `--shard k/n`); `merge <corpus> <out> --parts a,b` merges partitions; `idle` does nothing, to show what Node and tsx cost alone.
 * The last line of stdout is the result as JSON.
 */
import { listDocuments, readDocument } from '../pipelines/read/read.ts';
import { runPipeline } from '../pipelines/run.ts';
import { mergePartitions } from '../pipelines/shard/merge.ts';
import { parseShard } from '../pipelines/shard/shard.ts';

/** What a task reports to the bench. */
export interface TaskResult {
  ms: number;
  documents: number;
  refused: number;
  figures: number | null;
  /** Documents extracted, not taken from the cache (pipeline only). */
  extracted?: number;
  /** Peak resident set size, in KiB, as `getrusage` reports it. */
  max_rss_kb: number;
  /** CPU time of the whole process (every thread, Node and tsx starting included), user and system, in ms. */
  cpu_ms: number;
}

async function main(): Promise<void> {
  const [mode, input, output, ...flags] = process.argv.slice(2);
  const flag = (name: string) => { const i = flags.indexOf(name); return i < 0 ? undefined : flags[i + 1]; };
  const started = performance.now();
  let result: Omit<TaskResult, 'ms' | 'max_rss_kb' | 'cpu_ms'> & { extracted?: number };
  if (mode === 'idle') {
    result = { documents: 0, refused: 0, figures: null };
  } else if (mode === 'read') {
    let documents = 0;
    let refused = 0;
    // Summing lengths keeps every decoded text observable, so no work can be skipped.
    let chars = 0;
    for (const path of listDocuments(input)) {
      const r = await readDocument(path, input);
      if (r.ok) { documents++; chars += r.doc.rawText.length; } else refused++;
    }
    if (chars === 0 && documents > 0) throw new Error(`read ${documents} documents of no text in ${input}`);
    result = { documents, refused, figures: null };
  } else if (mode === 'pipeline') {
    const progress = process.stderr.isTTY
      ? (done: number, total: number) => { if (done % 100 === 0 || done === total) process.stderr.write(`\r  pipeline: ${done}/${total} documents prepared`); }
      : undefined;
    const shard = flag('--shard');
    const report = await runPipeline({ input, output, progress, workers: Number(flag('--workers') ?? 1), cache: flag('--cache'), shard: shard ? parseShard(shard) : undefined });
    if (progress) process.stderr.write('\n');
    result = { documents: report.documents_read, refused: report.documents_refused, figures: report.figures_written, extracted: report.documents_extracted };
  } else if (mode === 'merge') {
    const report = await mergePartitions({ partitions: flag('--parts')!.split(','), output, input });
    result = { documents: report.documents_read, refused: report.documents_refused, figures: report.figures_written, extracted: report.documents_extracted_again };
  } else {
    throw new Error(`unknown task: ${mode} (expected idle, read, pipeline or merge)`);
  }
  const ms = performance.now() - started;
  const usage = process.resourceUsage();
  const out: TaskResult = { ms, ...result, max_rss_kb: usage.maxRSS, cpu_ms: (usage.userCPUTime + usage.systemCPUTime) / 1000 };
  console.log(JSON.stringify(out));
}

main().catch((e) => {
  console.error(`bench task: ${(e as Error).stack ?? e}`);
  process.exit(1);
});
