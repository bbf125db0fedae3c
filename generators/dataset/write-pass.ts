import { createHash } from 'node:crypto';
import { FAMILIES } from '../../language/colors.js';
import type { PromptFormat } from '../../language/prompt.js';
import { DatasetBuildError } from './build-error.js';
import type { BuildReport } from './build-report.js';
import { type FileIndex, NOT_KEPT } from './check-pass.js';
import { assertUnchanged } from './input-files.js';
import { LinePacker } from './packed-lines.js';
import { type LineChunk, readLineChunks } from './read-records.js';
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
    const cursors = indexes.map((index, i) => new Cursor(index, i));
    const random = seededRandom(`${options.seed}\0interleave`);
    const splitsOfProgram = new Uint8Array(splitOfProgram.length);
    const files = indexes.map((index) => index.file.name);
    const pending = SPLIT_NAMES.map(() => ({ rows: new LinePacker(), fileOfRow: [] as number[] }));
    const inFlight: { split: number; batch: Promise<EncodedBatch> }[] = [];
    const window = Math.max(2, pool.size * 3);
    let remaining = cursors.reduce((sum, c) => sum + c.remaining, 0);
    let sent = 0;
    let written = 0;

    const drainOne = async () => {
        const { split, batch } = inFlight.shift()!;
        const encoded = await batch;
        writers[split].writeBatch(encoded.message, encoded.rows, encoded.digest);
        report.example ??= encoded.example;
        for (const n of encoded.promptLengths) report.lengths.prompt.add(n);
        for (const n of encoded.completionLengths) report.lengths.completion.add(n);
        written += encoded.rows;
        options.progress(written);
    };
    const submit = async (split: number) => {
        const { rows, fileOfRow } = pending[split];
        const job: EncodeJob = {
            kind: 'encode',
            maxTrainPairs: options.maxTrainPairs,
            promptFormat: options.promptFormat,
            rows: rows.take(),
            fileOfRow: Uint32Array.from(fileOfRow),
            files,
        };
        fileOfRow.length = 0;
        const batch = pool.run(job);
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
            const next = cursor.next();
            const line = typeof next === 'number' ? next : await next;
            remaining--;
            const program = cursor.index.programOfLine[line - 1];
            if (program === NOT_KEPT) continue;
            const split = splitOfProgram[program];
            splitsOfProgram[program] |= 1 << split;
            const name = SPLIT_NAMES[split];
            report.rows[name]++;
            const family = FAMILIES[cursor.index.familyOfLine[line - 1]];
            (report.rowsByFamily[family] ??= { train: 0, validation: 0, test: 0 })[name]++;
            const { rows, fileOfRow } = pending[split];
            rows.add(cursor.bytes, cursor.start, cursor.end, line);
            fileOfRow.push(cursor.file);
            if (rows.lines >= options.batchRows) await submit(split);
            if ((++sent & 255) === 0) options.signal?.throwIfAborted();
        }
        for (let split = 0; split < pending.length; split++) if (pending[split].rows.lines > 0) await submit(split);
        while (inFlight.length > 0) await drainOne();
    } finally {
        inFlight.length = 0;
        for (const cursor of cursors) cursor.close();
    }
    for (const index of indexes) assertUnchanged(index.file);
    report.programsInTwoSplits = splitsOfProgram.reduce((n, bits) => n + (bits & (bits - 1) ? 1 : 0), 0);
    if (report.programsInTwoSplits > 0) throw new Error(`${report.programsInTwoSplits} programs landed in two splits`);
}

/** One file's lines in pass 2, pulled a chunk at a time; `next()` moves to the next line, then at `bytes[start, end)`. */
class Cursor {
    private readonly chunks: AsyncGenerator<LineChunk>;
    private chunk: LineChunk | undefined;
    private at = 0;
    remaining: number;
    bytes: Buffer = Buffer.alloc(0);
    start = 0;
    end = 0;

    constructor(
        readonly index: FileIndex,
        /** The file's position in the list of files. */
        readonly file: number,
    ) {
        this.chunks = readLineChunks(index.file.path);
        this.remaining = index.lines;
    }

    /** Moves to the next line; its 1-based number (a promise only when the next chunk must be read). */
    next(): number | Promise<number> {
        if (!this.chunk || this.at >= this.chunk.count) return this.nextChunk().then(() => this.next());
        this.remaining--;
        const at = this.at++;
        this.start = this.chunk.starts[at];
        this.end = this.chunk.ends[at];
        return this.chunk.first + at;
    }

    private async nextChunk(): Promise<void> {
        const { done, value } = await this.chunks.next();
        if (done) throw new DatasetBuildError(`${this.index.file.name} changed while the dataset was being built`);
        this.chunk = value;
        this.bytes = value.bytes;
        this.at = 0;
    }

    close(): void {
        void this.chunks.return(undefined);
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
