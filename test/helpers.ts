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

/** Runs a program (text) on an input grid and returns the output rows. */
export async function runProgram(program: string, input: number[][]): Promise<number[][]> {
    const { program: compiled } = await compileText(program);
    return compiled.run(Grid.fromRows(input)).toRows();
}
