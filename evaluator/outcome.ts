import type { Limits } from '../language/budget.js';
import type { Rows } from './task.js';

/**
 * How a candidate ended. `ok`: it ran on the test input (the output may still be wrong). `parse` and
 * `type`: it is not a valid program. `runtime` and `budget` (step or cell budget spent): the
 * interpreter stopped it on the test input. `timeout` and `crash`: the sandbox killed or lost the
 * worker running it.
 */
export type OutcomeStatus = 'ok' | 'parse' | 'type' | 'runtime' | 'budget' | 'timeout' | 'crash';

export interface ExecutionOutcome {
    status: OutcomeStatus;
    /** The first error (or why the worker was lost), one line. */
    message?: string;
    /** Parses and type-checks. */
    valid: boolean;
    /** Same canonical text as the reference solution. */
    exact: boolean;
    /** Train pairs whose output the program reproduced. */
    trainPassed: number;
    trainTotal: number;
    /** The test output matches. */
    functional: boolean;
    /** The program's test output when it differs from the expected one. */
    got?: Rows;
}

/** The task as a sandbox worker receives it (once per worker). */
export interface SandboxTask {
    id: string;
    solution: string;
    train: { input: Rows; output: Rows }[];
    test: { input: Rows; output: Rows };
}

export type ParentMessage =
    | { type: 'config'; limits: Limits }
    | { type: 'task'; task: SandboxTask }
    | { type: 'jobs'; jobs: { key: number; taskId: string; program: string; checkOnly: boolean }[] };

export type WorkerMessage = { type: 'ready' } | { type: 'result'; key: number; outcome: ExecutionOutcome };
