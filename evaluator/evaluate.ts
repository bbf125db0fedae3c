import { existsSync, mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { DatasetBuildError } from '../generators/dataset/build-error.js';
import { openDataset } from '../generators/dataset/read-dataset.js';
import { type CandidateRecord, CandidatesLog, CandidatesLogError } from './candidates-log.js';
import type { SandboxTask } from './outcome.js';
import { type ExampleCandidate, renderReport } from './report-html.js';
import { type SampleRequest, type Sampler, SamplerError, type SamplingSettings } from './sampler.js';
import { OpenAiSampler } from './sampler-openai.js';
import { checkModelFolder, TransformersSampler } from './sampler-transformers.js';
import { SandboxError, SandboxPool } from './sandbox-pool.js';
import { type Scores, score, scoreCandidate } from './scoring.js';
import { type EvalTask, loadTasks, TaskFormatError } from './task.js';

export const BACKENDS = ['transformers', 'openai'] as const;
export type Backend = (typeof BACKENDS)[number];

export interface EvaluateOptions {
    backend: Backend;
    /** An exported model folder (transformers backend). */
    model?: string;
    /** The OpenAI-compatible server and the model name it serves (openai backend). */
    baseUrl?: string;
    modelName?: string;
    stop?: string[];
    dataset: string;
    split: string;
    n: number;
    ks: number[];
    temperature: number;
    topP: number;
    maxNewTokens: number;
    seed: number;
    /** Rows per generate() call (transformers) or parallel requests (openai). */
    batchSize: number;
    out: string;
    limit?: number;
    workers: number;
    timeoutMs: number;
    maxSteps: number;
    memoryMb: number;
    /** Called after each scored candidate with the count so far, the count to do in this run and a note. */
    onProgress?: (done: number, total: number, note: string) => void;
}

/** What an evaluation needs that the user got wrong: one line, and nothing was written. */
export class EvaluateError extends Error {}

/** The settings a resumed run must share with the run that wrote candidates.jsonl. */
interface RunSettings {
    backend: Backend;
    model: string;
    dataset: string;
    split: string;
    temperature: number;
    topP: number;
    maxNewTokens: number;
    seed: number;
    stop: string[];
}

export interface Summary {
    settings: RunSettings & { n: number; ks: number[]; limit: number | null };
    tasks: number;
    candidates: number;
    scores: Scores;
    /** This session's sandbox: candidates executed, and workers killed (timeout) or lost (crash). */
    sandbox: { executed: number; timeouts: number; crashes: number; replacements: number };
    /** Candidates found in candidates.jsonl from earlier runs. */
    resumed: number;
    seconds: number;
}

export const CANDIDATES_FILE = 'candidates.jsonl';
export const SUMMARY_FILE = 'summary.json';
export const REPORT_FILE = 'report.html';
const RUN_FILE = 'run.json';

/**
 * Samples n programs per task of a dataset split, executes each in the sandbox pool, appends one
 * record per candidate to candidates.jsonl (resuming what an earlier run left), then writes
 * summary.json and report.html. Bad input is an EvaluateError before anything is written.
 */
export async function evaluate(options: EvaluateOptions): Promise<Summary> {
    const started = performance.now();
    checkOptions(options);
    const settings = runSettings(options);
    const tasks = await readTasks(options);
    const log = openLog(options.out, settings);

    const pending: { task: EvalTask; sample: number }[] = [];
    for (const task of tasks) for (let s = 0; s < options.n; s++) if (!log.has(task.id, s)) pending.push({ task, sample: s });
    const resumed = tasks.length * options.n - pending.length;

    let sandbox: Summary['sandbox'] = { executed: 0, timeouts: 0, crashes: 0, replacements: 0 };
    if (pending.length > 0) {
        const sampler = await openSampler(options);
        try {
            sampler.checkPrompts?.(tasks.map((t) => ({ key: t.id, prompt: t.prompt })));
        } catch (error) {
            await sampler.close();
            if (error instanceof SamplerError) throw new EvaluateError(`--model ${options.model}: ${error.message}`);
            throw error;
        }
        const pool = new SandboxPool({
            workers: options.workers,
            limits: { maxSteps: options.maxSteps, maxCells: 5_000_000 },
            timeoutMs: options.timeoutMs,
            memoryMb: options.memoryMb,
        });
        try {
            await sampleAndScore(options, settings, pending, sampler, pool, log);
        } catch (error) {
            // The candidates scored so far are in the log; a re-run resumes after them.
            if (error instanceof SamplerError || error instanceof SandboxError) throw new EvaluateError(error.message);
            throw error;
        } finally {
            sandbox = { ...pool.stats };
            log.close();
            await Promise.allSettled([pool.close(), sampler.close()]);
        }
    }

    const taskIds = new Set(tasks.map((t) => t.id));
    const records = log.all().filter((r) => taskIds.has(r.task) && r.sample < options.n);
    const summary: Summary = {
        settings: { ...settings, n: options.n, ks: options.ks, limit: options.limit ?? null },
        tasks: tasks.length,
        candidates: records.length,
        scores: score(tasks, records, options.n, options.ks),
        sandbox,
        resumed,
        seconds: (performance.now() - started) / 1000,
    };
    mkdirSync(options.out, { recursive: true });
    writeAtomically(join(options.out, SUMMARY_FILE), `${JSON.stringify(summary, null, 2)}\n`);
    writeAtomically(join(options.out, REPORT_FILE), renderReport(summary, failingExamples(tasks, records)));
    return summary;
}

async function sampleAndScore(
    options: EvaluateOptions,
    settings: RunSettings,
    pending: { task: EvalTask; sample: number }[],
    sampler: Sampler,
    pool: SandboxPool,
    log: CandidatesLog,
): Promise<void> {
    let done = 0;
    const sandboxTasks = new Map<string, SandboxTask>();
    let functional = 0;
    let runFileWritten = false;
    const executions = new Set<Promise<void>>();
    const record = (candidate: CandidateRecord) => {
        if (!runFileWritten) {
            writeRunFile(options.out, settings);
            runFileWritten = true;
        }
        log.append(candidate);
        if (candidate.functional) functional++;
        options.onProgress?.(++done, pending.length, `${functional} functional`);
    };
    let failure: unknown;
    try {
        for (const batch of planBatches(pending, options)) {
            const completions = await sampler.sample(batch.requests);
            batch.samples.forEach((group, r) => {
                group.forEach(({ task, sample }, i) => {
                    const program = completions[r][i] ?? '';
                    let sandboxTask = sandboxTasks.get(task.id);
                    if (!sandboxTask) sandboxTasks.set(task.id, (sandboxTask = toSandboxTask(task)));
                    const execution = pool
                        .execute(sandboxTask, program)
                        .then((outcome) => record(scoreCandidate(task, sample, program, outcome)));
                    executions.add(execution);
                    void execution.finally(() => executions.delete(execution)).catch(() => {});
                });
            });
            // Sampling is far slower than execution; this only bounds memory if the sandbox falls behind.
            while (executions.size > 64 * options.workers) await Promise.race(executions);
        }
    } catch (error) {
        failure = error;
    }
    // Whatever happened to sampling, the candidates already sampled are executed and logged.
    const settled = await Promise.allSettled(executions);
    if (failure) throw failure;
    const rejected = settled.find((s) => s.status === 'rejected');
    if (rejected) throw (rejected as PromiseRejectedResult).reason;
}

/**
 * Groups the pending samples: transformers batches hold at most batchSize rows (a prompt repeated
 * per sample), openai batches at most batchSize parallel requests (each asking for all of a task's
 * pending samples at once).
 */
export function planBatches(
    pending: readonly { task: EvalTask; sample: number }[],
    options: Pick<EvaluateOptions, 'backend' | 'batchSize'>,
): { requests: SampleRequest[]; samples: { task: EvalTask; sample: number }[][] }[] {
    const groups: { task: EvalTask; sample: number }[][] = [];
    for (const item of pending) {
        const last = groups.at(-1);
        const full = options.backend === 'transformers' && last !== undefined && last.length >= options.batchSize;
        if (last && last[0].task === item.task && !full) last.push(item);
        else groups.push([item]);
    }
    const batches: { requests: SampleRequest[]; samples: { task: EvalTask; sample: number }[][] }[] = [];
    let rows = 0;
    for (const group of groups) {
        let batch = batches.at(-1);
        const fits =
            batch !== undefined &&
            (options.backend === 'transformers' ? rows + group.length <= options.batchSize : batch.requests.length < options.batchSize);
        if (!batch || !fits) {
            batch = { requests: [], samples: [] };
            batches.push(batch);
            rows = 0;
        }
        batch.requests.push({ prompt: group[0].task.prompt, count: group.length, key: `${group[0].task.id}#${group[0].sample}` });
        batch.samples.push(group);
        rows += group.length;
    }
    return batches;
}

function checkOptions(options: EvaluateOptions): void {
    const fail = (message: string) => {
        throw new EvaluateError(message);
    };
    if (!BACKENDS.includes(options.backend)) fail(`--backend must be ${BACKENDS.join(' or ')}, not '${options.backend}'`);
    for (const k of options.ks)
        if (k > options.n) fail(`--k ${k} is more than --n ${options.n}: pass@${k} needs at least ${k} samples per task`);
    if (options.backend === 'transformers') {
        if (!options.model) fail('--model DIR is required with the transformers backend');
        try {
            checkModelFolder(options.model!);
        } catch (error) {
            fail((error as Error).message);
        }
    } else {
        if (!options.baseUrl) fail('--base-url URL is required with --backend openai');
        if (!options.modelName) fail('--model-name NAME is required with --backend openai');
    }
    let splits: string[];
    try {
        splits = openDataset(options.dataset).splits.map((s) => s.name);
    } catch (error) {
        throw new EvaluateError(`--dataset ${options.dataset}: ${(error as Error).message}`);
    }
    if (!splits.includes(options.split)) fail(`--dataset ${options.dataset} has no split '${options.split}' (it has ${splits.join(', ')})`);
    if (existsSync(options.out) && !statSync(options.out).isDirectory()) fail(`--out ${options.out} is a file, not a folder`);
}

function runSettings(options: EvaluateOptions): RunSettings {
    return {
        backend: options.backend,
        model: options.backend === 'transformers' ? resolve(options.model!) : `${options.modelName} @ ${options.baseUrl}`,
        dataset: resolve(options.dataset),
        split: options.split,
        temperature: options.temperature,
        topP: options.topP,
        maxNewTokens: options.maxNewTokens,
        seed: options.seed,
        stop: options.stop ?? [],
    };
}

async function readTasks(options: EvaluateOptions): Promise<EvalTask[]> {
    try {
        const tasks = await loadTasks(options.dataset, options.split, options.limit);
        if (tasks.length === 0) throw new EvaluateError(`--dataset ${options.dataset}: split '${options.split}' has no rows`);
        return tasks;
    } catch (error) {
        if (error instanceof TaskFormatError || error instanceof DatasetBuildError) {
            throw new EvaluateError(`--dataset ${options.dataset} split '${options.split}': ${error.message}`);
        }
        throw error;
    }
}

/** Opens the log of an earlier run in --out, refusing one made with other sampling settings. */
function openLog(out: string, settings: RunSettings): CandidatesLog {
    const runFile = join(out, RUN_FILE);
    if (existsSync(runFile)) {
        let earlier: Partial<RunSettings>;
        try {
            earlier = JSON.parse(readFileSync(runFile, 'utf8')) as Partial<RunSettings>;
        } catch (error) {
            throw new EvaluateError(`${runFile}: malformed JSON (${(error as Error).message})`);
        }
        for (const key of Object.keys(settings) as (keyof RunSettings)[]) {
            if (JSON.stringify(earlier[key]) !== JSON.stringify(settings[key])) {
                throw new EvaluateError(
                    `--out ${out} holds candidates sampled with ${key} ${JSON.stringify(earlier[key])}, not ${JSON.stringify(settings[key])}; ` +
                        'use another --out, or the same settings to resume',
                );
            }
        }
    }
    try {
        return CandidatesLog.open(join(out, CANDIDATES_FILE));
    } catch (error) {
        if (error instanceof CandidatesLogError) throw new EvaluateError(error.message);
        throw error;
    }
}

function writeRunFile(out: string, settings: RunSettings): void {
    const path = join(out, RUN_FILE);
    if (existsSync(path)) return;
    mkdirSync(out, { recursive: true });
    writeAtomically(path, `${JSON.stringify(settings, null, 2)}\n`);
}

async function openSampler(options: EvaluateOptions): Promise<Sampler> {
    const settings: SamplingSettings = {
        temperature: options.temperature,
        topP: options.topP,
        maxNewTokens: options.maxNewTokens,
        seed: options.seed,
    };
    try {
        if (options.backend === 'openai') {
            return new OpenAiSampler({ baseUrl: options.baseUrl!, modelName: options.modelName!, stop: options.stop }, settings);
        }
        return await TransformersSampler.load(options.model!, settings);
    } catch (error) {
        if (error instanceof SamplerError) throw new EvaluateError(error.message);
        throw error;
    }
}

function toSandboxTask(task: EvalTask): SandboxTask {
    return { id: task.id, solution: task.solution, train: task.train, test: task.test };
}

/** Up to three failing candidates per family, wrong outputs (which have a grid to show) first. */
function failingExamples(tasks: readonly EvalTask[], records: readonly CandidateRecord[]): ExampleCandidate[] {
    const byId = new Map(tasks.map((t) => [t.id, t]));
    const failing = records.filter((r) => !r.functional).sort((a, b) => Number(b.got !== undefined) - Number(a.got !== undefined));
    const examples: ExampleCandidate[] = [];
    const perFamily = new Map<string, number>();
    const seenTasks = new Set<string>();
    for (const record of failing) {
        const shown = perFamily.get(record.family) ?? 0;
        const task = byId.get(record.task);
        if (!task || shown >= 3 || seenTasks.has(record.task)) continue;
        perFamily.set(record.family, shown + 1);
        seenTasks.add(record.task);
        examples.push({ record, input: task.test.input, expected: task.test.output, solution: task.solution });
    }
    return examples;
}

function writeAtomically(path: string, text: string): void {
    const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
    try {
        writeFileSync(temp, text);
        renameSync(temp, path);
    } catch (error) {
        if (existsSync(temp)) unlinkSync(temp);
        throw error;
    }
}
