import { createHash } from 'node:crypto';

export const SPLIT_NAMES = ['train', 'validation', 'test'] as const;
export type SplitName = (typeof SPLIT_NAMES)[number];

/** `90/5/5` → [90, 5, 5]: three non-negative whole percentages that add up to 100, train > 0. */
export function parseSplitSpec(spec: string): number[] {
    const parts = spec.split('/');
    const percents = parts.map((p) => (/^\d+$/.test(p.trim()) ? Number(p) : Number.NaN));
    if (parts.length !== 3 || percents.some((p) => Number.isNaN(p))) {
        throw new Error(`--split must be three whole percentages like 90/5/5, not '${spec}'`);
    }
    const total = percents[0] + percents[1] + percents[2];
    if (total !== 100) throw new Error(`--split percentages must add up to 100; ${spec} adds up to ${total}`);
    if (percents[0] === 0) throw new Error('--split must give the train split more than 0%');
    return percents;
}

/** One distinct canonical program: its text, the family it first appeared in, its record count. */
export interface ProgramTally {
    text: string;
    family: string;
    records: number;
}

/**
 * Puts every program in exactly one split (index into SPLIT_NAMES). Within each family, programs are
 * ordered by a hash of seed and program text — deterministic, independent of input order — and
 * laid along the family's record count: a program goes to the split whose share of the line holds
 * the midpoint of its records. So each family is split close to the asked percentages by records,
 * while no program is in two splits.
 */
export function assignSplits(programs: readonly ProgramTally[], percents: readonly number[], seed: string | number): Uint8Array {
    const splitOf = new Uint8Array(programs.length);
    const byFamily = new Map<string, number[]>();
    programs.forEach((p, i) => {
        const list = byFamily.get(p.family);
        if (list) list.push(i);
        else byFamily.set(p.family, [i]);
    });
    const bounds = [percents[0] / 100, (percents[0] + percents[1]) / 100];
    for (const members of byFamily.values()) {
        const keyed = members.map((i) => ({ i, key: programKey(programs[i].text, seed) }));
        keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
        const total = keyed.reduce((sum, { i }) => sum + programs[i].records, 0);
        let before = 0;
        for (const { i } of keyed) {
            const midpoint = (before + programs[i].records / 2) / total;
            splitOf[i] = midpoint < bounds[0] ? 0 : midpoint < bounds[1] ? 1 : 2;
            before += programs[i].records;
        }
    }
    return splitOf;
}

function programKey(text: string, seed: string | number): string {
    return createHash('sha256').update(`${seed}\0${text}`).digest('hex');
}
