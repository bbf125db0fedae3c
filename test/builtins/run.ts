import assert from 'node:assert/strict';
import { DEFAULT_LIMITS } from '../../language/budget.js';
import { DslError } from '../../language/errors.js';
import { Grid } from '../../language/grid.js';
import type { RunTrace } from '../../language/interpreter.js';
import { compileText } from '../../language/load.js';
import { GridObject, type Value } from '../../language/values.js';

export { runProgram } from '../helpers.js';

/** A grid written as in the DSL, rows split by `|`: `rows('0 1 | 1 0')`. */
export function rows(text: string): number[][] {
    return text.split('|').map((row) => row.trim().split(/\s+/).map(Number));
}

/** A value as plain data: grids as rows, objects as `[row, col, colour]` cells in their order. */
export function plain(value: Value): unknown {
    if (value instanceof Grid) return value.toRows();
    if (value instanceof GridObject) return Array.from(value.rows, (r, i) => [r, value.cols[i], value.colors[i]]);
    if (Array.isArray(value)) return value.map(plain);
    return value;
}

/** Evaluates one DSL expression (any type) against an input grid, through the real checker and interpreter. */
export async function evaluate(expression: string, input: number[][]): Promise<unknown> {
    const { program } = await compileText(`let value = ${expression}\noutput = input\n`);
    const trace: RunTrace = { lets: [] };
    program.run(Grid.fromRows(input), DEFAULT_LIMITS, trace);
    return plain(trace.lets[0].value);
}

/** Runs `output = expression` on the input and returns the output rows. */
export async function output(expression: string, input: number[][]): Promise<number[][]> {
    const { program } = await compileText(`output = ${expression}\n`);
    return program.run(Grid.fromRows(input)).toRows();
}

/**
 * Runs `output = expression`, expects a runtime error, and returns its message and the source text
 * its range covers, e.g. `{ message: 'cell: point (7, 2) is outside the 5×5 grid', at: '(7, 2)' }`.
 */
export async function faultOf(expression: string, input: number[][]): Promise<{ message: string; at: string }> {
    const text = `output = ${expression}\n`;
    const { program } = await compileText(text);
    try {
        program.run(Grid.fromRows(input));
    } catch (error) {
        assert.ok(error instanceof DslError, `not a DslError: ${error}`);
        assert.ok(error.range, `no source range: ${error.message}`);
        const lines = text.split('\n');
        const { start, end } = error.range;
        assert.equal(start.line, end.line, 'a one-line range');
        return { message: error.message, at: lines[start.line].slice(start.character, end.character) };
    }
    assert.fail(`expected an error from: ${expression}`);
}
