import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type Rows = number[][];

/** Grid transforms written out by hand, independent of the interpreter the builder verifies with. */
export function rotateClockwise(g: Rows): Rows {
    return g[0].map((_, c) => g.map((row) => row[c]).reverse());
}

export function rotate(g: Rows, turns: number): Rows {
    let out = g;
    for (let i = 0; i < ((turns % 4) + 4) % 4; i++) out = rotateClockwise(out);
    return out;
}

export function mirrorLeftRight(g: Rows): Rows {
    return g.map((row) => [...row].reverse());
}

/** A small seeded generator, so fixtures are the same on every run. */
export function seeded(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
        return state / 4294967296;
    };
}

export function randomGrid(random: () => number, height: number, width: number): Rows {
    return Array.from({ length: height }, () => Array.from({ length: width }, () => Math.floor(random() * 10)));
}

export interface FixtureOptions {
    family?: string;
    turns: number;
    pairs?: number;
    seed: number;
    id?: string;
    side?: number;
}

/**
 * A valid record whose solution is `output = rotate(input, turns)` — distinct `turns` are distinct
 * canonical programs (even when they mean the same rotation), which the split tests rely on.
 */
export function rotateRecord({ family = 'RotateShape', turns, pairs = 2, seed, id, side = 3 }: FixtureOptions): Record<string, unknown> {
    const random = seeded(seed);
    const record: Record<string, unknown> = { id: id ?? `${family}-${turns}-${seed}`, task_type: family, sub_rule: 'rotate-grid' };
    for (let i = 1; i <= pairs + 1; i++) {
        const input = randomGrid(random, side, side + 1);
        const prefix = i <= pairs ? `train_` : 'test_';
        const suffix = i <= pairs ? String(i) : '';
        record[`${prefix}input${suffix}`] = input;
        record[`${prefix}output${suffix}`] = rotate(input, turns);
    }
    record.solution = `output = rotate(input, ${turns})\n`;
    return record;
}

/** A valid MirrorShape record: `output = flip(input, vertical)`. */
export function mirrorRecord(seed: number): Record<string, unknown> {
    const random = seeded(seed);
    const record: Record<string, unknown> = { id: `MirrorShape-${seed}`, task_type: 'MirrorShape', sub_rule: 'mirror-grid' };
    for (const name of ['train_input1', 'train_input2', 'test_input']) {
        const input = randomGrid(random, 4, 3);
        record[name] = input;
        record[name.replace('input', 'output')] = mirrorLeftRight(input);
    }
    record.solution = 'output = flip(input, vertical)\n';
    return record;
}

export function tempDir(prefix = 'arcdsl-dataset-'): string {
    return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes records (objects, or raw text lines) as a JSONL file and returns its path. */
export function writeJsonl(dir: string, name: string, records: readonly (Record<string, unknown> | string)[]): string {
    const path = join(dir, name);
    writeFileSync(path, records.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n');
    return path;
}
