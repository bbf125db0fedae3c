import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { CellRecord } from '../../generators/dataset/cell-record.js';
import { readLineBatches } from '../../generators/dataset/read-records.js';
import { RecordError } from '../../generators/dataset/record-error.js';
import { readRecordText, scanRecord } from '../../generators/dataset/scan-record.js';
import { recordFromJson } from '../../generators/dataset/validate-record.js';
import { rotateRecord, tempDir } from './fixtures.js';

/** What a record holds, in plain values, from either reader. */
function plain(record: CellRecord) {
    const grids: number[][][] = [];
    for (let g = 0; g < record.layout.length; g += 3) {
        const [start, height, width] = record.layout.slice(g, g + 3);
        grids.push(Array.from({ length: height }, (_, r) => Array.from(record.cells.subarray(start + r * width, start + (r + 1) * width))));
    }
    return {
        id: record.id,
        task_type: record.task_type,
        sub_rule: record.sub_rule,
        solution: record.solution,
        trainPairs: record.trainPairs,
        grids,
    };
}

/** The reference reading: JSON.parse and recordFromJson. */
function reference(line: string) {
    const record = recordFromJson(JSON.parse(line), 'f.jsonl', 7);
    // As cells (the builder's grids are Uint8Arrays): a colour written -0 is 0.
    const grids = [...record.train, record.test]
        .flatMap((pair) => [pair.input, pair.output])
        .map((rows) => rows.map((row) => Array.from(Uint8Array.from(row))));
    return {
        id: record.id,
        task_type: record.task_type,
        sub_rule: record.sub_rule,
        solution: record.solution,
        trainPairs: record.train.length,
        grids,
    };
}

function scan(line: string): CellRecord | undefined {
    const bytes = Buffer.from(`${line}\0`);
    return scanRecord(bytes, 0, bytes.length - 1);
}

/** The outcome of reading a line the builder's way: plain values, or the error message. */
function outcome(read: () => unknown): unknown {
    try {
        return read();
    } catch (error) {
        if (error instanceof RecordError) return `${error.reason}: ${error.message}`;
        if (error instanceof SyntaxError) return 'malformed JSON';
        throw error;
    }
}

const base = rotateRecord({ turns: 1, seed: 3, pairs: 3 });
const baseLine = JSON.stringify(base);
/** Python's json.dumps spacing. */
const spaced = baseLine.replaceAll(',', ', ').replaceAll('":', '": ');

describe('the record scanner', () => {
    it('reads the lines generators write without JSON.parse, to the same values', () => {
        const lines = [
            baseLine,
            spaced,
            ` \t${spaced}  `,
            JSON.stringify({ ...base, seed: 'abc', index: 12, score: -1.5e-3, ok: true, note: null }),
            JSON.stringify({ solution: base.solution, test_output: base.test_output, ...base }),
            JSON.stringify({ ...base, sub_rule: null }),
            JSON.stringify({ ...base, id: 'Ünïcode-✓', solution: 'output = rotate(input, 1)\r\n' }),
            JSON.stringify({ ...base, id: 'quote"and\\backslash\u0001' }),
            JSON.stringify(rotateRecord({ turns: 2, seed: 4, pairs: 5, side: 29 })),
            JSON.stringify(Object.fromEntries(Object.entries(base).filter(([key]) => key !== 'sub_rule'))),
        ];
        for (const line of lines) {
            const scanned = scan(line);
            assert.ok(scanned, `the scanner reads ${line.slice(0, 80)}…`);
            assert.deepEqual(plain(scanned), reference(line));
        }
    });

    it('leaves every other line to JSON.parse and recordFromJson, which accept it or name the fault the same way', () => {
        const record = (patch: Record<string, unknown>) => JSON.stringify({ ...base, ...patch });
        const withoutKeys = (...keys: string[]) =>
            JSON.stringify(Object.fromEntries(Object.entries(base).filter(([key]) => !keys.includes(key))));
        const lines = [
            baseLine.replace(/\[\[\d/, '[[1.0'), // a colour written 1.0: valid, JSON's 1
            baseLine.replace(/\[\[\d/, '[[-0'), // the colour 0
            baseLine.replace(/\[\[\d/, '[[1e0'),
            record({ train_input1: [[10, 1]] }),
            record({ train_input1: [[1, 2], [3]] }),
            record({ train_input1: [[]] }),
            record({ train_input1: [] }),
            record({ train_input1: Array.from({ length: 31 }, () => [1]) }),
            record({ train_input1: [Array.from({ length: 31 }, () => 1)] }),
            record({ test_output: 'grid' }),
            record({ task_type: 'Nope' }),
            record({ id: '' }),
            record({ id: 5 }),
            record({ sub_rule: 7 }),
            record({ solution: '' }),
            record({ train_input4: base.train_input1 }),
            record({ train_input4: base.train_input1, train_output4: base.train_output1 }), // a fourth pair: valid
            record({ train_input5: base.train_input1, train_output5: base.train_output1 }), // pair 5 with no pair 4
            record({ train_input6: base.train_input1, train_output6: base.train_output1 }),
            record({ train_input3: null }),
            record({ extra: { nested: [1, 2] } }),
            record({ extra: [1, 2] }),
            withoutKeys('test_output'),
            withoutKeys('train_input3', 'train_output3', 'train_input2'),
            withoutKeys('id'),
            `${baseLine.slice(0, -1)}, "id": "again"}`, // a repeated key: JSON.parse keeps the last
            `${baseLine} x`,
            baseLine.slice(0, -20),
            baseLine.replace('"RotateShape', '"Rotate\tShape'), // a raw tab inside a string
            baseLine.replace('"id"', '"\\u0069d"'), // an escaped key
            '[1, 2]',
            '{}',
            '   ',
            '',
        ];
        for (const line of lines) {
            const bytes = Buffer.from(`${line}\0`);
            if (scanRecord(bytes, 0, bytes.length - 1) === undefined) {
                const expected = line.trim() === '' ? null : outcome(() => reference(line));
                const actual = outcome(() => {
                    const record = readRecordText(line, 'f.jsonl', 7);
                    return record && plain(record);
                });
                if (expected === 'malformed JSON') assert.match(String(actual), /^malformed JSON: f\.jsonl:7: malformed JSON: /, line);
                else assert.deepEqual(actual, expected, line.slice(0, 120));
            } else {
                // Taken by the scanner only if the reference accepts it with the same values.
                assert.deepEqual(plain(scan(line)!), reference(line), line.slice(0, 120));
            }
        }
    });

    it('names a bad line by file:line and field through the fallback', () => {
        assert.throws(
            () => readRecordText(JSON.stringify({ ...base, train_input1: [[1, 2], [3]] }), 'Rotate.jsonl', 12),
            (error: unknown) => error instanceof RecordError && /^Rotate\.jsonl:12: train_input1 is ragged/.test(error.message),
        );
        assert.throws(
            () => readRecordText('{"id": ', 'Rotate.jsonl', 3),
            (error: unknown) =>
                error instanceof RecordError && error.reason === 'malformed JSON' && error.message.startsWith('Rotate.jsonl:3:'),
        );
    });
});

describe('the line reader', () => {
    it('gives every line, numbered, whatever the chunk size: a BOM dropped, CRLF ends, blank lines, a long line, with or without a final newline', async () => {
        const dir = tempDir();
        const long = 'x'.repeat(5000);
        const body = `\ufeff{"a": 1}\r\n\n  \nÜnïcode ✓\r\n${long}\n\r\nlast`;
        for (const text of [body, `${body}\n`]) {
            const path = join(dir, 'lines.jsonl');
            writeFileSync(path, text);
            const expected = text
                .slice(1)
                .replace(/\n$/, '')
                .split('\n')
                .map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
            for (const chunkBytes of [1, 2, 3, 5, 8, 64, 4999, 1 << 20]) {
                const lines: string[] = [];
                for await (const batch of readLineBatches(path, chunkBytes)) {
                    assert.equal(batch.first, lines.length + 1, `line numbers run on (chunks of ${chunkBytes} bytes)`);
                    lines.push(...batch.lines);
                }
                assert.deepEqual(lines, expected, `chunks of ${chunkBytes} bytes`);
            }
        }
        rmSync(dir, { recursive: true, force: true });
    });
});
