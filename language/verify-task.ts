import { interruptAndCheck } from 'langium';
import { CancellationToken, type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import { DslError, type SourceRange } from './errors.js';
import * as ast from './generated/ast.js';
import { Grid } from './grid.js';
import { type CompiledProgram, compileProgram, type RunTrace } from './interpreter.js';

/**
 * pass/fail: the program ran and its output matched / did not match; error: it stopped with a
 * runtime error; unchecked: a test pair without an expected output; not-run: the program was not run
 * (it has errors, or there is nothing to run).
 */
export type PairStatus = 'pass' | 'fail' | 'error' | 'unchecked' | 'not-run';

/** The whole task: every pair passes, some fail, the program has errors so it did not run, or there is no task. */
export type TaskStatus = 'pass' | 'fail' | 'invalid' | 'no-task';

export const VerificationCodes = {
    Mismatch: 'verification-mismatch',
    RuntimeError: 'runtime-error',
} as const;

/** One pair of the task and what the program did with it. */
export interface PairRun {
    pair: ast.Pair;
    /** e.g. `train 2` (pairs are numbered from 1 within their kind). */
    label: string;
    status: PairStatus;
    /** The mismatch or the runtime error message, without the label. */
    message?: string;
    actual?: Grid;
    error?: DslError;
    /** Cells `[row, col]` where actual and expected differ (when both have the same size). */
    diff: [number, number][];
    /** The value of every `let` that ran, in order. */
    trace: RunTrace;
}

export interface Verification {
    /** Whether the program ran: the document has pairs and passed the checker. */
    ran: boolean;
    pairs: PairRun[];
    status: TaskStatus;
    summary: string;
    passed: number;
    /** Pairs with an expected output. */
    total: number;
}

export async function verifyTask(document: ast.Document, errorCount: number, cancelToken = CancellationToken.None): Promise<Verification> {
    const pairs = labelled(document.task?.pairs ?? []);
    if (pairs.length === 0) return summarize(false, [], 0);
    if (errorCount > 0) return summarize(false, pairs.map(notRun), errorCount);
    let program: CompiledProgram;
    try {
        program = compileProgram(document);
    } catch (error) {
        if (!(error instanceof DslError)) throw error;
        return summarize(
            true,
            pairs.map((p) => ({ ...notRun(p), status: 'error', message: error.message, error })),
            0,
        );
    }
    const runs: PairRun[] = [];
    let exhausted: PairRun | undefined;
    for (const { pair, label } of pairs) {
        if (exhausted) {
            // A program that ran out of budget once would very likely again: keep the editor responsive.
            runs.push({ ...notRun({ pair, label }), message: `not run: ${exhausted.label} ran out of budget` });
            continue;
        }
        await interruptAndCheck(cancelToken);
        const run = runPair(program, pair, label);
        if (run.error?.kind === 'budget') exhausted = run;
        runs.push(run);
    }
    return summarize(true, runs, 0);
}

function runPair(program: CompiledProgram, pair: ast.Pair, label: string): PairRun {
    const trace: RunTrace = { lets: [] };
    let actual: Grid;
    try {
        actual = program.run(gridOf(pair.input), undefined, trace);
    } catch (error) {
        if (!(error instanceof DslError)) throw error;
        return { pair, label, status: 'error', message: error.message, error, diff: [], trace };
    }
    if (!pair.output) return { pair, label, status: 'unchecked', actual, diff: [], trace };
    const { message, diff } = compareGrids(gridOf(pair.output), actual);
    return { pair, label, status: message ? 'fail' : 'pass', message, actual, diff, trace };
}

/** How an actual output differs from the expected one; no message when they are equal. */
export function compareGrids(expected: Grid, actual: Grid): { message?: string; diff: [number, number][] } {
    if (expected.height !== actual.height || expected.width !== actual.width) {
        return { message: `expected ${expected.size}, got ${actual.size}`, diff: [] };
    }
    const diff: [number, number][] = [];
    for (let i = 0; i < expected.cells.length; i++) {
        if (expected.cells[i] !== actual.cells[i]) diff.push([Math.floor(i / expected.width), i % expected.width]);
    }
    if (diff.length === 0) return { diff };
    const [row, col] = diff[0];
    const count = diff.length === 1 ? '1 cell differs' : `${diff.length} cells differ`;
    return { message: `${count}, first at row ${row}, col ${col}`, diff };
}

/**
 * Diagnostics for a verification: each mismatch on the `output` statement, each runtime error at its
 * range. The same error on several pairs is reported once, naming every pair.
 */
export function verificationDiagnostics(document: ast.Document, verification: Verification): Diagnostic[] {
    const output = document.statements.find(ast.isOutputStatement);
    const fallback = output?.$cstNode?.range ??
        document.$cstNode?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const diagnostics: Diagnostic[] = [];
    const byError = new Map<string, { range: SourceRange; message: string; labels: string[] }>();
    for (const run of verification.pairs) {
        if (run.status === 'fail') {
            diagnostics.push({
                severity: DiagnosticSeverity.Error,
                range: fallback,
                message: `${run.label}: ${run.message}`,
                source: 'arcdsl',
                code: VerificationCodes.Mismatch,
            });
        } else if (run.status === 'error' && run.error) {
            const range = run.error.range ?? fallback;
            const key = `${JSON.stringify(range)} ${run.error.message}`;
            const entry = byError.get(key);
            if (entry) entry.labels.push(run.label);
            else byError.set(key, { range, message: run.error.message, labels: [run.label] });
        }
    }
    for (const { range, message, labels } of byError.values()) {
        diagnostics.push({
            severity: DiagnosticSeverity.Error,
            range,
            message: `${labels.join(', ')}: ${message}`,
            source: 'arcdsl',
            code: VerificationCodes.RuntimeError,
        });
    }
    return diagnostics;
}

export function gridOf(literal: ast.GridLiteral): Grid {
    return Grid.fromRows(literal.rows.map((row) => row.cells));
}

function labelled(pairs: ast.Pair[]): { pair: ast.Pair; label: string }[] {
    const counts = { train: 0, test: 0 };
    return pairs.map((pair) => ({ pair, label: `${pair.kind} ${++counts[pair.kind as 'train' | 'test']}` }));
}

function notRun({ pair, label }: { pair: ast.Pair; label: string }): PairRun {
    return { pair, label, status: 'not-run', diff: [], trace: { lets: [] } };
}

function summarize(ran: boolean, pairs: PairRun[], errorCount: number): Verification {
    const checked = pairs.filter((p) => p.pair.output !== undefined);
    const passed = checked.filter((p) => p.status === 'pass').length;
    const total = checked.length;
    let status: TaskStatus;
    let summary: string;
    if (pairs.length === 0) {
        status = 'no-task';
        summary = 'no task';
    } else if (!ran) {
        status = 'invalid';
        summary = `the program has ${errorCount === 1 ? '1 error' : `${errorCount} errors`}`;
    } else {
        const failed = pairs.some((p) => p.status === 'fail' || p.status === 'error');
        status = failed ? 'fail' : 'pass';
        summary = `${passed}/${total} pairs pass`;
    }
    return { ran, pairs, status, summary, passed, total };
}
