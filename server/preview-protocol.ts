// The custom LSP messages between the server and the VS Code client. Types only (plus the method
// names), so the client can import them without pulling server code into its bundle.

/** Request: the Grid Preview of one document. */
export const PREVIEW_REQUEST = 'arcdsl/preview';
/** Notification from the server after each verification of a document. */
export const STATUS_NOTIFICATION = 'arcdsl/status';

export interface PreviewParams {
    uri: string;
}

export type Rows = number[][];

import type { PairStatus, TaskStatus } from '../language/verify-task.js';

export type { PairStatus, TaskStatus };

export interface PreviewGrid {
    /** The `let` name. */
    name: string;
    rows: Rows;
    /** 0-based line of the `let`. */
    line: number;
}

export interface PreviewPair {
    /** e.g. `train 2`, `test 1` */
    label: string;
    kind: 'train' | 'test';
    status: PairStatus;
    /** The mismatch or runtime error, e.g. `3 cells differ, first at row 1, col 4`. */
    message?: string;
    input: Rows;
    expected?: Rows;
    actual?: Rows;
    /** Cells `[row, col]` where actual differs from expected (both the same size). */
    diff: [number, number][];
    /** Every `let` whose value on this pair's input is a grid, in program order. */
    lets: PreviewGrid[];
    /** 0-based line of the pair in the document. */
    line: number;
}

export interface PreviewProblem {
    message: string;
    line: number;
}

export interface PreviewResult {
    uri: string;
    version: number;
    /** The task name, or the file name without a task. */
    title: string;
    family?: string;
    status: TaskStatus;
    /** One line for the status bar, e.g. `3/3 pairs pass`. */
    summary: string;
    /** Display colour of each ARC colour 0–9 (`#rrggbb`). */
    palette: string[];
    /** Errors that keep the program from running (first few). */
    problems: PreviewProblem[];
    pairs: PreviewPair[];
}

export interface StatusParams {
    uri: string;
    version: number;
    status: TaskStatus;
    summary: string;
    passed: number;
    total: number;
}
