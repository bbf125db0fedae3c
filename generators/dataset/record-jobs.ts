import { formatCompletion, formatPrompt, type PromptFormat } from '../../language/prompt.js';
import { BatchEncoder, type CellValue } from './arrow-writer.js';
import { DatasetBuildError } from './build-error.js';
import { sizeBucket } from './build-report.js';
import { type Column, datasetColumns } from './columns.js';
import { contentKey } from './dedupe.js';
import { isBlank, parseJsonLine } from './read-records.js';
import { RecordError, type RejectReason } from './record-error.js';
import { recordFromJson, SolutionVerifier, type TaskRecord } from './validate-record.js';

/**
 * The work of the two passes, a batch of lines at a time. It runs the same in the main thread or in
 * a worker (record-worker.ts): jobs and results are plain data, so the output never depends on how
 * many workers there are.
 */
export type RecordJob = CheckJob | EncodeJob;

/** Pass 1: check each line (shape, grids, family, solution on every pair) and key its content. */
export interface CheckJob {
    kind: 'check';
    file: string;
    /** The 1-based line number of each line. */
    lineNumbers: number[];
    lines: string[];
}

export type CheckVerdict =
    | null // a blank line
    | { key: string; id: string; family: string; solution: string; pairs: number; inputSizes: number[]; outputSizes: number[] }
    | { reason: RejectReason; message: string };

/** Pass 2: make these rows (already checked) one RecordBatch message. */
export interface EncodeJob {
    kind: 'encode';
    maxTrainPairs: number;
    promptFormat: PromptFormat;
    rows: { text: string; file: string; line: number }[];
}

export interface EncodedBatch {
    message: Uint8Array;
    rows: number;
    /** The first row's prompt and completion, for the dataset card. */
    example: { prompt: string; completion: string } | undefined;
    /** Characters of each row's prompt and completion, for the length statistics of the card. */
    promptLengths: number[];
    completionLengths: number[];
}

const verifier = new SolutionVerifier();
const encoders = new Map<number, { encoder: BatchEncoder; getters: RowGetter[] }>();

export async function runJob(job: RecordJob): Promise<CheckVerdict[] | EncodedBatch> {
    return job.kind === 'check' ? checkLines(job) : encodeRows(job);
}

async function checkLines(job: CheckJob): Promise<CheckVerdict[]> {
    const verdicts: CheckVerdict[] = [];
    for (let i = 0; i < job.lines.length; i++) {
        const text = job.lines[i];
        if (isBlank(text)) {
            verdicts.push(null);
            continue;
        }
        const line = job.lineNumbers[i];
        try {
            const record = recordFromJson(parseJsonLine(text, job.file, line), job.file, line);
            await verifier.verify(record, job.file, line);
            verdicts.push({
                key: contentKey(record),
                id: record.id,
                family: record.task_type,
                solution: record.solution,
                pairs: record.train.length,
                inputSizes: [...record.train, record.test].map((p) => sizeBucket(p.input.length, p.input[0].length)),
                outputSizes: [...record.train, record.test].map((p) => sizeBucket(p.output.length, p.output[0].length)),
            });
        } catch (error) {
            if (!(error instanceof RecordError)) throw error;
            verdicts.push({ reason: error.reason, message: error.message });
        }
    }
    return verdicts;
}

function encodeRows(job: EncodeJob): EncodedBatch {
    let cached = encoders.get(job.maxTrainPairs);
    if (!cached) {
        const columns = datasetColumns(job.maxTrainPairs);
        cached = { encoder: new BatchEncoder(columns), getters: rowGetters(columns) };
        encoders.set(job.maxTrainPairs, cached);
    }
    const { encoder, getters } = cached;
    let example: EncodedBatch['example'];
    const promptLengths: number[] = [];
    const completionLengths: number[] = [];
    for (const { text, file, line } of job.rows) {
        let record: TaskRecord;
        try {
            record = recordFromJson(parseJsonLine(text, file, line), file, line);
        } catch {
            throw new DatasetBuildError(`${file} changed while the dataset was being built (line ${line} is no longer the record checked)`);
        }
        const prompt = formatPrompt({ train: record.train, test: record.test }, job.promptFormat);
        const completion = formatCompletion(record.solution);
        example ??= { prompt, completion };
        promptLengths.push(prompt.length);
        completionLengths.push(completion.length);
        encoder.append(getters.map((get) => get(record, prompt, completion)));
    }
    return { message: encoder.encode(), rows: job.rows.length, example, promptLengths, completionLengths };
}

type RowGetter = (record: TaskRecord, prompt: string, completion: string) => CellValue;

/** For each column, how to read its value from a record (decided once, not per row). */
function rowGetters(columns: Column[]): RowGetter[] {
    const named: Record<string, RowGetter> = {
        id: (r) => r.id,
        task_type: (r) => r.task_type,
        sub_rule: (r) => r.sub_rule,
        num_train: (r) => r.train.length,
        test_input: (r) => r.test.input,
        test_output: (r) => r.test.output,
        solution: (r) => r.solution,
        prompt: (_r, prompt) => prompt,
        completion: (_r, _prompt, completion) => completion,
    };
    return columns.map(({ name }): RowGetter => {
        const pair = /^train_(input|output)(\d)$/.exec(name);
        if (pair) {
            const i = Number(pair[2]) - 1;
            return pair[1] === 'input' ? (r) => r.train[i]?.input ?? null : (r) => r.train[i]?.output ?? null;
        }
        const getter = named[name];
        if (!getter) throw new Error(`no value for column ${name}`);
        return getter;
    });
}
