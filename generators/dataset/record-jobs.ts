import { createHash } from 'node:crypto';
import { FAMILIES } from '../../language/colors.js';
import { formatCompletion, formatPrompt, type PromptFormat } from '../../language/prompt.js';
import { type GeneratedBatch, type GenerateJob, generateBatch } from '../generate-batch.js';
import { ProgramPool } from '../programs.js';
import { BatchEncoder, type CellValue, type GridCells } from './arrow-writer.js';
import { DatasetBuildError } from './build-error.js';
import { sizeBucket } from './build-report.js';
import type { CellRecord } from './cell-record.js';
import { type Column, datasetColumns } from './columns.js';
import { contentKey } from './dedupe.js';
import { type PackedLines, transferables } from './packed-lines.js';
import { RecordError, type RejectReason } from './record-error.js';
import { readRecord } from './scan-record.js';
import { SolutionVerifier } from './validate-record.js';

/**
 * The work of the dataset builder's two passes, a batch of lines at a time, and of `arcdsl generate
 * --jobs`, a batch of indices at a time. It runs the same in the main thread or in a worker
 * (record-worker.ts): jobs and results are plain data, so the output never depends on how many
 * workers there are.
 */
export type RecordJob = CheckJob | EncodeJob | GenerateJob;

/** Pass 1: check each line (shape, grids, family, solution on every pair) and key its content. */
export interface CheckJob {
    kind: 'check';
    file: string;
    lines: PackedLines;
}

/** A job's line outcomes (CheckVerdicts.outcomes). */
export const BLANK = 0;
export const VALID = 1;
export const REJECTED = 2;

/**
 * What pass 1 found in a job's lines, column by column (far cheaper to pass between threads than an
 * object per line). Line k's outcome is `outcomes[k]`; a VALID line's values are the next ones in
 * the columns of valid records, a REJECTED line's the next in `rejects`.
 */
export interface CheckVerdicts {
    outcomes: Uint8Array;
    /** Per valid record: content key, id, solution, family (index in FAMILIES), train pairs. */
    keys: string[];
    ids: string[];
    solutions: string[];
    families: Uint8Array;
    pairs: Uint8Array;
    /** Per valid record, `pairs + 1` size buckets of its inputs, then as many of its outputs. */
    sizes: Uint8Array;
    rejects: { reason: RejectReason; message: string }[];
}

/** Pass 2: make these rows (already checked) one RecordBatch message. */
export interface EncodeJob {
    kind: 'encode';
    maxTrainPairs: number;
    promptFormat: PromptFormat;
    /** The rows' lines, and the file (an index into `files`) each comes from. */
    rows: PackedLines;
    fileOfRow: Uint32Array;
    files: string[];
}

export interface EncodedBatch {
    message: Uint8Array;
    /** SHA-256 of the message, for the split's fingerprint (hashed here, in parallel, not by the writer). */
    digest: Uint8Array;
    rows: number;
    /** The first row's prompt and completion, for the dataset card. */
    example: { prompt: string; completion: string } | undefined;
    /** Characters of each row's prompt and completion, for the length statistics of the card. */
    promptLengths: number[];
    completionLengths: number[];
}

const verifier = new SolutionVerifier();
const encoders = new Map<number, { encoder: BatchEncoder; getters: RowGetter[] }>();
/** The generator's programs, parsed once per thread. */
let generatorPool: ProgramPool | undefined;

export async function runJob(job: RecordJob): Promise<CheckVerdicts | EncodedBatch | GeneratedBatch> {
    if (job.kind === 'generate') return generateBatch(job, (generatorPool ??= new ProgramPool()));
    return job.kind === 'check' ? checkLines(job) : encodeRows(job);
}

/** The buffers a job can hand over to a worker instead of copying. */
export function jobTransferables(job: RecordJob): ArrayBuffer[] {
    if (job.kind === 'generate') return [];
    return transferables(job.kind === 'check' ? job.lines : job.rows);
}

/** The buffers a job's result can hand over to another thread instead of copying. */
export function resultTransferables(result: CheckVerdicts | EncodedBatch | GeneratedBatch): ArrayBuffer[] {
    if ('message' in result) return [result.message.buffer as ArrayBuffer];
    if ('lineLengths' in result) return [result.lines.buffer as ArrayBuffer];
    return [];
}

async function checkLines(job: CheckJob): Promise<CheckVerdicts> {
    const { starts, lineNumbers } = job.lines;
    const bytes = asBuffer(job.lines.bytes);
    const outcomes = new Uint8Array(lineNumbers.length);
    const keys: string[] = [];
    const ids: string[] = [];
    const solutions: string[] = [];
    const rejects: CheckVerdicts['rejects'] = [];
    const families: number[] = [];
    const pairs: number[] = [];
    const sizes: number[] = [];
    for (let i = 0; i < lineNumbers.length; i++) {
        const line = lineNumbers[i];
        try {
            const record = readRecord(bytes, starts[i], starts[i + 1] - 1, job.file, line);
            if (record === null) {
                outcomes[i] = BLANK;
                continue;
            }
            const key = contentKey(record);
            const compiling = verifier.verify(record, job.file, line);
            if (compiling) await compiling;
            outcomes[i] = VALID;
            keys.push(key);
            ids.push(record.id);
            solutions.push(record.solution);
            families.push(FAMILY_INDEX.get(record.task_type)!);
            pairs.push(record.trainPairs);
            const { layout } = record;
            for (let g = 0; g < layout.length; g += 6) sizes.push(sizeBucket(layout[g + 1], layout[g + 2]));
            for (let g = 3; g < layout.length; g += 6) sizes.push(sizeBucket(layout[g + 1], layout[g + 2]));
        } catch (error) {
            if (!(error instanceof RecordError)) throw error;
            outcomes[i] = REJECTED;
            rejects.push({ reason: error.reason, message: error.message });
        }
    }
    return {
        outcomes,
        keys,
        ids,
        solutions,
        families: Uint8Array.from(families),
        pairs: Uint8Array.from(pairs),
        sizes: Uint8Array.from(sizes),
        rejects,
    };
}

const FAMILY_INDEX = new Map<string, number>(FAMILIES.map((family, i) => [family, i]));

function encodeRows(job: EncodeJob): EncodedBatch {
    let cached = encoders.get(job.maxTrainPairs);
    if (!cached) {
        const columns = datasetColumns(job.maxTrainPairs);
        cached = { encoder: new BatchEncoder(columns), getters: rowGetters(columns) };
        encoders.set(job.maxTrainPairs, cached);
    }
    const { encoder, getters } = cached;
    const values: CellValue[] = new Array(getters.length);
    const { starts, lineNumbers } = job.rows;
    const bytes = asBuffer(job.rows.bytes);
    let example: EncodedBatch['example'];
    const promptLengths: number[] = [];
    const completionLengths: number[] = [];
    for (let i = 0; i < lineNumbers.length; i++) {
        const file = job.files[job.fileOfRow[i]];
        let record: CellRecord | null = null;
        try {
            record = readRecord(bytes, starts[i], starts[i + 1] - 1, file, lineNumbers[i]);
        } catch (error) {
            if (!(error instanceof RecordError)) throw error;
        }
        if (record === null) {
            const why = `line ${lineNumbers[i]} is no longer the record checked`;
            throw new DatasetBuildError(`${file} changed while the dataset was being built (${why})`);
        }
        const train: { input: GridCells; output: GridCells }[] = [];
        for (let p = 0; p < record.trainPairs; p++) train.push({ input: gridCells(record, 2 * p), output: gridCells(record, 2 * p + 1) });
        const prompt = formatPrompt({ train, test: { input: gridCells(record, 2 * record.trainPairs) } }, job.promptFormat);
        const completion = formatCompletion(record.solution);
        example ??= { prompt, completion };
        promptLengths.push(prompt.length);
        completionLengths.push(completion.length);
        for (let c = 0; c < getters.length; c++) values[c] = getters[c](record, prompt, completion);
        encoder.append(values);
    }
    const message = encoder.encode();
    const digest = new Uint8Array(createHash('sha256').update(message).digest()); // its own 32 bytes, not a view of Buffer's pool
    return { message, digest, rows: lineNumbers.length, example, promptLengths, completionLengths };
}

/** Packed bytes arrive from another thread as a Uint8Array; decoding wants a Buffer over the same memory. */
function asBuffer(bytes: Uint8Array): Buffer {
    return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

type RowGetter = (record: CellRecord, prompt: string, completion: string) => CellValue;

/** For each column, how to read its value from a record (decided once, not per row). */
function rowGetters(columns: Column[]): RowGetter[] {
    const named: Record<string, RowGetter> = {
        id: (r) => r.id,
        task_type: (r) => r.task_type,
        sub_rule: (r) => r.sub_rule,
        num_train: (r) => r.trainPairs,
        test_input: (r) => gridCells(r, 2 * r.trainPairs),
        test_output: (r) => gridCells(r, 2 * r.trainPairs + 1),
        solution: (r) => r.solution,
        prompt: (_r, prompt) => prompt,
        completion: (_r, _prompt, completion) => completion,
    };
    return columns.map(({ name }): RowGetter => {
        const pair = /^train_(input|output)(\d)$/.exec(name);
        if (pair) {
            const i = Number(pair[2]) - 1;
            const side = pair[1] === 'input' ? 0 : 1;
            return (r) => (i < r.trainPairs ? gridCells(r, 2 * i + side) : null);
        }
        const getter = named[name];
        if (!getter) throw new Error(`no value for column ${name}`);
        return getter;
    });
}

function gridCells({ cells, layout }: CellRecord, g: number): GridCells {
    return { cells, start: layout[3 * g], height: layout[3 * g + 1], width: layout[3 * g + 2] };
}
