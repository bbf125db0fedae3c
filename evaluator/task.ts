import { type DatasetRow, readSplit, taskOfRow } from '../generators/dataset/read-dataset.js';

export type Rows = number[][];

export interface EvalPair {
    input: Rows;
    output: Rows;
}

/** One task of the evaluated split: what the model is prompted with and what its programs are scored against. */
export interface EvalTask {
    id: string;
    family: string;
    /** The dataset's `prompt` column: the text the trainer trained on, made by language/prompt.ts. */
    prompt: string;
    /** The reference program (canonical text). */
    solution: string;
    train: EvalPair[];
    test: EvalPair;
}

/** Reads the first `limit` tasks of a split (all when limit is undefined). */
export async function loadTasks(dataset: string, split: string, limit?: number): Promise<EvalTask[]> {
    const tasks: EvalTask[] = [];
    if (limit === 0) return tasks;
    for await (const row of readSplit(dataset, split)) {
        tasks.push(taskOfDatasetRow(row, tasks.length));
        if (limit !== undefined && tasks.length >= limit) break;
    }
    return tasks;
}

function taskOfDatasetRow(row: DatasetRow, index: number): EvalTask {
    const text = (name: string): string => {
        const value = row[name];
        if (typeof value !== 'string') throw new TaskFormatError(`row ${index}: column '${name}' is missing or not a string`);
        return value;
    };
    const { train, test } = taskOfRow(row);
    if (!test.input || !test.output) throw new TaskFormatError(`row ${index}: test_input/test_output missing`);
    const pairs = train.map((pair) => ({ input: pair.input as Rows, output: pair.output as Rows }));
    return { id: text('id'), family: text('task_type'), prompt: text('prompt'), solution: text('solution'), train: pairs, test };
}

export class TaskFormatError extends Error {}
