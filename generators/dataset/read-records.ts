import { open } from 'node:fs/promises';
import { RecordError } from './record-error.js';

/** Consecutive lines of a file; `first` is the 1-based number of `lines[0]`. */
export interface LineBatch {
    first: number;
    lines: string[];
}

const NEWLINE = 0x0a;

/**
 * Streams a text file as batches of lines (one batch per chunk read), without holding the file.
 * Line numbers count every line, blank ones included, so errors can name `file:line`.
 */
export async function* readLineBatches(path: string, chunkBytes = 1 << 20): AsyncGenerator<LineBatch> {
    const handle = await open(path, 'r');
    try {
        let carry: Buffer = Buffer.alloc(0);
        let next = 1;
        let atStart = true;
        const chunk = Buffer.allocUnsafe(chunkBytes);
        for (;;) {
            const { bytesRead } = await handle.read(chunk, 0, chunkBytes, null);
            if (bytesRead === 0) break;
            let bytes = carry.length > 0 ? Buffer.concat([carry, chunk.subarray(0, bytesRead)]) : chunk.subarray(0, bytesRead);
            if (atStart) {
                atStart = false;
                if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
            }
            const end = bytes.lastIndexOf(NEWLINE);
            if (end < 0) {
                carry = Buffer.from(bytes);
                continue;
            }
            const lines = bytes.toString('utf8', 0, end).split('\n');
            carry = Buffer.from(bytes.subarray(end + 1));
            yield { first: next, lines: stripCarriageReturns(lines) };
            next += lines.length;
        }
        if (carry.length > 0) yield { first: next, lines: stripCarriageReturns([carry.toString('utf8')]) };
    } finally {
        await handle.close();
    }
}

function stripCarriageReturns(lines: string[]): string[] {
    for (let i = 0; i < lines.length; i++) {
        const line = lines[i];
        if (line.charCodeAt(line.length - 1) === 13) lines[i] = line.slice(0, -1);
    }
    return lines;
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
