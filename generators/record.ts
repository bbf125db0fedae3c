import { createHash } from 'node:crypto';
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

/** Builds the record with its fields in a fixed order, so the JSON text is a function of the content. */
export function toRecord(
    family: FamilyName,
    subRule: string,
    pairs: Pair[],
    solution: string,
    seed: string,
    index: number,
): GeneratedRecord {
    const rows = pairs.map(({ input, output }) => [input.toRows(), output.toRows()] as const);
    const record: Record<string, unknown> = { id: recordId(family, rows, solution), task_type: family, sub_rule: subRule };
    rows.slice(0, -1).forEach(([input, output], i) => {
        record[`train_input${i + 1}`] = input;
        record[`train_output${i + 1}`] = output;
    });
    const [testInput, testOutput] = rows[rows.length - 1];
    record.test_input = testInput;
    record.test_output = testOutput;
    record.solution = solution;
    record.seed = seed;
    record.index = index;
    return record as unknown as GeneratedRecord;
}

/** Stable id: the family and a hash of the content (grids and solution), so equal content ⇔ equal id. */
export function recordId(family: FamilyName, rows: readonly (readonly [number[][], number[][]])[], solution: string): string {
    const hash = createHash('sha256')
        .update(JSON.stringify([rows, solution]))
        .digest('hex');
    return `${family}-${hash.slice(0, 16)}`;
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
