import { type CandidateRecord, FAILURE_KINDS, type FailureKind } from './candidates-log.js';
import type { ExecutionOutcome } from './outcome.js';
import { passAtK } from './pass-at-k.js';

/**
 * Scores of a set of tasks. Rates over candidates: exact (same canonical text as the solution),
 * valid (parses and type-checks), functional (the test output matches), trainConsistent (reproduces
 * every train pair). Over tasks: pass@k (unbiased estimator, only for k ≤ every task's sample count)
 * and verified@1 (the first train-consistent candidate is functional — what a user would submit).
 */
export interface Metrics {
    tasks: number;
    candidates: number;
    exact: number;
    valid: number;
    functional: number;
    trainConsistent: number;
    passAtK: Record<string, number>;
    verifiedAt1: number;
    /** Candidates per failure kind. */
    failures: Record<FailureKind, number>;
}

export interface Scores {
    overall: Metrics;
    byFamily: Record<string, Metrics>;
    /** k values left out of passAtK, and why. */
    passAtKOmitted: { k: number; reason: string }[];
}

/** The record of one candidate from its sandbox outcome. */
export function scoreCandidate(
    task: { id: string; family: string },
    sample: number,
    program: string,
    outcome: ExecutionOutcome,
): CandidateRecord {
    const record: CandidateRecord = {
        task: task.id,
        sample,
        family: task.family,
        program,
        valid: outcome.valid,
        exact: outcome.exact,
        functional: outcome.functional,
        trainConsistent: outcome.valid && outcome.trainPassed === outcome.trainTotal,
        trainPassed: outcome.trainPassed,
        failure: outcome.functional ? null : outcome.status === 'ok' ? 'wrong_output' : outcome.status,
    };
    if (outcome.message !== undefined) record.message = outcome.message;
    if (outcome.got !== undefined) record.got = outcome.got;
    return record;
}

/** Scores the candidates of the given tasks with sample index < n; ks are the requested k values. */
export function score(
    tasks: readonly { id: string; family: string }[],
    records: readonly CandidateRecord[],
    n: number,
    ks: readonly number[],
): Scores {
    const byTask = new Map<string, CandidateRecord[]>(tasks.map((t) => [t.id, []]));
    for (const record of records) if (record.sample < n) byTask.get(record.task)?.push(record);
    for (const list of byTask.values()) list.sort((a, b) => a.sample - b.sample);

    const passAtKOmitted: Scores['passAtKOmitted'] = [];
    const reportedKs = ks.filter((k) => {
        const short = tasks.find((t) => byTask.get(t.id)!.length < k);
        if (short) passAtKOmitted.push({ k, reason: `task ${short.id} has ${byTask.get(short.id)!.length} samples, fewer than ${k}` });
        return !short;
    });

    const families = [...new Set(tasks.map((t) => t.family))].sort();
    const byFamily: Record<string, Metrics> = {};
    for (const family of families) {
        byFamily[family] = metricsOf(
            tasks.filter((t) => t.family === family).map((t) => byTask.get(t.id)!),
            reportedKs,
        );
    }
    return { overall: metricsOf([...byTask.values()], reportedKs), byFamily, passAtKOmitted };
}

function metricsOf(perTask: readonly CandidateRecord[][], ks: readonly number[]): Metrics {
    const all = perTask.flat();
    const rate = (keep: (r: CandidateRecord) => boolean) => (all.length === 0 ? 0 : all.filter(keep).length / all.length);
    const mean = (values: number[]) => (values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length);
    const failures = Object.fromEntries(FAILURE_KINDS.map((kind) => [kind, 0])) as Record<FailureKind, number>;
    for (const record of all) if (record.failure) failures[record.failure]++;
    const passAt: Record<string, number> = {};
    for (const k of ks) {
        passAt[k] = mean(perTask.map((list) => passAtK(list.length, list.filter((r) => r.functional).length, k)));
    }
    return {
        tasks: perTask.length,
        candidates: all.length,
        exact: rate((r) => r.exact),
        valid: rate((r) => r.valid),
        functional: rate((r) => r.functional),
        trainConsistent: rate((r) => r.trainConsistent),
        passAtK: passAt,
        verifiedAt1: mean(perTask.map((list) => (list.find((r) => r.trainConsistent)?.functional ? 1 : 0))),
        failures,
    };
}
