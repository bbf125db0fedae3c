import { FAMILY_GENERATORS } from '../../generators/families/index.js';
import { FAMILY_NAMES, type FamilyName, fittingRules } from '../../generators/family.js';
import { DEFAULT_CONFIG, type GenerateConfig } from '../../generators/generate.js';
import { generateToDirectory, mergeShards, OutputError, type RunSummary, type Shard, SMALL_RUN } from '../../generators/output.js';
import { MAX_TRAIN_PAIRS } from '../../generators/record.js';
import { type Command, UsageError } from '../command.js';
import { expectPositionals, parseFlags } from '../parse-flags.js';
import { ProgressBar } from '../progress.js';

const FLAGS = {
    families: 'string',
    count: 'string',
    seed: 'string',
    sizes: 'string',
    'train-pairs': 'string',
    out: 'string',
    shard: 'string',
    merge: 'boolean',
    jobs: 'string',
    force: 'boolean',
    quiet: 'boolean',
} as const;

export const generateCommand: Command = {
    summary: 'generate verified few-shot tasks for each family as JSONL',
    usage: [
        'usage: arcdsl generate --out DIR [--families all|Connect,MoveShape,…] [--count N] [--seed S]',
        '                       [--sizes 3-30] [--train-pairs 2] [--shard I/N] [--jobs N] [--force] [--quiet]',
        '       arcdsl generate --merge --out DIR [--force]',
        '',
        'Writes DIR/<Family>.jsonl (one verified task per line: id, task_type, sub_rule, train_input1,',
        'train_output1, …, test_input, test_output, solution, seed, index) and DIR/summary.json (accepted',
        'and rejected candidates by reason, per family). Every solution is run by the interpreter on',
        'every pair; identity pairs, all-background outputs, ties, ambiguous rules and duplicates are',
        'rejected. The same seed gives byte-identical files.',
        '',
        `  --families F     comma-separated families or 'all' (default): ${FAMILY_NAMES.join(', ')}`,
        '  --count N        records per family (default 100)',
        "  --seed S         any string (default '0'); record i of a family depends only on (S, family, i)",
        '  --sizes A-B      input grid sides, 1–30 (default 3-30)',
        `  --train-pairs K  train pairs per record, 2–${MAX_TRAIN_PAIRS} (default 2); one test pair is added`,
        '  --shard I/N      generate only part I of N (1-based) into <Family>.shard-I-of-N.jsonl and',
        '                   summary.shard-I-of-N.json; run all N (anywhere), put the files in one DIR, then',
        '                   --merge writes exactly the single-run files and removes the shard files',
        '  --jobs N         worker threads generating while the main thread writes (default: one per CPU,',
        `                   up to 8, for ${SMALL_RUN.toLocaleString('en')} records a family or more; 1: all in one thread); the files are the`,
        '                   same byte for byte whatever N',
        '  --force          overwrite existing output files',
        '  --quiet          no progress bar',
    ].join('\n'),
    async run(args) {
        const flags = parseFlags('generate', args, FLAGS);
        expectPositionals('generate', flags, 'no positional arguments', 0);
        const out = flags.strings.get('out');
        if (!out) throw new UsageError("generate: --out DIR is required; run 'arcdsl generate --help'");
        const force = flags.booleans.has('force');
        try {
            if (flags.booleans.has('merge')) {
                for (const name of ['families', 'count', 'seed', 'sizes', 'train-pairs', 'shard', 'jobs']) {
                    if (flags.strings.has(name))
                        throw new UsageError(`generate: --merge takes its settings from the shard files; drop --${name}`);
                }
                const summary = await mergeShards(out, force);
                printSummary(summary, out);
                return 0;
            }
            const families = parseFamilies(flags.strings.get('families') ?? 'all');
            const count = parseCount(flags.strings.get('count') ?? '100');
            const config: GenerateConfig = {
                ...DEFAULT_CONFIG,
                seed: flags.strings.get('seed') ?? DEFAULT_CONFIG.seed,
                sizes: parseSizes(flags.strings.get('sizes') ?? '3-30'),
                trainPairs: parseTrainPairs(flags.strings.get('train-pairs') ?? '2'),
            };
            for (const family of families) {
                if (fittingRules(FAMILY_GENERATORS[family], config.sizes).length === 0) {
                    const least = Math.min(...FAMILY_GENERATORS[family].subRules.map((r) => r.minSide));
                    throw new UsageError(
                        `generate: no ${family} rule fits sizes ${config.sizes.min}-${config.sizes.max}; it needs sides of at least ${least}`,
                    );
                }
            }
            const shardText = flags.strings.get('shard');
            const shard = shardText === undefined ? undefined : parseShard(shardText);
            const jobsText = flags.strings.get('jobs');
            const jobs = jobsText === undefined ? undefined : parseJobs(jobsText);
            const quiet = flags.booleans.has('quiet');
            let bar: ProgressBar | undefined;
            // Ctrl+C or a kill: stop, remove the temp files, leave the directory as it was.
            const abort = new AbortController();
            const onSignal = () => abort.abort(new OutputError('interrupted; nothing was written', 130));
            process.once('SIGINT', onSignal);
            process.once('SIGTERM', onSignal);
            const summary = await generateToDirectory({
                families,
                count,
                config,
                out,
                shard,
                force,
                jobs,
                signal: abort.signal,
                onProgress: !quiet
                    ? (done, total, family) => {
                          bar ??= new ProgressBar(total, 'records', { label: 'generate' });
                          bar.update(done, family);
                      }
                    : undefined,
            }).finally(() => {
                process.off('SIGINT', onSignal);
                process.off('SIGTERM', onSignal);
                bar?.finish();
            });
            printSummary(summary, out);
            return 0;
        } catch (error) {
            if (error instanceof OutputError) throw new UsageError(`generate: ${error.message}`, error.exitCode);
            throw error;
        }
    },
};

function parseFamilies(text: string): FamilyName[] {
    if (text === 'all') return [...FAMILY_NAMES];
    const names = text.split(',').map((s) => s.trim());
    for (const name of names) {
        if (!(FAMILY_NAMES as readonly string[]).includes(name)) {
            throw new UsageError(`generate: unknown family '${name}'; the families are ${FAMILY_NAMES.join(', ')} (or 'all')`);
        }
    }
    if (new Set(names).size !== names.length) throw new UsageError('generate: a family is listed twice in --families');
    return names as FamilyName[];
}

function parseCount(text: string): number {
    const n = Number(text);
    if (!/^\d+$/.test(text) || n < 1) throw new UsageError(`generate: --count must be a positive whole number, not '${text}'`);
    return n;
}

function parseSizes(text: string): { min: number; max: number } {
    const match = /^(\d+)(?:-(\d+))?$/.exec(text);
    const min = match ? Number(match[1]) : Number.NaN;
    const max = match?.[2] !== undefined ? Number(match[2]) : min;
    if (!match || min < 1 || max > 30 || min > max)
        throw new UsageError(`generate: --sizes must be A-B with 1 ≤ A ≤ B ≤ 30 (e.g. 3-30), not '${text}'`);
    return { min, max };
}

function parseTrainPairs(text: string): number {
    const n = Number(text);
    if (!/^\d+$/.test(text) || n < 2 || n > MAX_TRAIN_PAIRS)
        throw new UsageError(`generate: --train-pairs must be 2–${MAX_TRAIN_PAIRS}, not '${text}'`);
    return n;
}

function parseJobs(text: string): number {
    const n = Number(text);
    if (!/^\d+$/.test(text) || n < 1 || n > 64) throw new UsageError(`generate: --jobs must be a whole number from 1 to 64, not '${text}'`);
    return n;
}

function parseShard(text: string): Shard {
    const match = /^(\d+)\/(\d+)$/.exec(text);
    const index = match ? Number(match[1]) : 0;
    const total = match ? Number(match[2]) : 0;
    if (!match || total < 1 || index < 1 || index > total)
        throw new UsageError(`generate: --shard must be I/N with 1 ≤ I ≤ N (e.g. 2/8), not '${text}'`);
    return { index, total };
}

/** One line per family: accepted, rejected candidates by reason, unfilled indices. */
function printSummary(summary: RunSummary, out: string): void {
    const lines = ['family             accepted  rejected  by reason'];
    for (const [family, f] of Object.entries(summary.families)) {
        const rejected = Object.values(f.rejected).reduce((a, b) => a + b, 0);
        const reasons = Object.entries(f.rejected)
            .sort((a, b) => b[1] - a[1])
            .map(([reason, n]) => `${reason} ${n}`)
            .join(', ');
        const unfilled = f.unfilled > 0 ? `; ${f.unfilled} unfilled` : '';
        lines.push(`${family.padEnd(18)} ${String(f.accepted).padStart(8)}  ${String(rejected).padStart(8)}  ${reasons || '—'}${unfilled}`);
    }
    const shard = summary.shard ? ` (shard ${summary.shard.index} of ${summary.shard.total})` : '';
    lines.push(`wrote ${out}${shard}: seed '${summary.seed}', sizes ${summary.sizes}, ${summary.train_pairs} train pairs`);
    process.stdout.write(`${lines.join('\n')}\n`);
}
