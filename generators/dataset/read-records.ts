import { open } from 'node:fs/promises';
import { RecordError } from './record-error.js';

/** Consecutive lines of a file; `first` is the 1-based number of `lines[0]`. */
export interface LineBatch {
    first: number;
    lines: string[];
}

/**
 * Consecutive lines of a file as bytes: line `first + i` is `bytes[starts[i], ends[i])`, without its
 * newline or a carriage return before it. The buffer is the chunk's own (not reused).
 */
export interface LineChunk {
    first: number;
    count: number;
    bytes: Buffer;
    starts: Int32Array;
    ends: Int32Array;
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * Streams a file as chunks of whole lines (about `chunkBytes` each), without holding the file and
 * without decoding it. Line numbers count every line, blank ones included, so errors can name
 * `file:line`. A UTF-8 byte order mark at the start is dropped.
 */
export async function* readLineChunks(path: string, chunkBytes = 1 << 20): AsyncGenerator<LineChunk> {
    const handle = await open(path, 'r');
    try {
        let carry: Buffer = Buffer.alloc(0);
        let next = 1;
        let atStart = true;
        for (;;) {
            const chunk = Buffer.allocUnsafe(Math.max(chunkBytes, carry.length * 2));
            carry.copy(chunk);
            const { bytesRead } = await handle.read(chunk, carry.length, chunk.length - carry.length, null);
            let bytes = chunk.subarray(0, carry.length + bytesRead);
            if (atStart && bytes.length >= 3) {
                atStart = false;
                if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
            }
            if (bytesRead === 0) {
                if (bytes.length > 0) yield lineChunk(bytes, bytes.length, next);
                break;
            }
            const end = bytes.lastIndexOf(NEWLINE);
            if (end < 0) {
                carry = bytes;
                continue;
            }
            const lines = lineChunk(bytes, end, next);
            carry = bytes.subarray(end + 1);
            yield lines;
            next += lines.count;
        }
    } finally {
        await handle.close();
    }
}

/** The lines of bytes[0, end), where end is a newline (or the end of the file). */
function lineChunk(bytes: Buffer, end: number, first: number): LineChunk {
    const starts: number[] = [];
    const ends: number[] = [];
    let start = 0;
    for (;;) {
        const newline = bytes.indexOf(NEWLINE, start);
        const stop = newline < 0 || newline >= end ? end : newline;
        starts.push(start);
        ends.push(stop > start && bytes[stop - 1] === CARRIAGE_RETURN ? stop - 1 : stop);
        if (stop === end) break;
        start = stop + 1;
    }
    return { first, count: starts.length, bytes, starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}

/** Streams a text file as batches of lines (one batch per chunk read), without holding the file. */
export async function* readLineBatches(path: string, chunkBytes = 1 << 20): AsyncGenerator<LineBatch> {
    for await (const chunk of readLineChunks(path, chunkBytes)) {
        const lines: string[] = new Array(chunk.count);
        for (let i = 0; i < chunk.count; i++) lines[i] = chunk.bytes.toString('utf8', chunk.starts[i], chunk.ends[i]);
        yield { first: chunk.first, lines };
    }
}

/** Whether a line holds no record (blank lines are allowed anywhere in JSONL). */
export function isBlank(line: string): boolean {
    return line.length === 0 || line.trim().length === 0;
}

/** Parses one JSONL line; malformed JSON is a RecordError naming file:line. */
export function parseJsonLine(text: string, file: string, line: number): unknown {
    try {
        return JSON.parse(text);
    } catch (error) {
        throw new RecordError(file, line, undefined, 'malformed JSON', `malformed JSON: ${(error as Error).message}`);
    }
}

/** Every record of a JSONL file with its line number; stops at the first malformed line. */
export async function* readJsonl(path: string, file = path): AsyncGenerator<{ line: number; value: unknown }> {
    for await (const batch of readLineBatches(path)) {
        for (let i = 0; i < batch.lines.length; i++) {
            const text = batch.lines[i];
            if (!isBlank(text)) yield { line: batch.first + i, value: parseJsonLine(text, file, batch.first + i) };
        }
    }
}
