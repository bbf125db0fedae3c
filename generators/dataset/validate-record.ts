import { FAMILIES, type Family } from '../../language/colors.js';
import { DslError } from '../../language/errors.js';
import type { Document } from '../../language/generated/ast.js';
import { Grid, gridProblem } from '../../language/grid.js';
import type { CompiledProgram } from '../../language/interpreter.js';
import { compileText } from '../../language/load.js';
import { printProgram } from '../../language/printer.js';
import { type FormProgram, ProgramForms } from '../../language/program-forms.js';
import { type CellRecord, recordGrid } from './cell-record.js';
import { RecordError } from './record-error.js';

export interface GridPair {
    input: number[][];
    output: number[][];
}

/** A generator record after its shape and grids were checked (the solution not yet run). */
export interface TaskRecord {
    id: string;
    task_type: Family;
    sub_rule: string | null;
    solution: string;
    train: GridPair[];
    test: GridPair;
}

export const MIN_TRAIN_PAIRS = 2;
export const MAX_TRAIN_PAIRS = 5;

const FAMILY_SET: ReadonlySet<string> = new Set(FAMILIES);
const EXTRA_PAIR = /^train_(?:input|output)(\d+)$/;

/**
 * Checks a parsed JSONL value against the record schema: `id`, `task_type` (a known family),
 * optional `sub_rule`, `train_input1`/`train_output1` … (2–5 pairs, numbered without gaps),
 * `test_input`, `test_output`, `solution`. Other fields are ignored.
 */
export function recordFromJson(value: unknown, file: string, line: number): TaskRecord {
    const fail = (field: string | undefined, reason: RecordError['reason'], detail: string) =>
        new RecordError(file, line, field, reason, detail);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw fail(undefined, 'missing or mistyped field', 'a record must be a JSON object');
    }
    const fields = value as Record<string, unknown>;
    const text = (name: string): string => {
        const v = fields[name];
        if (v === undefined) throw fail(name, 'missing or mistyped field', `${name} is missing`);
        if (typeof v !== 'string' || v.length === 0) throw fail(name, 'missing or mistyped field', `${name} must be a non-empty string`);
        return v;
    };
    const grid = (name: string): number[][] => {
        const v = fields[name];
        if (v === undefined) throw fail(name, 'missing or mistyped field', `${name} is missing`);
        const problem = gridProblem(v, name);
        if (problem) throw fail(name, 'invalid grid', problem);
        return v as number[][];
    };

    const id = text('id');
    const family = text('task_type');
    if (!FAMILY_SET.has(family)) {
        throw fail('task_type', 'unknown family', `task_type ${JSON.stringify(family)} is not a family (${FAMILIES.join(', ')})`);
    }
    const subRule = fields.sub_rule;
    if (subRule !== undefined && subRule !== null && typeof subRule !== 'string') {
        throw fail('sub_rule', 'missing or mistyped field', 'sub_rule must be a string');
    }
    const train: GridPair[] = [];
    for (let i = 1; i <= MAX_TRAIN_PAIRS; i++) {
        if (i > MIN_TRAIN_PAIRS && fields[`train_input${i}`] === undefined && fields[`train_output${i}`] === undefined) break;
        train.push({ input: grid(`train_input${i}`), output: grid(`train_output${i}`) });
    }
    for (const key in fields) {
        const match = EXTRA_PAIR.exec(key);
        if (match && Number(match[1]) > train.length) {
            const why =
                Number(match[1]) > MAX_TRAIN_PAIRS ? `at most ${MAX_TRAIN_PAIRS} train pairs` : `train pair ${train.length + 1} is missing`;
            throw fail(key, 'missing or mistyped field', `${key} is given but ${why}`);
        }
    }
    const test = { input: grid('test_input'), output: grid('test_output') };
    const solution = text('solution');
    return { id, task_type: family as Family, sub_rule: (subRule as string | null | undefined) ?? null, solution, train, test };
}

/** A solution's verdict: its program, why it does not compile, or the canonical text it should have been. */
type Verdict = CompiledProgram | DslError | { canonical: string };

/**
 * Runs each record's solution on every pair. Programs are compiled once per distinct text; the cache
 * is bounded so a dataset with very many programs does not hold every compiled AST.
 *
 * A text that differs from a checked, error-free text only in its literals is not parsed again
 * (ProgramForms): it parses to the same tree and checks the same way, so it is canonical exactly when
 * the printer's print of that tree with its literals is the text.
 */
export class SolutionVerifier {
    private readonly cache = new Map<string, Verdict>();
    private readonly forms: ProgramForms;
    /** Texts parsed and checked by the language services. */
    parsed = 0;
    /** Texts built from a checked text of the same form. */
    instantiated = 0;

    constructor(private readonly maxCached = 20_000) {
        this.forms = new ProgramForms(Math.min(maxCached, 4096));
    }

    /** Throws a RecordError if the solution does not compile, is not canonical or misses a pair; a promise only while a new text is parsed. */
    verify(record: CellRecord, file: string, line: number): Promise<void> | undefined {
        const verdict = this.cache.get(record.solution) ?? this.withoutParse(record.solution);
        if (verdict) {
            this.run(verdict, record, file, line);
            return undefined;
        }
        return this.parse(record.solution).then((parsed) => this.run(parsed, record, file, line));
    }

    private run(verdict: Verdict, record: CellRecord, file: string, line: number): void {
        if (verdict instanceof DslError) {
            throw new RecordError(file, line, 'solution', 'solution does not compile', `solution does not compile: ${located(verdict)}`);
        }
        if ('canonical' in verdict) {
            // Dedupe, the split by program and exact match all compare canonical text.
            const detail = `solution is not in canonical form (as language/printer.ts prints it): expected ${JSON.stringify(verdict.canonical)}`;
            throw new RecordError(file, line, 'solution', 'solution is not canonical', detail);
        }
        for (let p = 0; p <= record.trainPairs; p++) check(verdict, record, p, file, line);
    }

    /** The verdict of a text of a form checked before, built without a parse; undefined when the text needs one. */
    private withoutParse(solution: string): Verdict | undefined {
        let built: FormProgram | undefined;
        try {
            built = this.forms.lookup(solution);
        } catch {
            return undefined; // the text's own parse gives the verdict
        }
        if (!built) return undefined;
        this.instantiated++;
        const verdict = built.canonical === solution ? built.program : { canonical: built.canonical };
        this.remember(solution, verdict);
        return verdict;
    }

    private async parse(solution: string): Promise<Verdict> {
        const cached = this.cache.get(solution) ?? this.withoutParse(solution);
        if (cached) return cached;
        let verdict: Verdict;
        let checked: Document | undefined;
        this.parsed++;
        try {
            const { program, document } = await compileText(solution);
            checked = document;
            const canonical = printProgram(document, { comments: false });
            verdict = canonical === solution ? program : { canonical };
        } catch (error) {
            verdict = error instanceof DslError ? error : new DslError(String((error as Error).message ?? error), 'parse');
        }
        if (checked) this.forms.remember(solution, checked);
        this.remember(solution, verdict);
        return verdict;
    }

    private remember(solution: string, verdict: Verdict): void {
        if (this.cache.size >= this.maxCached) this.cache.delete(this.cache.keys().next().value as string);
        this.cache.set(solution, verdict);
    }
}

const TRAIN_FIELDS = Array.from({ length: MAX_TRAIN_PAIRS }, (_, i) => [`train_input${i + 1}`, `train_output${i + 1}`] as const);
const TEST_FIELDS = ['test_input', 'test_output'] as const;

/** Runs the program on the input of pair p of the record (the test pair after the train pairs) and compares with its output. */
function check(program: CompiledProgram, record: CellRecord, p: number, file: string, line: number): void {
    const g = 2 * p;
    const [inputField, outputField] = p < record.trainPairs ? TRAIN_FIELDS[p] : TEST_FIELDS;
    let actual: Grid;
    try {
        actual = program.run(recordGrid(record, g));
    } catch (error) {
        const message = error instanceof DslError ? located(error) : String((error as Error).message ?? error);
        throw new RecordError(file, line, 'solution', 'solution fails', `solution fails on ${inputField}: ${message}`);
    }
    const { cells, layout } = record;
    const start = layout[3 * g + 3];
    const height = layout[3 * g + 4];
    const width = layout[3 * g + 5];
    if (actual.height === height && actual.width === width) {
        const got = actual.cells;
        let i = 0;
        while (i < got.length && got[i] === cells[start + i]) i++;
        if (i === got.length) return;
    }
    throw new RecordError(
        file,
        line,
        outputField,
        'solution gives a different output',
        `the solution run on ${inputField} does not give ${outputField}: ${difference(actual, recordGrid(record, g + 1))}`,
    );
}

/** A grid from rows already checked by gridProblem. */
export function gridOf(rows: number[][]): Grid {
    const height = rows.length;
    const width = rows[0].length;
    const cells = new Uint8Array(height * width);
    for (let r = 0; r < height; r++) cells.set(rows[r], r * width);
    return new Grid(height, width, cells);
}

function difference(actual: Grid, expected: Grid): string {
    if (actual.height !== expected.height || actual.width !== expected.width) {
        return `it gives a ${actual.size} grid, the record has ${expected.size}`;
    }
    for (let i = 0; i < actual.cells.length; i++) {
        if (actual.cells[i] !== expected.cells[i]) {
            const row = Math.floor(i / actual.width);
            const col = i % actual.width;
            return `cell (${row}, ${col}) is ${actual.cells[i]}, the record has ${expected.cells[i]}`;
        }
    }
    return 'the grids differ';
}

function located(error: DslError): string {
    return error.range ? `${error.message} (line ${error.range.start.line + 1}, column ${error.range.start.character + 1})` : error.message;
}
