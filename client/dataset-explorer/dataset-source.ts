import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { RecordBatch } from 'apache-arrow';
import { DatasetBuildError } from '../../generators/dataset/build-error.js';
import { listInputFiles } from '../../generators/dataset/input-files.js';
import { type DatasetSplit, openDataset, readSplitBatches, rowsOf, taskOfRow } from '../../generators/dataset/read-dataset.js';
import { isBlank, parseJsonLine, readLineBatches } from '../../generators/dataset/read-records.js';
import { RecordError } from '../../generators/dataset/record-error.js';
import { type GridPair, recordFromJson } from '../../generators/dataset/validate-record.js';
import { FAMILIES } from '../../language/colors.js';

/** One record as the explorer shows it. */
export interface ExplorerRecord {
    /** Where it is: `train row 12` (Arrow) or `Connect.jsonl:17` (JSONL). */
    location: string;
    split: string;
    id: string;
    family: string;
    subRule: string | null;
    solution: string;
    train: GridPair[];
    test: GridPair;
}

export interface RecordFilter {
    split?: string;
    family?: string;
    /** Case-insensitive text searched in the id and the solution. */
    search?: string;
}

export interface RecordPage {
    offset: number;
    records: ExplorerRecord[];
    /** How many records match the filter; undefined while a search has not scanned to the end. */
    total: number | undefined;
    hasMore: boolean;
}

export interface DatasetSummary {
    kind: 'arrow' | 'jsonl';
    path: string;
    name: string;
    total: number;
    splits: string[];
    families: string[];
    /** split → family → records. */
    counts: Record<string, Record<string, number>>;
    /** The first problems found (malformed lines, rows missing a field), each naming its file:line or row. */
    problems: string[];
    problemCount: number;
}

/** A path that cannot be browsed (not a dataset, unreadable, corrupt): one line for the panel. */
export class DatasetSourceError extends Error {}

const MAX_PROBLEMS = 20;

/**
 * A chunk of consecutive records, decoded on demand: an Arrow RecordBatch or the lines of a JSONL
 * file read in one go. Only a chunk and one page of records are ever held, whatever the dataset's size.
 */
interface Chunk {
    split: string;
    length: number;
    /** The family of row i; undefined when the row cannot be read (then `record(i)` says why). */
    family(i: number): string | undefined;
    /** Whether row i mentions `needle` (lower case) in its id or solution. */
    mentions(i: number, needle: string): boolean;
    /** The record at row i, or a problem naming where it is. */
    record(i: number): ExplorerRecord | string;
}

/** Per chunk (from the opening scan), its split and records by family, so pages skip chunks without decoding them. */
interface ChunkCounts {
    split: string;
    byFamily: Map<string, number>;
}

/**
 * A dataset on disk, read as a stream: a DatasetDict folder (`arcdsl dataset`, Arrow IPC streams)
 * or JSONL (`arcdsl generate`: one file, or a folder of `*.jsonl`, each file shown as a split).
 * Opening scans it once for the counts; a page scans again, up to the page.
 */
export class DatasetSource {
    private constructor(
        readonly summary: DatasetSummary,
        private readonly chunks: (split?: string) => AsyncGenerator<Chunk>,
        private readonly chunkCounts: ChunkCounts[],
    ) {}

    static async open(path: string): Promise<DatasetSource> {
        try {
            return await DatasetSource.scan(path);
        } catch (error) {
            throw asSourceError(error);
        }
    }

    private static async scan(path: string): Promise<DatasetSource> {
        if (!existsSync(path)) throw new DatasetSourceError(`${path} does not exist`);
        const isDir = statSync(path).isDirectory();
        let kind: DatasetSummary['kind'];
        let chunks: (split?: string) => AsyncGenerator<Chunk>;
        let splits: string[];
        if (isDir && existsSync(join(path, 'dataset_dict.json'))) {
            const dataset = openDataset(path);
            kind = 'arrow';
            splits = dataset.splits.map((s) => s.name);
            chunks = (split) => arrowChunks(dataset.splits.filter((s) => split === undefined || s.name === split));
        } else if (isDir ? readdirSync(path).some((name) => name.endsWith('.jsonl')) : path.endsWith('.jsonl')) {
            const files = listInputFiles(path).map((f) => f.path);
            kind = 'jsonl';
            splits = files.map(splitOfFile);
            chunks = (split) => jsonlChunks(files.filter((f) => split === undefined || splitOfFile(f) === split));
        } else {
            throw new DatasetSourceError(
                `${path} is not a dataset: open a folder holding dataset_dict.json (arcdsl dataset), a .jsonl file or a folder of them (arcdsl generate)`,
            );
        }

        const counts: Record<string, Record<string, number>> = Object.fromEntries(splits.map((s) => [s, {}]));
        const chunkCounts: ChunkCounts[] = [];
        const problems: string[] = [];
        let problemCount = 0;
        let total = 0;
        for await (const chunk of chunks()) {
            const byFamily = new Map<string, number>();
            for (let i = 0; i < chunk.length; i++) {
                const family = chunk.family(i);
                if (family === undefined) {
                    if (problemCount++ < MAX_PROBLEMS) problems.push(chunk.record(i) as string);
                    continue;
                }
                byFamily.set(family, (byFamily.get(family) ?? 0) + 1);
                counts[chunk.split][family] = (counts[chunk.split][family] ?? 0) + 1;
                total++;
            }
            chunkCounts.push({ split: chunk.split, byFamily });
        }
        const families = [...new Set(Object.values(counts).flatMap((byFamily) => Object.keys(byFamily)))].sort(byFamilyOrder);
        const summary: DatasetSummary = { kind, path, name: basename(path), total, splits, families, counts, problems, problemCount };
        return new DatasetSource(summary, chunks, chunkCounts);
    }

    /** The records matching `filter`, from the `offset`-th match on, at most `limit` of them. */
    async page(filter: RecordFilter, offset: number, limit: number, signal?: AbortSignal): Promise<RecordPage> {
        if (filter.split !== undefined && !this.summary.splits.includes(filter.split)) {
            throw new DatasetSourceError(`${this.summary.name} has no split '${filter.split}'`);
        }
        const needle = filter.search?.trim().toLowerCase() || undefined;
        const counts = this.chunkCounts.filter((c) => filter.split === undefined || c.split === filter.split);
        const records: ExplorerRecord[] = [];
        let matched = 0;
        let hasMore = false;
        let chunkIndex = 0;
        try {
            scan: for await (const chunk of this.chunks(filter.split)) {
                signal?.throwIfAborted();
                const known = counts[chunkIndex++];
                if (!known || known.split !== chunk.split)
                    throw new DatasetSourceError(`${this.summary.path} changed since it was opened: open it again`);
                if (!needle) {
                    const inChunk = filter.family === undefined ? sum(known.byFamily.values()) : (known.byFamily.get(filter.family) ?? 0);
                    if (matched + inChunk <= offset) {
                        matched += inChunk;
                        continue;
                    }
                }
                for (let i = 0; i < chunk.length; i++) {
                    const family = chunk.family(i);
                    if (family === undefined || (filter.family !== undefined && family !== filter.family)) continue;
                    if (needle && !chunk.mentions(i, needle)) continue;
                    if (records.length === limit) {
                        hasMore = true;
                        break scan;
                    }
                    if (matched++ >= offset) {
                        const record = chunk.record(i);
                        if (typeof record === 'string') throw new DatasetSourceError(record);
                        records.push(record);
                    }
                }
            }
        } catch (error) {
            if (signal?.aborted) throw error;
            throw asSourceError(error);
        }
        const total = needle ? (hasMore ? undefined : matched) : this.count(filter);
        return { offset, records, total, hasMore: hasMore || (total !== undefined && offset + records.length < total) };
    }

    /** Records of a split and/or family, from the counts. */
    count(filter: Pick<RecordFilter, 'split' | 'family'>): number {
        let n = 0;
        for (const [split, byFamily] of Object.entries(this.summary.counts)) {
            if (filter.split !== undefined && split !== filter.split) continue;
            for (const [family, count] of Object.entries(byFamily)) if (filter.family === undefined || family === filter.family) n += count;
        }
        return n;
    }
}

function asSourceError(error: unknown): DatasetSourceError {
    if (error instanceof DatasetSourceError) return error;
    if (error instanceof DatasetBuildError || error instanceof RecordError) return new DatasetSourceError(error.message);
    return new DatasetSourceError(String((error as Error)?.message ?? error));
}

function sum(values: Iterable<number>): number {
    let n = 0;
    for (const value of values) n += value;
    return n;
}

function byFamilyOrder(a: string, b: string): number {
    const rank = (family: string) => {
        const i = (FAMILIES as readonly string[]).indexOf(family);
        return i < 0 ? FAMILIES.length : i;
    };
    return rank(a) - rank(b) || a.localeCompare(b);
}

function splitOfFile(path: string): string {
    return basename(path).replace(/\.jsonl$/, '');
}

const REQUIRED_TEXT = ['id', 'task_type', 'solution'] as const;
const REQUIRED_GRIDS = ['train_input1', 'train_output1', 'test_input', 'test_output'] as const;

async function* arrowChunks(splits: DatasetSplit[]): AsyncGenerator<Chunk> {
    for (const split of splits) {
        let start = 0;
        for await (const batch of readSplitBatches(split)) {
            yield arrowChunk(split.name, batch, start);
            start += batch.numRows;
        }
    }
}

/** A RecordBatch: columns are read in place; only a page's rows become objects. */
function arrowChunk(split: string, batch: RecordBatch, start: number): Chunk {
    const required = [...REQUIRED_TEXT, ...REQUIRED_GRIDS].map((name) => ({ name, vector: batch.getChild(name) }));
    const [id, family, solution] = required.map((column) => column.vector);
    const where = (i: number) => `${split} row ${start + i}`;
    const problem = (i: number): string | undefined => {
        for (const { name, vector } of required) {
            if (!vector) return `${where(i)}: column '${name}' is missing`;
            if (!vector.isValid(i)) return `${where(i)}: '${name}' is null`;
        }
        return undefined;
    };
    return {
        split,
        length: batch.numRows,
        family: (i) => (problem(i) === undefined ? (family!.get(i) as string) : undefined),
        mentions: (i, needle) =>
            (id!.get(i) as string).toLowerCase().includes(needle) || (solution!.get(i) as string).toLowerCase().includes(needle),
        record: (i) => {
            const trouble = problem(i);
            if (trouble) return trouble;
            const [row] = rowsOf(batch, [i]);
            const { train, test } = taskOfRow(row);
            return {
                location: where(i),
                split,
                id: row.id as string,
                family: row.task_type as string,
                subRule: typeof row.sub_rule === 'string' ? row.sub_rule : null,
                solution: row.solution as string,
                train: train.map((pair) => ({ input: pair.input as number[][], output: pair.output as number[][] })),
                test,
            };
        },
    };
}

async function* jsonlChunks(files: string[]): AsyncGenerator<Chunk> {
    for (const path of files) {
        for await (const batch of readLineBatches(path)) yield jsonlChunk(splitOfFile(path), basename(path), batch.first, batch.lines);
    }
}

/** The non-blank lines of a file read in one go, parsed and checked when first asked. */
function jsonlChunk(split: string, file: string, first: number, lines: string[]): Chunk {
    const numbers: number[] = [];
    lines.forEach((text, i) => {
        if (!isBlank(text)) numbers.push(first + i);
    });
    let entries: (ExplorerRecord | string)[] | undefined;
    const parsed = () => {
        entries ??= numbers.map((line): ExplorerRecord | string => {
            try {
                const task = recordFromJson(parseJsonLine(lines[line - first], file, line), file, line);
                return {
                    location: `${file}:${line}`,
                    split,
                    id: task.id,
                    family: task.task_type,
                    subRule: task.sub_rule,
                    solution: task.solution,
                    train: task.train,
                    test: task.test,
                };
            } catch (error) {
                if (error instanceof RecordError) return error.message;
                throw error;
            }
        });
        return entries;
    };
    const at = (i: number) => parsed()[i];
    return {
        split,
        length: numbers.length,
        family: (i) => {
            const entry = at(i);
            return typeof entry === 'string' ? undefined : entry.family;
        },
        mentions: (i, needle) => {
            const entry = at(i) as ExplorerRecord;
            return entry.id.toLowerCase().includes(needle) || entry.solution.toLowerCase().includes(needle);
        },
        record: at,
    };
}
