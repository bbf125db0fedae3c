import { Grid } from '../language/grid.js';
import { checkText, compileText, diagnosticText } from '../language/load.js';

export { checkText };

/** Diagnostics as `line:col severity message` (1-based) — compact to assert on. */
export async function diagnosticsOf(text: string): Promise<string[]> {
    const { diagnostics } = await checkText(text);
    return diagnostics.map(
        (d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity === 1 ? 'error' : 'warning'} ${diagnosticText(d)}`,
    );
}

export function grid(rows: number[][]): Grid {
    return Grid.fromRows(rows);
}

/**
 * Three pairs of a quarter turn clockwise (two train pairs, then the test pair). On these grids the
 * turn is also a transpose then a mirror: a second reading that explains the train pairs.
 */
export function quarterTurnPairs(): { input: Grid; output: Grid }[] {
    const turn = (rows: number[][]) => ({ input: grid(rows), output: grid(rows[0].map((_, c) => rows.map((row) => row[c]).reverse())) });
    return [
        turn([
            [1, 2],
            [0, 0],
        ]),
        turn([
            [3, 0, 0],
            [0, 0, 4],
        ]),
        turn([
            [0, 5],
            [6, 0],
            [0, 0],
        ]),
    ];
}

/** Runs a program (text) on an input grid and returns the output rows. */
export async function runProgram(program: string, input: number[][]): Promise<number[][]> {
    const { program: compiled } = await compileText(program);
    return compiled.run(Grid.fromRows(input)).toRows();
}
