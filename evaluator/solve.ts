import { formatPrompt } from '../language/prompt.js';
import { checkCandidate } from './check-candidate.js';
import type { ExecutionOutcome, OutcomeStatus, SandboxTask } from './outcome.js';
import { SamplerError, type SamplingSettings } from './sampler.js';
import { TransformersSampler } from './sampler-transformers.js';
import { SandboxError, SandboxPool } from './sandbox-pool.js';
import type { Rows } from './task.js';

/** The pairs of one task as a document's task block holds them: a test pair may lack its output. */
export interface SolveTask {
    train: { input: Rows; output: Rows }[];
    test: { input: Rows; output?: Rows }[];
}

export interface SolveOptions extends SamplingSettings {
    /** An exported model folder (onnx/model.onnx, tokenizer.json, config.json). */
    model: string;
    n: number;
    /** Rows per generate() call. */
    batchSize?: number;
    /** Wall-clock time one candidate may run in the sandbox. */
    timeoutMs?: number;
    /** Called after each batch of samples. */
    onSampled?: (sampled: number, total: number) => void;
}

/** One distinct program among the samples (samples that print to the same canonical text are one candidate). */
export interface SolveCandidate {
    /** Canonical text when it parses, otherwise the sampled text with outer blank space stripped. */
    text: string;
    /** How many of the samples were this program. */
    count: number;
    status: OutcomeStatus;
    message?: string;
    trainPassed: number;
    trainTotal: number;
    /** Test pairs with an expected output that the program reproduced; null when no test pair has one. */
    testPassed: number | null;
    testTotal: number;
    /** Train-consistent samples (this one included) whose output for the first test input is the same as this one's. */
    agreement: number;
}

export interface SolveResult {
    prompt: string;
    sampled: number;
    /** Best first: most train pairs reproduced, then agreement, then frequency, then shorter. */
    candidates: SolveCandidate[];
}

/** The task cannot be solved as given, or the model cannot be used: one line for the user. */
export class SolveError extends Error {}

/** The prompt for a task: the one prompt format, the train pairs and the first test input. */
export function solvePrompt(task: SolveTask): string {
    if (task.train.length === 0) throw new SolveError('the task has no train pairs: the model is prompted with them');
    if (task.test.length === 0) throw new SolveError('the task has no test pair: the model is prompted with a test input');
    return formatPrompt({ train: task.train, test: { input: task.test[0].input } });
}

/**
 * Samples n programs for a task from an exported model (the evaluator's sampler and prompt), merges
 * samples with the same canonical text, runs each distinct program on every pair in the evaluator's
 * sandbox pool and ranks them by consistency with the train pairs.
 */
export async function solveTask(task: SolveTask, options: SolveOptions): Promise<SolveResult> {
    const prompt = solvePrompt(task);
    const texts = await sample(prompt, options);
    const distinct = await mergeByCanonicalText(texts);
    const outcomes = await execute(task, [...distinct.keys()], options.timeoutMs ?? 3000);
    const candidates = [...distinct.entries()].map(([text, count], i) => candidateOf(task, text, count, outcomes[i]));
    addAgreement(task, candidates, outcomes);
    return { prompt, sampled: texts.length, candidates: candidates.sort(byConsistency) };
}

async function sample(prompt: string, options: SolveOptions): Promise<string[]> {
    const settings = { temperature: options.temperature, topP: options.topP, maxNewTokens: options.maxNewTokens, seed: options.seed };
    const sampler = await TransformersSampler.load(options.model, settings).catch(asSolveError);
    try {
        sampler.checkPrompts([{ key: 'task', prompt }]);
        const batchSize = options.batchSize ?? 8;
        const texts: string[] = [];
        for (let start = 0; start < options.n; start += batchSize) {
            const count = Math.min(batchSize, options.n - start);
            const [batch] = await sampler.sample([{ prompt, count, key: `solve#${start}` }]);
            texts.push(...batch);
            options.onSampled?.(texts.length, options.n);
        }
        return texts;
    } catch (error) {
        return asSolveError(error);
    } finally {
        await sampler.close();
    }
}

/** Distinct programs (canonical text when it parses) and how many samples each had, in order of first appearance. */
async function mergeByCanonicalText(texts: readonly string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    const canonicalOf = new Map<string, string>();
    for (const text of texts) {
        let key = canonicalOf.get(text);
        if (key === undefined) {
            const canonical = (await checkCandidate(text)).canonical;
            key = canonical === undefined ? text.trim() : canonical.trimEnd();
            canonicalOf.set(text, key);
        }
        counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
}

/** Outcomes per program: one per test pair (each test pair is a sandbox task sharing the train pairs). */
async function execute(task: SolveTask, programs: readonly string[], timeoutMs: number): Promise<ExecutionOutcome[][]> {
    // A test pair without an expected output is checked against its own input: a match then means the
    // program returned the input unchanged, so its output is still known (`got` otherwise).
    const tasks: SandboxTask[] = task.test.map((pair, i) => ({
        id: `test${i + 1}`,
        solution: '',
        train: task.train,
        test: { input: pair.input, output: pair.output ?? pair.input },
    }));
    const pool = new SandboxPool({ workers: Math.min(2, Math.max(1, programs.length)), timeoutMs });
    try {
        return await Promise.all(programs.map((program) => Promise.all(tasks.map((t) => pool.execute(t, program)))));
    } catch (error) {
        if (error instanceof SandboxError) throw new SolveError(error.message);
        throw error;
    } finally {
        await pool.close();
    }
}

function candidateOf(task: SolveTask, text: string, count: number, outcomes: ExecutionOutcome[]): SolveCandidate {
    const [first] = outcomes;
    const failed = first.valid ? outcomes.find((o) => o.status !== 'ok') : first;
    const checked = task.test.map((pair, i) => ({ pair, outcome: outcomes[i] })).filter(({ pair }) => pair.output !== undefined);
    return {
        text,
        count,
        status: failed?.status ?? 'ok',
        // The parser's messages can list a hundred expected tokens: the first line says enough.
        ...(failed?.message === undefined ? {} : { message: failed.message.split('\n')[0] }),
        trainPassed: first.trainPassed,
        trainTotal: first.trainTotal,
        testPassed: checked.length === 0 ? null : checked.filter(({ outcome }) => outcome.functional).length,
        testTotal: checked.length,
        agreement: 0,
    };
}

/** What the program output for the first test input, when it ran (see execute for the matching case). */
function firstTestOutput(task: SolveTask, outcome: ExecutionOutcome): Rows | undefined {
    if (outcome.status !== 'ok') return undefined;
    return outcome.functional ? (task.test[0].output ?? task.test[0].input) : outcome.got;
}

/** Majority vote among the train-consistent samples on the first test output. */
function addAgreement(task: SolveTask, candidates: SolveCandidate[], outcomes: ExecutionOutcome[][]): void {
    const keys = candidates.map((candidate, i) => {
        const consistent = candidate.trainPassed === candidate.trainTotal && outcomes[i][0].valid;
        const output = consistent ? firstTestOutput(task, outcomes[i][0]) : undefined;
        return output === undefined ? undefined : JSON.stringify(output);
    });
    const votes = new Map<string, number>();
    keys.forEach((key, i) => {
        if (key !== undefined) votes.set(key, (votes.get(key) ?? 0) + candidates[i].count);
    });
    keys.forEach((key, i) => {
        if (key !== undefined) candidates[i].agreement = votes.get(key)!;
    });
}

function byConsistency(a: SolveCandidate, b: SolveCandidate): number {
    return (
        b.trainPassed - a.trainPassed ||
        b.agreement - a.agreement ||
        b.count - a.count ||
        a.text.length - b.text.length ||
        (a.text < b.text ? -1 : a.text > b.text ? 1 : 0)
    );
}

function asSolveError(error: unknown): never {
    if (error instanceof SamplerError) throw new SolveError(error.message);
    if ((error as NodeJS.ErrnoException | undefined)?.code === 'MODULE_NOT_FOUND') {
        // dist/cli.cjs keeps onnxruntime-node (and sharp, which transformers.js loads) outside the bundle.
        const what = (error as Error).message.split('\n')[0];
        throw new SolveError(
            `the model runtime is not installed (${what}); in a checkout run 'npm ci', or install the extension's linux-x64 .vsix`,
        );
    }
    throw error;
}
