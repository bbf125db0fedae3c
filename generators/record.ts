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

/** An accepted record: the fields a run counts by, and the record's JSONL text. */
export interface RecordLine {
    id: string;
    sub_rule: string;
    solution: string;
    /** `JSON.stringify` of the GeneratedRecord (fields in a fixed order), without the newline. */
    json: string;
}

/**
 * Builds the record's JSON text straight from the grids' cells: the same bytes `JSON.stringify` gives
 * for the GeneratedRecord with its fields in a fixed order, so the text is a function of the content,
 * without building lists of rows first. The hashed text is written as bytes once (the grids' JSON in
 * it is then cut out as strings for the record), so the hash reads bytes, not a string to encode.
 */
export function toRecord(family: FamilyName, subRule: string, pairs: Pair[], solution: string, seed: string, index: number): RecordLine {
    const solutionJson = JSON.stringify(solution);
    let bytes = 8 + 3 * solutionJson.length;
    for (const { input, output } of pairs) bytes += gridJsonLength(input) + gridJsonLength(output) + 3;
    const out = scratchOf(bytes);
    // `[[[in,out],…],solution]`, as JSON.stringify([rows, solution]) would write it.
    const grids: string[] = [];
    let n = 0;
    out[n++] = 91;
    out[n++] = 91;
    for (let i = 0; i < pairs.length; i++) {
        if (i > 0) out[n++] = 44;
        out[n++] = 91;
        let from = n;
        n = writeGridJson(pairs[i].input, out, n);
        grids.push(out.toString('latin1', from, n));
        out[n++] = 44;
        from = n;
        n = writeGridJson(pairs[i].output, out, n);
        grids.push(out.toString('latin1', from, n));
        out[n++] = 93;
    }
    out[n++] = 93;
    out[n++] = 44;
    n += out.write(solutionJson, n, 'utf8');
    out[n++] = 93;
    const id = `${family}-${hash('sha256', new Uint8Array(out.buffer, out.byteOffset, n), 'hex').slice(0, 16)}`;
    let json = `{"id":${JSON.stringify(id)},"task_type":${JSON.stringify(family)},"sub_rule":${JSON.stringify(subRule)}`;
    const train = pairs.length - 1;
    for (let i = 0; i < train; i++) json += `,"train_input${i + 1}":${grids[2 * i]},"train_output${i + 1}":${grids[2 * i + 1]}`;
    json += `,"test_input":${grids[2 * train]},"test_output":${grids[2 * train + 1]},"solution":${solutionJson},"seed":${JSON.stringify(seed)},"index":${index}}`;
    return { id, sub_rule: subRule, solution, json };
}

/** Stable id: the family and a hash of the content (grids and solution), so equal content ⇔ equal id. */
export function recordId(family: FamilyName, rows: readonly (readonly [number[][], number[][]])[], solution: string): string {
    const grids = rows.map(([input, output]) => `[${JSON.stringify(input)},${JSON.stringify(output)}]`);
    return `${family}-${hash('sha256', `[[${grids.join(',')}],${JSON.stringify(solution)}]`, 'hex').slice(0, 16)}`;
}

let scratch = Buffer.allocUnsafe(1 << 16);

function scratchOf(bytes: number): Buffer {
    if (scratch.length < bytes) scratch = Buffer.allocUnsafe(bytes);
    return scratch;
}

/** Bytes of a grid's JSON rows (`[[0,1],[2,3]]`: one digit per cell). */
function gridJsonLength(grid: Grid): number {
    return 2 + grid.height * (2 * grid.width + 2) - 1;
}

/** Writes a grid as JSON rows, `[[0,1],[2,3]]` (cells are colours 0–9, one digit each), at `n`; returns the end. */
function writeGridJson(grid: Grid, out: Buffer, n: number): number {
    const { height, width, cells } = grid;
    out[n++] = 91; // [
    for (let r = 0; r < height; r++) {
        if (r > 0) out[n++] = 44; // ,
        out[n++] = 91;
        const base = r * width;
        for (let c = 0; c < width; c++) {
            if (c > 0) out[n++] = 44;
            const cell = cells[base + c];
            if (cell > 9) throw new Error(`colour ${cell} in a generated grid`);
            out[n++] = 48 + cell; // '0' + colour
        }
        out[n++] = 93; // ]
    }
    out[n++] = 93;
    return n;
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
