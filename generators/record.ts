import { hash } from 'node:crypto';
import type { Grid } from '../language/grid.js';
import type { FamilyName, Pair } from './family.js';

export const MAX_TRAIN_PAIRS = 5;

/**
 * One generated task as stored in `<Family>.jsonl`: the seed schema (`train_input1`, `train_output1`,
 * …, `test_input`, `test_output`, `solution`, `task_type`) plus `id`, `sub_rule`, `seed` and `index`
 * (the record is a function of (seed, task_type, index)). Grids are lists of rows of colours 0–9.
 */
export interface GeneratedRecord {
    id: string;
    task_type: FamilyName;
    sub_rule: string;
    [grid: `train_input${number}` | `train_output${number}`]: number[][];
    test_input: number[][];
    test_output: number[][];
    solution: string;
    seed: string;
    index: number;
}

/** An accepted record: the fields a run counts by, and the record's JSONL line as bytes. */
export class RecordLine {
    constructor(
        readonly id: string,
        readonly sub_rule: string,
        readonly solution: string,
        /** UTF-8 of `JSON.stringify` of the GeneratedRecord (fields in a fixed order) and a newline. */
        readonly line: Buffer,
    ) {}

    /** The record's JSON text, without the newline. */
    get json(): string {
        return this.line.toString('utf8', 0, this.line.length - 1);
    }
}

/**
 * Builds the record's JSONL line as bytes, straight from the grids' cells: the bytes `JSON.stringify`
 * gives for the GeneratedRecord with its fields in a fixed order, so the line is a function of the
 * content, with no lists of rows and no strings built for it. The id's hash digits are filled in
 * last: the hashed text (`[[[in,out],…],solution]`, as `recordId` spells it) is assembled after the
 * line from the line's own grid bytes, hashed, and left behind (the next line overwrites it).
 */
export function toRecord(family: FamilyName, subRule: string, pairs: Pair[], solution: string, seed: string, index: number): RecordLine {
    const familyJson = jsonBytes(family);
    const subRuleJson = jsonBytes(subRule);
    const solutionJson = jsonBytes(solution);
    const seedJson = jsonBytes(seed);
    const indexText = String(index);
    const train = pairs.length - 1;
    let gridBytes = 0;
    for (const { input, output } of pairs) gridBytes += gridJsonLength(input) + gridJsonLength(output);
    let lineLength = KEYS.id.length + familyJson.length + 1 + ID_DIGITS + KEYS.taskType.length + familyJson.length + KEYS.subRule.length;
    lineLength += subRuleJson.length + gridBytes + KEYS.solution.length + solutionJson.length + KEYS.seed.length + seedJson.length;
    lineLength += KEYS.index.length + indexText.length + 2;
    for (let i = 0; i < train; i++) lineLength += KEYS.trainInput[i].length + KEYS.trainOutput[i].length;
    lineLength += KEYS.testInput.length + KEYS.testOutput.length;
    const textLength = 4 + 4 * pairs.length + gridBytes + solutionJson.length;
    const out = slabWithRoom(lineLength + textLength);
    const start = slabUsed;

    // {"id":"<family>-<16 hex digits>" — the family's JSON without its closing quote, then the digits.
    let m = put(out, start, KEYS.id);
    out.set(familyJson, m);
    m += familyJson.length - 1;
    out[m++] = 45; // -
    const digitsAt = m;
    m += ID_DIGITS;
    out[m++] = 34; // "
    m = put(out, m, KEYS.taskType);
    m = put(out, m, familyJson);
    m = put(out, m, KEYS.subRule);
    m = put(out, m, subRuleJson);
    // Where each grid's JSON starts and ends in the line: input, output of pair i at 4i … 4i+3.
    const spans = spansOf(2 * pairs.length);
    for (let i = 0; i <= train; i++) {
        m = put(out, m, i < train ? KEYS.trainInput[i] : KEYS.testInput);
        spans[4 * i] = m;
        m = writeGridJson(pairs[i].input, out, m);
        spans[4 * i + 1] = m;
        m = put(out, m, i < train ? KEYS.trainOutput[i] : KEYS.testOutput);
        spans[4 * i + 2] = m;
        m = writeGridJson(pairs[i].output, out, m);
        spans[4 * i + 3] = m;
    }
    m = put(out, m, KEYS.solution);
    m = put(out, m, solutionJson);
    m = put(out, m, KEYS.seed);
    m = put(out, m, seedJson);
    m = put(out, m, KEYS.index);
    for (let k = 0; k < indexText.length; k++) out[m++] = indexText.charCodeAt(k);
    out[m++] = 125; // }
    out[m++] = 10; // newline

    let n = m;
    out[n++] = 91; // [
    out[n++] = 91;
    for (let i = 0; i < pairs.length; i++) {
        if (i > 0) out[n++] = 44; // ,
        out[n++] = 91;
        n = copy(out, spans[4 * i], spans[4 * i + 1], n);
        out[n++] = 44;
        n = copy(out, spans[4 * i + 2], spans[4 * i + 3], n);
        out[n++] = 93; // ]
    }
    out[n++] = 93;
    out[n++] = 44;
    n = put(out, n, solutionJson);
    out[n++] = 93;
    if (m - start !== lineLength || n - m !== textLength) {
        throw new Error(`record of ${m - start} + ${n - m} bytes, ${lineLength} + ${textLength} expected`);
    }
    const digest = hash('sha256', new Uint8Array(out.buffer, out.byteOffset + m, textLength), 'hex');
    for (let k = 0; k < ID_DIGITS; k++) out[digitsAt + k] = digest.charCodeAt(k);
    slabUsed = m;
    return new RecordLine(`${family}-${digest.slice(0, ID_DIGITS)}`, subRule, solution, out.subarray(start, m));
}

/** Stable id: the family and a hash of the content (grids and solution), so equal content ⇔ equal id. */
export function recordId(family: FamilyName, rows: readonly (readonly [number[][], number[][]])[], solution: string): string {
    const grids = rows.map(([input, output]) => `[${JSON.stringify(input)},${JSON.stringify(output)}]`);
    return `${family}-${hash('sha256', `[[${grids.join(',')}],${JSON.stringify(solution)}]`, 'hex').slice(0, ID_DIGITS)}`;
}

/** Hex digits of the content hash in an id. */
export const ID_DIGITS = 16;

const utf8 = (text: string) => Buffer.from(text, 'utf8');

/** The line's keys, each with the punctuation before its value. */
const KEYS = {
    id: utf8('{"id":'),
    taskType: utf8(',"task_type":'),
    subRule: utf8(',"sub_rule":'),
    trainInput: Array.from({ length: MAX_TRAIN_PAIRS }, (_, i) => utf8(`,"train_input${i + 1}":`)),
    trainOutput: Array.from({ length: MAX_TRAIN_PAIRS }, (_, i) => utf8(`,"train_output${i + 1}":`)),
    testInput: utf8(',"test_input":'),
    testOutput: utf8(',"test_output":'),
    solution: utf8(',"solution":'),
    seed: utf8(',"seed":'),
    index: utf8(',"index":'),
};

/**
 * JSON text of the strings records repeat, as UTF-8: family, sub-rule, seed, and the solution (the
 * pool's canonical text, one string per program, so most lookups find it).
 */
const jsonCache = new Map<string, Buffer>();

function jsonBytes(text: string): Buffer {
    let bytes = jsonCache.get(text);
    if (!bytes) {
        if (jsonCache.size >= 20_000) jsonCache.clear();
        bytes = utf8(JSON.stringify(text));
        jsonCache.set(text, bytes);
    }
    return bytes;
}

function put(to: Buffer, at: number, bytes: Buffer): number {
    to.set(bytes, at);
    return at + bytes.length;
}

/** Copies bytes [start, end) of `buffer` to `at`, within the buffer. */
function copy(buffer: Buffer, start: number, end: number, at: number): number {
    buffer.copyWithin(at, start, end);
    return at + end - start;
}

let spans = new Int32Array(4 * (MAX_TRAIN_PAIRS + 1));

/**
 * Lines are cut from slabs of 1 MB, one allocation per ~700 records at 10×10 instead of one per
 * record; a slab lives as long as any line cut from it.
 */
let slab = Buffer.allocUnsafeSlow(1 << 20);
let slabUsed = 0;

function slabWithRoom(bytes: number): Buffer {
    if (slabUsed + bytes > slab.length) {
        slab = Buffer.allocUnsafeSlow(Math.max(1 << 20, bytes));
        slabUsed = 0;
    }
    return slab;
}

function spansOf(grids: number): Int32Array {
    if (spans.length < 2 * grids) spans = new Int32Array(2 * grids);
    return spans;
}

/** Bytes of a grid's JSON rows (`[[0,1],[2,3]]`: one digit per cell). */
function gridJsonLength(grid: Grid): number {
    return templateOf(grid.height, grid.width).length;
}

/** Writes a grid as JSON rows, `[[0,1],[2,3]]` (cells are colours 0–9, one digit each), at `n`; returns the end. */
function writeGridJson(grid: Grid, out: Buffer, n: number): number {
    const { height, width, cells } = grid;
    const template = templateOf(height, width);
    out.set(template, n);
    const stride = 2 * width + 2;
    for (let r = 0; r < height; r++) {
        const base = r * width;
        let at = n + 2 + r * stride;
        for (let c = 0; c < width; c++) {
            const cell = cells[base + c];
            if (cell > 9) throw new Error(`colour ${cell} in a generated grid`);
            out[at] = 48 + cell; // '0' + colour
            at += 2;
        }
    }
    return n + template.length;
}

/** The JSON rows of an all-black grid of each shape (`[[0,0],[0,0]]`); a grid's JSON is its template with the digits set. */
const templates = new Map<number, Buffer>();

function templateOf(height: number, width: number): Buffer {
    const shape = height * 4096 + width;
    let template = templates.get(shape);
    if (!template) {
        template = utf8(JSON.stringify(Array.from({ length: height }, () => new Array<number>(width).fill(0))));
        templates.set(shape, template);
    }
    return template;
}

/** The pairs of a record, train pairs first, as [input, output] rows. */
export function recordPairs(record: GeneratedRecord): [number[][], number[][]][] {
    const pairs: [number[][], number[][]][] = [];
    for (let i = 1; i <= MAX_TRAIN_PAIRS && record[`train_input${i}`]; i++) {
        pairs.push([record[`train_input${i}`], record[`train_output${i}`]]);
    }
    pairs.push([record.test_input, record.test_output]);
    return pairs;
}
