import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Data, DataType, type RecordBatch, RecordBatchReader, type Vector } from 'apache-arrow';
import type { PromptTask } from '../../language/prompt.js';
import { DatasetBuildError } from './build-error.js';

/** A dataset row, by column name: strings, numbers, grids as rows of colours, or null. */
export type DatasetRow = Record<string, string | number | number[][] | null>;

export interface DatasetSplit {
    name: string;
    dir: string;
    files: string[];
    /** From dataset_info.json when it says so; otherwise undefined until the split is read. */
    rows: number | undefined;
    features: Record<string, unknown>;
}

export interface DatasetOnDisk {
    dir: string;
    splits: DatasetSplit[];
}

/** Reads a DatasetDict's layout (dataset_dict.json, each split's state.json and dataset_info.json). */
export function openDataset(dir: string): DatasetOnDisk {
    const dict = readJson(join(dir, 'dataset_dict.json')) as { splits?: unknown };
    if (!Array.isArray(dict.splits) || !dict.splits.every((s) => typeof s === 'string')) {
        throw new DatasetBuildError(`${join(dir, 'dataset_dict.json')}: "splits" must be a list of split names`);
    }
    const splits = (dict.splits as string[]).map((name): DatasetSplit => {
        const splitDir = join(dir, name);
        const state = readJson(join(splitDir, 'state.json')) as { _data_files?: { filename?: unknown }[] };
        if (!Array.isArray(state._data_files) || !state._data_files.every((f) => typeof f?.filename === 'string')) {
            throw new DatasetBuildError(`${join(splitDir, 'state.json')}: "_data_files" must list {"filename": …} entries`);
        }
        const files = state._data_files.map((f) => f.filename as string);
        for (const file of files) {
            if (!existsSync(join(splitDir, file)))
                throw new DatasetBuildError(`${join(splitDir, file)} is listed in state.json but missing`);
        }
        const info = readJson(join(splitDir, 'dataset_info.json')) as {
            features?: Record<string, unknown>;
            splits?: Record<string, { num_examples?: unknown }>;
        };
        const rows = info.splits?.[name]?.num_examples;
        return { name, dir: splitDir, files, rows: typeof rows === 'number' ? rows : undefined, features: info.features ?? {} };
    });
    return { dir, splits };
}

/** Streams the rows of one split, in order, a RecordBatch at a time. */
export async function* readSplit(dir: string, split: string): AsyncGenerator<DatasetRow> {
    const found = openDataset(dir).splits.find((s) => s.name === split);
    if (!found) throw new DatasetBuildError(`${dir} has no split '${split}'`);
    for await (const batch of readSplitBatches(found)) yield* rowsOf(batch);
}

/** Streams the RecordBatches of one split, in order: column buffers, one batch in memory at a time. */
export async function* readSplitBatches(split: DatasetSplit): AsyncGenerator<RecordBatch> {
    for (const file of split.files) {
        const path = join(split.dir, file);
        let reader: Awaited<ReturnType<typeof RecordBatchReader.from>>;
        try {
            reader = await RecordBatchReader.from(createReadStream(path));
        } catch (error) {
            throw new DatasetBuildError(`${path}: not an Arrow IPC stream (${(error as Error).message})`);
        }
        const batches = reader[Symbol.asyncIterator]();
        try {
            for (;;) {
                let next: IteratorResult<RecordBatch>;
                try {
                    next = await batches.next();
                } catch (error) {
                    throw new DatasetBuildError(`${path}: corrupt Arrow IPC stream (${(error as Error).message})`);
                }
                if (next.done) break;
                yield next.value;
            }
        } finally {
            await batches.return?.();
        }
    }
}

/** The task part of a row, ready for formatPrompt. */
export function taskOfRow(row: DatasetRow): PromptTask & { test: { input: number[][]; output: number[][] } } {
    const train: { input: number[][]; output: number[][] }[] = [];
    for (let i = 1; row[`train_input${i}`] != null; i++) {
        train.push({ input: row[`train_input${i}`] as number[][], output: row[`train_output${i}`] as number[][] });
    }
    return { train, test: { input: row.test_input as number[][], output: row.test_output as number[][] } };
}

/** The rows of a batch as objects: every row, or only those at `indices`. */
export function* rowsOf(batch: RecordBatch, indices?: Iterable<number>): Generator<DatasetRow> {
    if (batch.numRows === 0) return; // a split with no rows reads as one empty placeholder batch
    const fields = batch.schema.fields;
    const readers = fields.map((field, i) => cellReader(batch.getChildAt(i)!, field.type));
    for (const row of indices ?? Array.from({ length: batch.numRows }, (_, i) => i)) {
        const values: DatasetRow = {};
        for (let c = 0; c < fields.length; c++) values[fields[c].name] = readers[c](row);
        yield values;
    }
}

type CellReader = (row: number) => string | number | number[][] | null;

function cellReader(vector: Vector, type: DataType): CellReader {
    if (DataType.isList(type) && DataType.isList(type.children[0].type) && DataType.isInt(type.children[0].type.children[0].type)) {
        return gridReader(vector);
    }
    if (DataType.isInt(type)) {
        return (row) => {
            const value = vector.get(row) as number | bigint | null;
            return value === null ? null : Number(value);
        };
    }
    return (row) => {
        const value = vector.get(row);
        return value === null || typeof value === 'string' || typeof value === 'number' ? value : (value?.toJSON?.() ?? String(value));
    };
}

/** list<list<int>> straight from the buffers: much faster than vector.get(row).toArray(). */
function gridReader(vector: Vector): CellReader {
    const chunks = vector.data.map((data) => ({ data, rows: data.children[0], cells: data.children[0].children[0] }));
    const starts: number[] = [];
    let start = 0;
    for (const chunk of vector.data) {
        starts.push(start);
        start += chunk.length;
    }
    return (row) => {
        let k = starts.length - 1;
        while (starts[k] > row) k--;
        const { data, rows, cells } = chunks[k];
        const i = row - starts[k];
        if (!data.getValid(i)) return null;
        const grid: number[][] = [];
        for (let r = data.valueOffsets[data.offset + i]; r < data.valueOffsets[data.offset + i + 1]; r++) {
            grid.push(cellsOf(cells, rows.valueOffsets[rows.offset + r], rows.valueOffsets[rows.offset + r + 1]));
        }
        return grid;
    };
}

function cellsOf(cells: Data, from: number, to: number): number[] {
    const values = cells.values as ArrayLike<number | bigint>;
    const row = new Array<number>(to - from);
    for (let j = from; j < to; j++) row[j - from] = Number(values[cells.offset + j]);
    return row;
}

function readJson(path: string): unknown {
    let text: string;
    try {
        text = readFileSync(path, 'utf8');
    } catch {
        throw new DatasetBuildError(`${path} is missing: not a dataset saved by save_to_disk / arcdsl dataset`);
    }
    try {
        return JSON.parse(text);
    } catch (error) {
        throw new DatasetBuildError(`${path}: malformed JSON (${(error as Error).message})`);
    }
}
