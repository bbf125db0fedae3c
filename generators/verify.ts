import { mostColor } from '../language/builtins/grid-analysis.js';
import type { Grid } from '../language/grid.js';
import { type CompiledProgram, SharedValues } from '../language/interpreter.js';
import { type Pair, reject, type SizeRange, type Task } from './family.js';
import type { LoadedProgram, ProgramPool } from './programs.js';

/**
 * Accepts a candidate only if it is a learnable task: every pair changes something, no output is
 * all background, the pairs are distinct, the ONE program reproduces every train and test output
 * when run by the interpreter, and no competing reading of the rule also explains the train pairs.
 * Returns the canonical program text; throws a Rejection naming the first failed check.
 *
 * The answer is a promise only when a program text must be parsed first; a candidate whose texts
 * the pool has (or builds from a parsed form) is verified at once, with no promise or microtask.
 */
export function verifyTask(task: Task, pool: ProgramPool, sizes: SizeRange): string | Promise<string> {
    const outcome = verifyLoaded(task, pool, sizes, undefined);
    return typeof outcome === 'string' ? outcome : parseThenVerify(task, pool, sizes, outcome);
}

/** A text the pool cannot give without a parse; verification stopped before it. */
class Unparsed {
    constructor(readonly text: string) {}
}

/**
 * Verifies again, from the start, after parsing each text that stopped it. The texts parsed here are
 * held apart from the pool, so a small pool that drops them cannot make this loop forever.
 */
async function parseThenVerify(task: Task, pool: ProgramPool, sizes: SizeRange, first: Unparsed): Promise<string> {
    const parsed = new Map<string, LoadedProgram>();
    for (let missing = first; ; ) {
        parsed.set(missing.text, await pool.load(missing.text));
        const outcome = verifyLoaded(task, pool, sizes, parsed);
        if (typeof outcome === 'string') return outcome;
        missing = outcome;
    }
}

function verifyLoaded(task: Task, pool: ProgramPool, sizes: SizeRange, parsed: Map<string, LoadedProgram> | undefined): string | Unparsed {
    const { pairs, competitors } = task;
    checkPairs(pairs, sizes);
    const loaded = parsed?.get(task.program) ?? pool.loadWithoutParse(task.program);
    if (!loaded) return new Unparsed(task.program);
    // Most rival readings fail on some input, and a failed run is only a "no": its faults are made
    // without stack traces, which V8 would otherwise capture for each one. Set once per candidate.
    stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    // The program and its rivals mostly begin alike (`let objs = objects(input)`): such a value is
    // computed once per input and charged to every run that uses it (see SharedValues).
    const shared = new SharedValues();
    try {
        for (let i = 0; i < pairs.length; i++) {
            const { input, output } = pairs[i];
            const actual = outputOf(loaded.program, input, shared);
            if (actual === undefined) reject('runtime-error');
            if (!actual.equals(output)) reject('mismatch');
        }
        const train = pairs.length - 1;
        const failsOn = task.competitorFailsOn;
        for (let c = 0; c < competitors.length; c++) {
            const text = competitors[c];
            const rival = parsed?.get(text) ?? pool.loadWithoutParse(text);
            if (!rival) return new Unparsed(text);
            if (explainsAll(rival.program, pairs, train, failsOn?.[c] ?? 0, shared)) reject('ambiguous', text);
        }
    } finally {
        Error.stackTraceLimit = stackTraceLimit;
    }
    return loaded.canonical;
}

/** Error.stackTraceLimit outside verifyLoaded. */
let stackTraceLimit = Error.stackTraceLimit;

/**
 * The program's output, or undefined if the run fails with a DSL fault. Other errors are bugs: the
 * run is made again with stack traces on, so the bug propagates with its stack.
 */
function outputOf(program: CompiledProgram, input: Grid, shared: SharedValues): Grid | undefined {
    try {
        return program.tryRun(input, undefined, shared);
    } catch {
        Error.stackTraceLimit = stackTraceLimit;
        return program.run(input);
    }
}

/**
 * Whether a rival reproduces every one of the first `train` pairs, run through the interpreter until
 * one fails, starting at pair `first` (where it is expected to fail), then the others in order: the
 * verdict does not depend on the order, only the work does.
 */
function explainsAll(program: CompiledProgram, pairs: Pair[], train: number, first: number, shared: SharedValues): boolean {
    const start = first > 0 && first < train ? first : 0;
    for (let k = 0; k < train; k++) {
        const i = k === 0 ? start : k <= start ? k - 1 : k;
        const { input, output } = pairs[i];
        const actual = outputOf(program, input, shared);
        if (actual === undefined || !actual.equals(output)) return false;
    }
    return true;
}

function checkPairs(pairs: Pair[], sizes: SizeRange): void {
    for (let i = 0; i < pairs.length; i++) {
        const { input, output } = pairs[i];
        if (input.height < sizes.min || input.width < sizes.min || input.height > sizes.max || input.width > sizes.max) {
            reject('size', `input ${input.size} is outside ${sizes.min}–${sizes.max}`);
        }
        if (output.equals(input)) reject('identity');
        // Only an output of one colour (rare) needs the input's colours counted.
        if (isAll(output, output.cells[0]) && isAll(output, mostColor(input))) reject('all-background');
        for (let j = 0; j < i; j++) if (pairs[j].input.equals(input)) reject('duplicate-pair');
    }
}

function isAll(grid: Grid, color: number): boolean {
    const cells = grid.cells;
    for (let i = 0; i < cells.length; i++) if (cells[i] !== color) return false;
    return true;
}
