import { DIR_VECTORS } from '../language/values.js';
import type { SizeRange } from './family.js';
import type { Random } from './random.js';

/** A task's background: black most of the time, as in ARC, otherwise any colour. */
export function pickBackground(rng: Random): number {
    return rng.chance(0.65) ? 0 : rng.int(1, 9);
}

/** Colours 0–9 other than the given ones. */
export function paletteExcept(...excluded: number[]): number[] {
    const colors: number[] = [];
    for (let color = 0; color <= 9; color++) if (excluded.indexOf(color) < 0) colors.push(color);
    return colors;
}

/** A grid size within the sides; square a third of the time. */
export function pickSize(rng: Random, sides: SizeRange): [number, number] {
    const height = rng.int(sides.min, sides.max);
    return [height, rng.chance(0.33) ? height : rng.int(sides.min, sides.max)];
}

/** How many objects of up to `box` cells (plus a margin) a grid holds comfortably, at least `min`. */
export function objectCount(
    rng: Random,
    height: number,
    width: number,
    min: number,
    max = 6,
    box: { maxHeight: number; maxWidth: number } = { maxHeight: 3, maxWidth: 3 },
): number {
    const room = Math.floor((height * width) / ((box.maxHeight + 1) * (box.maxWidth + 1) * 2.5));
    return rng.int(min, Math.max(min, Math.min(max, room)));
}

/** The largest shape box for a grid: a third of the side, 1–5. */
export function shapeBox(height: number, width: number, most = 5): { maxHeight: number; maxWidth: number } {
    return {
        maxHeight: Math.max(1, Math.min(most, Math.floor(height / 3) + 1)),
        maxWidth: Math.max(1, Math.min(most, Math.floor(width / 3) + 1)),
    };
}

export type Dir4 = 'up' | 'down' | 'left' | 'right';
export const DIRS4: readonly Dir4[] = ['up', 'down', 'left', 'right'];
export const DIRS8 = ['up', 'down', 'left', 'right', 'up_left', 'up_right', 'down_left', 'down_right'] as const;
export type Dir8 = (typeof DIRS8)[number];

/** The step of each direction, from the language's own table. */
export const DIR_STEP: Record<Dir8, readonly [number, number]> = DIR_VECTORS;

/** A point or vector as DSL text: `(1, -2)`. */
export function pointText(row: number, col: number): string {
    return `(${row}, ${col})`;
}
