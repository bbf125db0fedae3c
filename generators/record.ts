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
 * Builds the record's JSON text straight from the grids' cells: the same bytes `JSON.stringify`
 * gives for the GeneratedRecord with its fields in a fixed order, so the text is a function of the
 * content, without building lists of rows first.
 */
export function toRecord(family: FamilyName, subRule: string, pairs: Pair[], solution: string, seed: string, index: number): RecordLine {
    const grids = pairs.map(({ input, output }) => [gridJson(input), gridJson(output)] as const);
    const solutionJson = JSON.stringify(solution);
    const id = `${family}-${contentHash(grids, solutionJson)}`;
    let json = `{"id":${JSON.stringify(id)},"task_type":${JSON.stringify(family)},"sub_rule":${JSON.stringify(subRule)}`;
    for (let i = 0; i < grids.length - 1; i++) json += `,"train_input${i + 1}":${grids[i][0]},"train_output${i + 1}":${grids[i][1]}`;
    const [testInput, testOutput] = grids[grids.length - 1];
    json += `,"test_input":${testInput},"test_output":${testOutput},"solution":${solutionJson},"seed":${JSON.stringify(seed)},"index":${index}}`;
    return { id, sub_rule: subRule, solution, json };
}

/** Stable id: the family and a hash of the content (grids and solution), so equal content ⇔ equal id. */
export function recordId(family: FamilyName, rows: readonly (readonly [number[][], number[][]])[], solution: string): string {
    const grids = rows.map(([input, output]) => [JSON.stringify(input), JSON.stringify(output)] as const);
    return `${family}-${contentHash(grids, JSON.stringify(solution))}`;
}

/** sha256 of `JSON.stringify([rows, solution])`, assembled from the parts' JSON texts; 16 hex digits. */
function contentHash(grids: readonly (readonly [string, string])[], solutionJson: string): string {
    let text = '[[';
    for (let i = 0; i < grids.length; i++) text += `${i > 0 ? ',' : ''}[${grids[i][0]},${grids[i][1]}]`;
    return hash('sha256', `${text}],${solutionJson}]`, 'hex').slice(0, 16);
}

let scratch = Buffer.allocUnsafe(4096);

/** A grid as JSON rows, `[[0,1],[2,3]]` (cells are colours 0–9, one digit each). */
export function gridJson(grid: Grid): string {
    const { height, width, cells } = grid;
    const size = 2 + height * (2 * width + 2);
    if (scratch.length < size) scratch = Buffer.allocUnsafe(size);
    const out = scratch;
    let n = 0;
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
    return out.toString('latin1', 0, n);
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
