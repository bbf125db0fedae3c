import { gridProblem } from '../language/grid.js';
import type { ArcTask } from '../language/task-document.js';
import { UsageError } from './command.js';

/** Checks parsed JSON against the ARC task format; a UsageError names the file and the place. */
export function arcTaskFrom(json: unknown, file: string): ArcTask {
    const bad = (message: string): never => {
        throw new UsageError(`${file}: ${message}`);
    };
    if (json === null || typeof json !== 'object' || Array.isArray(json))
        bad('not an ARC task: expected an object with "train" and "test"');
    const record = json as Record<string, unknown>;
    const task: ArcTask = { train: [], test: [] };
    for (const kind of ['train', 'test'] as const) {
        const pairs = record[kind];
        if (pairs === undefined) bad(`missing "${kind}": an ARC task has "train" and "test" lists of {"input", "output"}`);
        if (!Array.isArray(pairs)) bad(`"${kind}" must be a list of {"input", "output"} pairs`);
        if (kind === 'train' && (pairs as unknown[]).length === 0) bad('"train" is empty');
        (pairs as unknown[]).forEach((pair, i) => {
            const where = `${kind}[${i}]`;
            if (pair === null || typeof pair !== 'object' || Array.isArray(pair))
                bad(`${where} must be an object with "input" and "output"`);
            const { input, output } = pair as Record<string, unknown>;
            if (input === undefined) bad(`${where} has no "input"`);
            if (output === undefined && kind === 'train') bad(`${where} has no "output"`);
            for (const [name, grid] of [
                ['input', input],
                ['output', output],
            ] as const) {
                if (grid === undefined) continue;
                const problem = gridProblem(grid, `${where}.${name}`);
                if (problem) bad(problem);
            }
            task[kind].push(
                output === undefined ? { input: input as number[][] } : { input: input as number[][], output: output as number[][] },
            );
        });
    }
    return task;
}

/** The task as ARC JSON text, compact like the public data set's files. */
export function arcTaskJson(task: ArcTask): string {
    return `${JSON.stringify(task)}\n`;
}
