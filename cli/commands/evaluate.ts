import { join } from 'node:path';
import {
    BACKENDS,
    type Backend,
    CANDIDATES_FILE,
    EvaluateError,
    evaluate,
    REPORT_FILE,
    SUMMARY_FILE,
    type Summary,
} from '../../evaluator/evaluate.js';
import { DEFAULT_LIMITS } from '../../language/budget.js';
import { type Command, UsageError } from '../command.js';
import { expectPositionals, integerFlag, numberFlag, parseFlags } from '../parse-flags.js';
import { ProgressBar } from '../progress.js';

const FLAGS = {
    model: 'string',
    dataset: 'string',
    split: 'string',
    n: 'string',
    k: 'string',
    temperature: 'string',
    'top-p': 'string',
    'max-new-tokens': 'string',
    'batch-size': 'string',
    out: 'string',
    backend: 'string',
    'base-url': 'string',
    'model-name': 'string',
    stop: 'string',
    limit: 'string',
    workers: 'string',
    'timeout-ms': 'string',
    'max-steps': 'string',
    'memory-mb': 'string',
    seed: 'string',
    quiet: 'boolean',
} as const;

export const evaluateCommand: Command = {
    summary: 'sample programs from a model for a dataset split, run them in a sandbox, report exact / functional / pass@k',
    usage: [
        'usage: arcdsl evaluate --model DIR --dataset DIR --out DIR [--split test] [--n 20] [--k 1,5,10]',
        '                       [--temperature 0.8] [--top-p 0.95] [--max-new-tokens 256] [--batch-size 8]',
        '                       [--backend transformers|openai --base-url URL --model-name NAME] [--limit N] [--workers 2]',
        '',
        'Samples n programs per task (transformers.js on onnxruntime-node, offline; or any OpenAI-compatible',
        '/v1/completions server), executes each with the DSL interpreter in a pool of sandbox processes and',
        `scores it. Writes --out/${CANDIDATES_FILE} (one line per candidate, appended as it goes: re-running`,
        `with the same --out resumes), --out/${SUMMARY_FILE} and --out/${REPORT_FILE}.`,
        'Greedy decoding: --n 1 --temperature 0.',
        '',
        '  --model DIR          an exported model folder (onnx/model.onnx, tokenizer.json, config.json)',
        '  --dataset DIR        a dataset made by `arcdsl dataset`; --split names the split (default test)',
        '  --n N                samples per task (default 20); --k K,K,… pass@k to report (default 1,5,10 up to n)',
        '  --temperature T      0 is greedy (default 0.8); --top-p P (default 0.95); --seed S (default 0)',
        '  --max-new-tokens N   per completion (default 256)',
        '  --batch-size N       rows per generate call, or parallel requests with openai (default 8)',
        '  --backend B          transformers (default) or openai, with --base-url URL --model-name NAME',
        '  --stop TEXT          a stop sequence for the openai backend (\\n for newline)',
        '  --limit N            only the first N tasks of the split',
        '  --workers N          sandbox processes (default 2)',
        `  --timeout-ms MS      wall-clock time per candidate (default 3000); --max-steps N (default ${DEFAULT_LIMITS.maxSteps})`,
        '  --memory-mb MB       heap cap of each sandbox process (default 512)',
        '  --quiet              no progress bar',
    ].join('\n'),
    async run(args) {
        const flags = parseFlags('evaluate', args, FLAGS);
        expectPositionals('evaluate', flags, 'no positional arguments', 0);
        const text = (name: string) => flags.strings.get(name);
        const dataset = text('dataset');
        const out = text('out');
        if (!dataset || !out) throw new UsageError("evaluate: --dataset and --out are required; run 'arcdsl evaluate --help'");
        const backend = text('backend') ?? 'transformers';
        if (!(BACKENDS as readonly string[]).includes(backend)) {
            throw new UsageError(`evaluate: --backend must be ${BACKENDS.join(' or ')}, not '${backend}'`);
        }
        const n = integerFlag('evaluate', flags.strings, 'n', 20, 1);
        const ks = text('k') === undefined ? [1, 5, 10].filter((k) => k <= n) : kList(text('k')!);
        const temperature = numberFlag('evaluate', flags.strings, 'temperature', 0.8, 0, 100);
        const limit = text('limit') === undefined ? undefined : integerFlag('evaluate', flags.strings, 'limit', 0, 1);
        let bar: ProgressBar | undefined;
        try {
            const summary = await evaluate({
                backend: backend as Backend,
                model: text('model'),
                baseUrl: text('base-url'),
                modelName: text('model-name'),
                stop: text('stop') === undefined ? undefined : [text('stop')!.replace(/\\n/g, '\n').replace(/\\t/g, '\t')],
                dataset,
                split: text('split') ?? 'test',
                n,
                ks,
                temperature,
                topP: numberFlag('evaluate', flags.strings, 'top-p', 0.95, 0, 1),
                maxNewTokens: integerFlag('evaluate', flags.strings, 'max-new-tokens', 256, 1),
                seed: integerFlag('evaluate', flags.strings, 'seed', 0, 0),
                batchSize: integerFlag('evaluate', flags.strings, 'batch-size', 8, 1),
                out,
                limit,
                workers: integerFlag('evaluate', flags.strings, 'workers', 2, 1),
                timeoutMs: integerFlag('evaluate', flags.strings, 'timeout-ms', 3000, 1),
                maxSteps: integerFlag('evaluate', flags.strings, 'max-steps', DEFAULT_LIMITS.maxSteps, 1),
                memoryMb: integerFlag('evaluate', flags.strings, 'memory-mb', 512, 16),
                onProgress: flags.booleans.has('quiet')
                    ? undefined
                    : (done, total, note) => {
                          bar ??= new ProgressBar(total, 'candidates', { label: 'evaluate' });
                          bar.update(done, note);
                      },
            });
            bar?.finish();
            process.stdout.write(report(summary, out));
            return 0;
        } catch (error) {
            bar?.finish();
            if (error instanceof EvaluateError) throw new UsageError(`evaluate: ${error.message}`);
            throw error;
        }
    },
};

function kList(text: string): number[] {
    const parts = text.split(',').map((p) => p.trim());
    if (parts.some((p) => !/^\d+$/.test(p) || Number(p) < 1))
        throw new UsageError(`evaluate: --k must be whole numbers ≥ 1 like 1,5,10, not '${text}'`);
    return [...new Set(parts.map(Number))].sort((a, b) => a - b);
}

function report(summary: Summary, out: string): string {
    const m = summary.scores.overall;
    const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
    const passAt = Object.entries(m.passAtK).map(([k, v]) => `pass@${k} ${pct(v)}`);
    const failures = Object.entries(m.failures)
        .filter(([, count]) => count > 0)
        .map(([kind, count]) => `${kind} ${count}`);
    return [
        `${summary.tasks} tasks, ${summary.candidates} candidates (${summary.resumed} resumed) in ${summary.seconds.toFixed(1)} s`,
        `  exact ${pct(m.exact)}  valid ${pct(m.valid)}  functional ${pct(m.functional)}  train-consistent ${pct(m.trainConsistent)}`,
        `  ${[...passAt, `verified@1 ${pct(m.verifiedAt1)}`].join('  ')}`,
        `  failures: ${failures.join(', ') || 'none'}`,
        ...summary.scores.passAtKOmitted.map((o) => `  pass@${o.k} not reported: ${o.reason}`),
        `wrote ${join(out, CANDIDATES_FILE)}, ${join(out, SUMMARY_FILE)}, ${join(out, REPORT_FILE)}`,
        '',
    ].join('\n');
}
