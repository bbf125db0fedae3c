import { createHash } from 'node:crypto';
import { FAMILIES } from '../../language/colors.js';
import type { PromptFormat } from '../../language/prompt.js';
import { DatasetBuildError } from './build-error.js';
import type { BuildReport } from './build-report.js';
import { type FileIndex, NOT_KEPT } from './check-pass.js';
import { assertUnchanged } from './input-files.js';
import { type LineBatch, readLineBatches } from './read-records.js';
import type { EncodedBatch, EncodeJob } from './record-jobs.js';
import { SPLIT_NAMES } from './split.js';
import type { SplitWriter } from './split-writer.js';
import type { RecordJobPool } from './worker-pool.js';

export interface WritePassOptions {
    seed: string;
    promptFormat: PromptFormat;
    maxTrainPairs: number;
    batchRows: number;
    signal?: AbortSignal;
    /** Called with the number of rows written so far. */
    progress: (rows: number) => void;
}

/**
 * Pass 2: re-reads the input, drawing the next line from a file chosen by a seeded generator with
 * odds by its lines left — an even mix of the families whatever the file layout — and sends each
 * kept line to its program's split. Every `batchRows` rows of a split become one RecordBatch (encoded
 * by the pool, written in submission order), so the bytes do not depend on the number of workers.
 */
export async function writePass(
    indexes: FileIndex[],
    splitOfProgram: Uint8Array,
    pool: RecordJobPool,
    writers: SplitWriter[],
    options: WritePassOptions,
    report: BuildReport,
): Promise<void> {
    for (const index of indexes) assertUnchanged(index.file);
    const cursors = indexes.map((index) => new Cursor(index));
    const random = seededRandom(`${options.seed}\0interleave`);
    const splitsOfProgram = new Uint8Array(splitOfProgram.length);
    const pending: EncodeJob['rows'][] = SPLIT_NAMES.map(() => []);
    const inFlight: { split: number; batch: Promise<EncodedBatch> }[] = [];
    const window = Math.max(2, pool.size * 3);
    let remaining = cursors.reduce((sum, c) => sum + c.remaining, 0);
    let sent = 0;
    let written = 0;

    const drainOne = async () => {
        const { split, batch } = inFlight.shift()!;
        const encoded = await batch;
        writers[split].writeBatch(encoded.message, encoded.rows);
        report.example ??= encoded.example;
        for (const n of encoded.promptLengths) report.lengths.prompt.add(n);
        for (const n of encoded.completionLengths) report.lengths.completion.add(n);
        written += encoded.rows;
        options.progress(written);
    };
    const submit = async (split: number) => {
        const rows = pending[split];
        pending[split] = [];
        const batch = pool.run({ kind: 'encode', maxTrainPairs: options.maxTrainPairs, promptFormat: options.promptFormat, rows });
        batch.catch(() => {}); // awaited in order by drainOne
        inFlight.push({ split, batch });
        while (inFlight.length >= window) await drainOne();
    };

    try {
        while (remaining > 0) {
            let pick = Math.floor(random() * remaining);
            let cursor = cursors[0];
            for (cursor of cursors) {
                if (pick < cursor.remaining) break;
                pick -= cursor.remaining;
            }
            const { text, line } = await cursor.next();
            remaining--;
            const program = cursor.index.programOfLine[line - 1];
            if (program === NOT_KEPT) continue;
            const split = splitOfProgram[program];
            splitsOfProgram[program] |= 1 << split;
            const name = SPLIT_NAMES[split];
            report.rows[name]++;
            const family = FAMILIES[cursor.index.familyOfLine[line - 1]];
            (report.rowsByFamily[family] ??= { train: 0, validation: 0, test: 0 })[name]++;
            pending[split].push({ text, file: cursor.index.file.name, line });
            if (pending[split].length >= options.batchRows) await submit(split);
            if ((++sent & 255) === 0) options.signal?.throwIfAborted();
        }
        for (let split = 0; split < pending.length; split++) if (pending[split].length > 0) await submit(split);
        while (inFlight.length > 0) await drainOne();
    } finally {
        inFlight.length = 0;
        for (const cursor of cursors) cursor.close();
    }
    for (const index of indexes) assertUnchanged(index.file);
    report.programsInTwoSplits = splitsOfProgram.reduce((n, bits) => n + (bits & (bits - 1) ? 1 : 0), 0);
    if (report.programsInTwoSplits > 0) throw new Error(`${report.programsInTwoSplits} programs landed in two splits`);
}

/** One file's lines in pass 2, pulled a batch at a time. */
class Cursor {
    private readonly batches: AsyncGenerator<LineBatch>;
    private batch: LineBatch = { first: 1, lines: [] };
    private at = 0;
    remaining: number;

    constructor(readonly index: FileIndex) {
        this.batches = readLineBatches(index.file.path);
        this.remaining = index.lines;
    }

    async next(): Promise<{ text: string; line: number }> {
        while (this.at >= this.batch.lines.length) {
            const { done, value } = await this.batches.next();
            if (done) throw new DatasetBuildError(`${this.index.file.name} changed while the dataset was being built`);
            this.batch = value;
            this.at = 0;
        }
        this.remaining--;
        const at = this.at++;
        return { text: this.batch.lines[at], line: this.batch.first + at };
    }

    close(): void {
        void this.batches.return(undefined);
    }
}

/** mulberry32 seeded from a string: the interleaving order is reproducible. */
function seededRandom(seed: string): () => number {
    let state = createHash('sha256').update(seed).digest().readUInt32LE(0);
    return () => {
        state = (state + 0x6d2b79f5) | 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}
