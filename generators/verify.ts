import { mostColor } from '../language/builtins/grid-analysis.js';
import { DslError } from '../language/errors.js';
import type { Grid } from '../language/grid.js';
import type { CompiledProgram } from '../language/interpreter.js';
import { reject, type SizeRange, type Task } from './family.js';
import type { ProgramPool } from './programs.js';

/**
 * Accepts a candidate only if it is a learnable task: every pair changes something, no output is
 * all background, the pairs are distinct, the ONE program reproduces every train and test output
 * when run by the interpreter, and no competing reading of the rule also explains the train pairs.
 * Returns the canonical program text; throws a Rejection naming the first failed check.
 */
export async function verifyTask(task: Task, pool: ProgramPool, sizes: SizeRange): Promise<string> {
    const { pairs } = task;
    for (let i = 0; i < pairs.length; i++) {
        const { input, output } = pairs[i];
        if (input.height < sizes.min || input.width < sizes.min || input.height > sizes.max || input.width > sizes.max) {
            reject('size', `input ${input.size} is outside ${sizes.min}–${sizes.max}`);
        }
        if (output.equals(input)) reject('identity');
        if (isAll(output, mostColor(input))) reject('all-background');
        for (let j = 0; j < i; j++) if (pairs[j].input.equals(input)) reject('duplicate-pair');
    }

    const { canonical, program } = pool.loadWithoutParse(task.program) ?? (await pool.load(task.program));
    for (const { input, output } of pairs) {
        const actual = runQuietly(program, input);
        if (actual === undefined) reject('runtime-error');
        if (!actual.equals(output)) reject('mismatch');
    }

    const train = pairs.slice(0, -1);
    for (const text of task.competitors) {
        const rival = (pool.loadWithoutParse(text) ?? (await pool.load(text))).program;
        if (train.every(({ input, output }) => runQuietly(rival, input)?.equals(output))) reject('ambiguous', text);
    }
    return canonical;
}

/**
 * The program's output, or undefined if the run fails with a DSL error (other errors are bugs and
 * propagate). Most rival readings fail on some input, and a failed run is only a "no": its errors
 * are made without stack traces, which V8 would otherwise capture for each one. A bug is run again
 * with stack traces on, so it still propagates with its stack.
 */
export function runQuietly(program: CompiledProgram, input: Grid): Grid | undefined {
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
        return program.run(input);
    } catch (error) {
        if (error instanceof DslError) return undefined;
    } finally {
        Error.stackTraceLimit = stackTraceLimit;
    }
    return program.run(input);
}

function isAll(grid: Grid, color: number): boolean {
    const cells = grid.cells;
    for (let i = 0; i < cells.length; i++) if (cells[i] !== color) return false;
    return true;
}
