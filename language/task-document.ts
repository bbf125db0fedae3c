import type * as ast from './generated/ast.js';
import { printDocument, printProgram } from './printer.js';

/** A task in the standard ARC JSON format: `{"train": [{"input", "output"}], "test": [...]}`. */
export interface ArcTask {
    train: ArcPair[];
    test: ArcPair[];
}

export interface ArcPair {
    input: number[][];
    /** Always present for train pairs; a test pair may leave it out. */
    output?: number[][];
}

/** The task block of a document (plain AST data, for the printer). */
export function taskNode(task: ArcTask, name: string, family: string | undefined): ast.Task {
    const grid = (rows: number[][]) => ({ $type: 'GridLiteral', rows: rows.map((cells) => ({ $type: 'GridRow', cells })) });
    const pairs = (['train', 'test'] as const).flatMap((kind) =>
        task[kind].map((pair) => ({
            $type: 'Pair',
            kind,
            input: grid(pair.input),
            ...(pair.output ? { output: grid(pair.output) } : {}),
        })),
    );
    return { $type: 'Task', name, ...(family === undefined ? {} : { family }), pairs } as unknown as ast.Task;
}

/** The grids of a document's task block, in ARC JSON form (train pairs first, as in the block). */
export function arcTaskOf(task: ast.Task): ArcTask {
    const rows = (grid: ast.GridLiteral) => grid.rows.map((row) => [...row.cells]);
    const result: ArcTask = { train: [], test: [] };
    for (const pair of task.pairs) {
        result[pair.kind].push(pair.output ? { input: rows(pair.input), output: rows(pair.output) } : { input: rows(pair.input) });
    }
    return result;
}

export interface TaskDocumentOptions {
    name: string;
    family?: string;
    /** The program (statements, e.g. a dataset's solution); without it a placeholder `output = input`. */
    program?: string;
    /** A line comment put between the task block and the program (without `//`). */
    note?: string;
}

/** A whole `.arcdsl` document for a task: the canonical task block, an optional note, then the program. */
export function taskDocumentText(task: ArcTask, options: TaskDocumentOptions): string {
    const taskText = printDocument({
        $type: 'Document',
        task: taskNode(task, options.name, options.family),
        statements: [],
    } as unknown as ast.Document);
    const program =
        options.program?.trimEnd().concat('\n') ??
        printProgram({
            $type: 'Document',
            statements: [{ $type: 'OutputStatement', value: { $type: 'InputRef' } }],
        } as unknown as ast.Document);
    const note = options.note ? `// ${options.note}\n` : '';
    return `${taskText}\n${note}${program}`;
}
