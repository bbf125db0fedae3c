import { FAMILIES, type Family as FamilyName } from '../language/colors.js';
import type { Grid } from '../language/grid.js';
import type { Random } from './random.js';

/** The eight task families, in their usual order (declared once, in the language). */
export const FAMILY_NAMES = FAMILIES;
export type { FamilyName };

export interface Pair {
    input: Grid;
    output: Grid;
}

/** What a sub-rule proposes: one program, the pairs it must explain, and the readings it must rule out. */
export interface Task {
    /** The rule as DSL text (printed canonically before it is stored). */
    program: string;
    /** The train pairs, then the test pair. Outputs are built by the generator, not by running the program. */
    pairs: Pair[];
    /** Competing simple programs: each must fail on at least one train pair, or the task is ambiguous. */
    competitors: string[];
    /**
     * Optional, aligned with `competitors`: the train pair each competitor is expected to fail on
     * (e.g. where the generator saw its reading leave the target). Verification runs a competitor on
     * that pair first, then on the others in order; the verdict is the same whatever is given here (a
     * wrong or missing entry only costs runs).
     */
    competitorFailsOn?: readonly number[];
}

/** Inclusive range of grid sides. */
export interface SizeRange {
    min: number;
    max: number;
}

/** Why a candidate was thrown away. Counted per family in the run summary. */
export type RejectReason =
    | 'no-room'
    | 'background'
    | 'tie'
    | 'size'
    | 'identity'
    | 'all-background'
    | 'duplicate-pair'
    | 'runtime-error'
    | 'mismatch'
    | 'ambiguous'
    | 'duplicate';

/**
 * Thrown by a sub-rule that cannot finish a candidate (no room for the objects, a tie in the
 * selection…). Not an Error: no stack is captured, since it is thrown often.
 */
export class Rejection {
    constructor(
        readonly reason: RejectReason,
        readonly detail = '',
    ) {}
}

export function reject(reason: RejectReason, detail?: string): never {
    throw new Rejection(reason, detail);
}

/** What a sub-rule gets: the record's random stream and the run's configuration. */
export interface GenContext {
    rng: Random;
    sizes: SizeRange;
    /** Train pairs plus the one test pair. */
    pairCount: number;
}

export interface SubRule {
    name: string;
    /** Smallest grid side the rule can use; the rule is skipped when the run's range lies below it. */
    minSide: number;
    /** Largest input side (e.g. when the output is twice the input); defaults to 30. */
    maxSide?: number;
    make(ctx: GenContext, sides: SizeRange): Task;
}

export interface Family {
    name: FamilyName;
    subRules: SubRule[];
}

const fitting = new WeakMap<Family, Map<string, { rule: SubRule; sides: SizeRange }[]>>();

/** The sub-rules whose side limits overlap the run's size range, with that overlap (worked out once per family and range). */
export function fittingRules(family: Family, sizes: SizeRange): { rule: SubRule; sides: SizeRange }[] {
    let byRange = fitting.get(family);
    if (!byRange) fitting.set(family, (byRange = new Map()));
    const key = `${sizes.min}-${sizes.max}`;
    let rules = byRange.get(key);
    if (!rules) byRange.set(key, (rules = computeFittingRules(family, sizes)));
    return rules;
}

function computeFittingRules(family: Family, sizes: SizeRange): { rule: SubRule; sides: SizeRange }[] {
    const out: { rule: SubRule; sides: SizeRange }[] = [];
    for (const rule of family.subRules) {
        const min = Math.max(sizes.min, rule.minSide);
        const max = Math.min(sizes.max, rule.maxSide ?? 30);
        if (min <= max) out.push({ rule, sides: { min, max } });
    }
    return out;
}
