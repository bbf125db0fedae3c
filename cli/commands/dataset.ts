import { type BuildProgress, buildDataset } from '../../generators/dataset/build-dataset.js';
import { DatasetBuildError } from '../../generators/dataset/build-error.js';
import type { BuildReport } from '../../generators/dataset/build-report.js';
import { parseSplitSpec, SPLIT_NAMES } from '../../generators/dataset/split.js';
import { PROMPT_FORMATS, type PromptFormat } from '../../language/prompt.js';
import { type Command, UsageError } from '../command.js';
import { expectPositionals, parseFlags } from '../parse-flags.js';
import { ProgressBar } from '../progress.js';

const FLAGS = {
    in: 'string',
    out: 'string',
    split: 'string',
    seed: 'string',
    'prompt-format': 'string',
    jobs: 'string',
    'skip-invalid': 'boolean',
    force: 'boolean',
} as const;

export const datasetCommand: Command = {
    summary: 'validate generated records and build a Hugging Face dataset (train/validation/test)',
    usage: [
        'usage: arcdsl dataset --in DIR --out DIR [--split 90/5/5] [--seed S] [--prompt-format compact|seed]',
        '                      [--jobs N] [--skip-invalid] [--force]',
        '',
        'Reads every *.jsonl in --in (as `arcdsl generate` writes them), checks each record (grids, family,',
        'and that its solution reproduces every train and test output), drops duplicates, splits by',
        'canonical program (a program lands in one split only) and writes a DatasetDict that',
        "Python's datasets.load_from_disk opens, with a dataset card README.md.",
        '',
        '  --split P/P/P        train/validation/test percentages (default 90/5/5)',
        '  --seed S             seed of the program split and row order (default 0)',
        '  --prompt-format F    compact (default) or seed (the original JSON layout)',
        '  --jobs N             worker threads checking and encoding records (default: one per CPU, up to 8;',
        '                       none for inputs under 8 MB); 0 does everything in one thread',
        '  --skip-invalid       leave bad records out and count them, instead of stopping at the first',
        '  --force              replace an existing dataset at --out',
    ].join('\n'),
    async run(args) {
        const flags = parseFlags('dataset', args, FLAGS);
        expectPositionals('dataset', flags, 'no positional arguments', 0);
        const input = flags.strings.get('in');
        const out = flags.strings.get('out');
        if (!input || !out) throw new UsageError("dataset: --in and --out are required; run 'arcdsl dataset --help'");
        const promptFormat = flags.strings.get('prompt-format') ?? 'compact';
        if (!PROMPT_FORMATS.includes(promptFormat as PromptFormat)) {
            throw new UsageError(`dataset: --prompt-format must be ${PROMPT_FORMATS.join(' or ')}, not '${promptFormat}'`);
        }
        const jobs = flags.strings.get('jobs');
        if (jobs !== undefined && !/^\d+$/.test(jobs)) throw new UsageError(`dataset: --jobs must be a whole number, not '${jobs}'`);
        let split: number[];
        try {
            split = parseSplitSpec(flags.strings.get('split') ?? '90/5/5');
        } catch (error) {
            throw new UsageError(`dataset: ${(error as Error).message}`);
        }

        const abort = new AbortController();
        const onSignal = () => abort.abort(new DatasetBuildError('interrupted; nothing was written'));
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
        const bars = new Map<BuildProgress['phase'], ProgressBar>();
        const finishBars = () => {
            for (const bar of bars.values()) bar.finish();
        };
        try {
            const report = await buildDataset({
                input,
                out,
                split,
                seed: flags.strings.get('seed') ?? '0',
                promptFormat: promptFormat as PromptFormat,
                skipInvalid: flags.booleans.has('skip-invalid'),
                force: flags.booleans.has('force'),
                jobs: jobs === undefined ? undefined : Number(jobs),
                onProgress: ({ phase, done, total }) => {
                    let bar = bars.get(phase);
                    if (!bar) {
                        bars.get('check')?.finish();
                        bar = new ProgressBar(total, phase === 'check' ? 'records' : 'rows', {
                            label: phase === 'check' ? 'check' : 'write',
                        });
                        bars.set(phase, bar);
                    }
                    bar.update(done);
                },
                signal: abort.signal,
            });
            finishBars();
            process.stdout.write(summary(report));
            return 0;
        } catch (error) {
            finishBars();
            if (error instanceof DatasetBuildError) throw new UsageError(`dataset: ${error.message}`, 1);
            throw error;
        } finally {
            process.off('SIGINT', onSignal);
            process.off('SIGTERM', onSignal);
        }
    },
};

function summary(report: BuildReport): string {
    const total = SPLIT_NAMES.reduce((sum, s) => sum + report.rows[s], 0);
    const invalid = Object.values(report.invalid).reduce((sum, n) => sum + (n ?? 0), 0);
    const lines = [
        `wrote ${report.out}: ${total.toLocaleString('en')} rows, ${report.programs.toLocaleString('en')} distinct programs, in ${report.seconds.toFixed(1)} s`,
        ...SPLIT_NAMES.map(
            (s) =>
                `  ${s.padEnd(10)} ${report.rows[s].toLocaleString('en').padStart(10)} rows (${((100 * report.rows[s]) / total).toFixed(1)}%), ` +
                `${report.programsBySplit[s].toLocaleString('en')} programs`,
        ),
        `  read ${report.records.toLocaleString('en')} records: ${report.duplicates.toLocaleString('en')} duplicates, ${invalid.toLocaleString('en')} invalid`,
        ...Object.entries(report.invalid).map(([reason, n]) => `    ${reason}: ${n}`),
    ];
    return `${lines.join('\n')}\n`;
}
