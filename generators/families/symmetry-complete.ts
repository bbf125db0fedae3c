import { findObjects } from '../../language/builtins/grid-analysis.js';
import { Grid } from '../../language/grid.js';
import { paletteExcept, pickBackground, pickSize } from '../choices.js';
import { type Family, type Pair, reject, type SizeRange, type SubRule } from '../family.js';
import type { Random } from '../random.js';
import { colorName, retried, SCENE_TRIES } from '../selectors.js';
import { requireBackground } from '../shapes.js';
import { randomPicture } from './transforms.js';

type Axis = 'vertical' | 'horizontal' | 'diagonal' | 'antidiagonal';

/** The symmetries a picture has, and the program text that restores them (one pass per axis). */
interface Symmetry {
    axes: Axis[];
    square: boolean;
}

const SYMMETRIES: Symmetry[] = [
    { axes: ['vertical'], square: false },
    { axes: ['horizontal'], square: false },
    { axes: ['vertical', 'horizontal'], square: false },
    { axes: ['diagonal'], square: true },
    { axes: ['antidiagonal'], square: true },
    { axes: ['diagonal', 'antidiagonal'], square: true },
];

function mirrorCell(axis: Axis, r: number, c: number, h: number, w: number): [number, number] {
    if (axis === 'vertical') return [r, w - 1 - c];
    if (axis === 'horizontal') return [h - 1 - r, c];
    if (axis === 'diagonal') return [c, r];
    return [w - 1 - c, h - 1 - r];
}

/** The cells each cell is tied to by the symmetry (its orbit), as index lists; every cell in exactly one. */
function orbits(axes: readonly Axis[], h: number, w: number): number[][] {
    const seen = new Uint8Array(h * w);
    const out: number[][] = [];
    for (let start = 0; start < h * w; start++) {
        if (seen[start]) continue;
        const orbit = [start];
        seen[start] = 1;
        for (let i = 0; i < orbit.length; i++) {
            const r = Math.floor(orbit[i] / w);
            const c = orbit[i] % w;
            for (const axis of axes) {
                const [mr, mc] = mirrorCell(axis, r, c, h, w);
                const index = mr * w + mc;
                if (!seen[index]) {
                    seen[index] = 1;
                    orbit.push(index);
                }
            }
        }
        out.push(orbit);
    }
    return out;
}

/** Makes a picture symmetric: each orbit takes the colour of one of its cells. */
function symmetrized(rng: Random, picture: Grid, groups: readonly number[][]): Grid {
    const out = picture.clone();
    for (const orbit of groups) {
        const color = picture.cells[rng.pick(orbit)];
        for (const index of orbit) out.cells[index] = color;
    }
    return out;
}

/**
 * Damages a symmetric picture with the damage colour: blocks or a whole half, never a whole orbit,
 * so every damaged cell can be read back from a mirror cell.
 */
function damaged(rng: Random, full: Grid, groups: readonly number[][], damage: number, axes: readonly Axis[]): Grid {
    for (let attempt = 0; attempt < 5; attempt++) {
        const out = damageOnce(rng, full, groups, damage, axes);
        if (!out.equals(full)) return out;
    }
    return reject('identity', 'the damage hit nothing');
}

function damageOnce(rng: Random, full: Grid, groups: readonly number[][], damage: number, axes: readonly Axis[]): Grid {
    const { height: h, width: w } = full;
    const hit = new Uint8Array(h * w);
    if (rng.chance(0.25)) {
        // One side is missing entirely.
        const axis = axes[0];
        for (let r = 0; r < h; r++) {
            for (let c = 0; c < w; c++) {
                const [mr, mc] = mirrorCell(axis, r, c, h, w);
                if (mr * w + mc < r * w + c) hit[r * w + c] = 1;
            }
        }
    } else {
        for (let blocks = rng.int(1, 3); blocks > 0; blocks--) {
            const bh = rng.int(1, Math.max(1, Math.ceil(h / 3)));
            const bw = rng.int(1, Math.max(1, Math.ceil(w / 3)));
            const top = rng.int(0, h - bh);
            const left = rng.int(0, w - bw);
            for (let r = top; r < top + bh; r++) for (let c = left; c < left + bw; c++) hit[r * w + c] = 1;
        }
    }
    const out = full.clone();
    for (const orbit of groups) {
        const keep = orbit.every((i) => hit[i]) ? rng.pick(orbit) : -1;
        for (const index of orbit) if (hit[index] && index !== keep && orbit.length > 1) out.cells[index] = damage;
    }
    return out;
}

function symmetrizeText(grid: string, axes: readonly Axis[], bg?: string): string {
    return axes.reduce((g, axis) => `symmetrize(${g}, ${axis}${bg ? `, ${bg}` : ''})`, grid);
}

function squareOr(rng: Random, sides: SizeRange, square: boolean): [number, number] {
    const [h, w] = pickSize(rng, sides);
    return square ? [h, h] : [h, w];
}

const completeGrid: SubRule = {
    name: 'complete-grid-symmetry',
    minSide: 3,
    make(ctx, sides) {
        const { rng } = ctx;
        const symmetry = rng.pick(SYMMETRIES);
        // Damage is the background (sparse pictures) or a colour of its own on a dense picture.
        const explicit = rng.chance(0.4);
        const damage = explicit ? rng.int(0, 9) : pickBackground(rng);
        const pairs: Pair[] = [];
        for (let k = 0; k < ctx.pairCount; k++) {
            const [height, width] = squareOr(rng, sides, symmetry.square);
            const groups = orbits(symmetry.axes, height, width);
            const base = explicit ? denseWithout(rng, height, width, [damage]) : randomPicture(rng, height, width, damage, false);
            const full = symmetrized(rng, base, groups);
            const input = damaged(rng, full, groups, damage, symmetry.axes);
            if (!explicit) requireBackground(input, damage);
            pairs.push({ input, output: full });
        }
        // Two passes share the background read from the input (the first pass changes the counts).
        const program = (axes: readonly Axis[], bgText?: string) =>
            axes.length > 1 && !bgText
                ? `let bg = most_color(input)\noutput = ${symmetrizeText('input', axes, 'bg')}`
                : `output = ${symmetrizeText('input', axes, bgText)}`;
        const bgText = explicit ? colorName(damage) : undefined;
        const competitors = SYMMETRIES.filter((s) => s !== symmetry && (!s.square || symmetry.square)).map((s) => program(s.axes, bgText));
        if (explicit) competitors.push(program(symmetry.axes));
        return { program: program(symmetry.axes, bgText), pairs, competitors };
    },
};

/** A picture covering the grid in colours other than the missing ones. */
function denseWithout(rng: Random, height: number, width: number, missing: readonly number[]): Grid {
    const colors = rng.sample(paletteExcept(...missing), rng.int(2, 4));
    const grid = Grid.filled(height, width, colors[0]);
    for (let i = 0; i < grid.cells.length; i++) grid.cells[i] = rng.pick(colors);
    return grid;
}

/**
 * A symmetric picture somewhere in a larger grid, damaged with the background or with a colour of
 * its own; the program cuts it out, completes it and pastes it back — or outputs the repaired picture.
 */
const completeObject: SubRule = {
    name: 'complete-object-symmetry',
    minSide: 6,
    make(ctx, sides) {
        const { rng } = ctx;
        const bg = pickBackground(rng);
        const symmetry = rng.pick(SYMMETRIES.filter((s) => s.axes.length === 1 || !s.square));
        const damage = rng.chance(0.5) ? bg : rng.pick(paletteExcept(bg));
        const extract = rng.chance(0.4);
        const pairs: Pair[] = [];
        for (let k = 0; k < ctx.pairCount; k++) {
            const [height, width] = pickSize(rng, sides);
            const [ph, pw] = squareOr(rng, { min: 3, max: Math.min(8, height - 1, width - 1) }, symmetry.square);
            if (ph >= height || pw >= width) reject('no-room');
            const groups = orbits(symmetry.axes, ph, pw);
            pairs.push(
                retried(SCENE_TRIES, () => {
                    // A solid symmetric picture (no background inside), so its box survives the damage.
                    const full = symmetrized(rng, denseWithout(rng, ph, pw, [bg, damage]), groups);
                    const broken = damaged(rng, full, groups, damage, symmetry.axes);
                    const at = { row: rng.int(0, height - ph), col: rng.int(0, width - pw) };
                    const blank = Grid.filled(height, width, bg);
                    const input = pasted(blank, broken, at.row, at.col);
                    // The damaged picture must still be one object with the whole box.
                    const objs = findObjects(input, 8, false, bg);
                    const [o] = objs;
                    if (objs.length !== 1 || o.top !== at.row || o.left !== at.col || o.height !== ph || o.width !== pw) {
                        reject('no-room', 'damage split the picture');
                    }
                    requireBackground(input, bg);
                    return { input, output: extract ? full : pasted(blank, full, at.row, at.col) };
                }),
            );
        }
        const damageText = damage === bg ? 'bg' : colorName(damage);
        const program = (axes: readonly Axis[], colorText: string) => {
            const lines = colorText === 'bg' ? ['let bg = most_color(input)'] : [];
            lines.push('let shape = largest(objects(input, connectivity: 8, by_color: false))');
            const repaired = symmetrizeText('crop(input, shape)', axes, colorText);
            if (extract) lines.push(`output = ${repaired}`);
            else lines.push(`let fixed = ${repaired}`, 'output = paste(input, fixed, position(shape))');
            return lines.join('\n');
        };
        const competitors = SYMMETRIES.filter((s) => s !== symmetry && !s.square).map((s) => program(s.axes, damageText));
        competitors.push(`output = ${symmetrizeText('input', symmetry.axes)}`);
        if (damage !== bg) competitors.push(program(symmetry.axes, 'bg'));
        return { program: program(symmetry.axes, damageText), pairs, competitors };
    },
};

function pasted(grid: Grid, picture: Grid, row: number, col: number): Grid {
    const out = grid.clone();
    for (let r = 0; r < picture.height; r++) {
        out.cells.set(picture.cells.subarray(r * picture.width, (r + 1) * picture.width), (row + r) * out.width + col);
    }
    return out;
}

export const symmetryComplete: Family = {
    name: 'SymmetryComplete',
    subRules: [completeGrid, completeObject],
};
