import { type Family, fittingRules, Rejection, type RejectReason, type SizeRange, type Task } from './family.js';
import type { ProgramPool } from './programs.js';
import { Random } from './random.js';
import { type RecordLine, toRecord } from './record.js';
import { verifyTask } from './verify.js';

export interface GenerateConfig {
    seed: string;
    sizes: SizeRange;
    /** 1–5 train pairs per record (one test pair is added). */
    trainPairs: number;
    /** Candidates tried for one index before it is left unfilled. */
    maxAttempts: number;
}

export const DEFAULT_CONFIG: GenerateConfig = { seed: '0', sizes: { min: 3, max: 30 }, trainPairs: 2, maxAttempts: 200 };

export interface IndexResult {
    index: number;
    /** Undefined when every attempt was rejected. */
    record?: RecordLine;
    rejected: Partial<Record<RejectReason, number>>;
}

/** CPU time spent verifying candidates and writing records, summed over calls (a benchmark's measure). */
export interface VerifyTiming {
    /** Microseconds inside verifyTask (accepted and rejected candidates) and toRecord. */
    micros: number;
}

/**
 * Generates the record at `index` of a family. Its random stream is derived from (seed, family,
 * index) alone, so any subset of indices (a shard) produces exactly the records a full run does.
 * The sub-rule is drawn once per index (so rules stay balanced); each attempt draws a fresh task.
 *
 * The answer is a promise only when a candidate's program text must be parsed first (see verifyTask);
 * otherwise it is the result itself, with no promise or microtask per record.
 */
export function generateIndex(
    family: Family,
    index: number,
    config: GenerateConfig,
    pool: ProgramPool,
    timing?: VerifyTiming,
): IndexResult | Promise<IndexResult> {
    const rng = new Random(`${config.seed}/${family.name}/${index}`);
    const rules = fittingRules(family, config.sizes);
    if (rules.length === 0) throw new Error(`no sub-rule of ${family.name} fits grid sides ${config.sizes.min}–${config.sizes.max}`);
    const { rule, sides } = rng.pick(rules);
    const ctx = { rng, sizes: sides, pairCount: config.trainPairs + 1 };
    const rejected: Partial<Record<RejectReason, number>> = {};
    const failed = (error: unknown) => {
        if (!(error instanceof Rejection)) throw error;
        rejected[error.reason] = (rejected[error.reason] ?? 0) + 1;
    };
    const attempts = (from: number): IndexResult | Promise<IndexResult> => {
        for (let attempt = from; attempt < config.maxAttempts; attempt++) {
            let task: Task;
            try {
                task = rule.make(ctx, sides);
            } catch (error) {
                failed(error);
                continue;
            }
            const started = timing && process.cpuUsage();
            let verified: string | Promise<string>;
            try {
                verified = verifyTask(task, pool, sides);
            } catch (error) {
                charge(timing, started);
                failed(error);
                continue;
            }
            if (typeof verified === 'string') return accepted(task, verified, started);
            return verified.then(
                (solution) => accepted(task, solution, started),
                (error: unknown) => {
                    charge(timing, started);
                    failed(error);
                    return attempts(attempt + 1);
                },
            );
        }
        return { index, rejected };
    };
    const accepted = (task: Task, solution: string, started: NodeJS.CpuUsage | undefined): IndexResult => {
        const record = toRecord(family.name, rule.name, task.pairs, solution, config.seed, index);
        charge(timing, started);
        return { index, rejected, record };
    };
    return attempts(0);
}

function charge(timing: VerifyTiming | undefined, started: NodeJS.CpuUsage | undefined): void {
    if (!timing || !started) return;
    const used = process.cpuUsage(started);
    timing.micros += used.user + used.system;
}

/** The indices [start, end) of shard `index` (1-based) of `total` over `count` records: contiguous, a partition. */
export function shardRange(count: number, index: number, total: number): { start: number; end: number } {
    return { start: Math.floor(((index - 1) * count) / total), end: Math.floor((index * count) / total) };
}
