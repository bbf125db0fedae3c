import { mirrorIndex, symmetrizeInto } from '../../language/builtins/filling.js';
import { mostColor } from '../../language/builtins/grid-analysis.js';
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

/**
 * Scratch cells for the checks in this file (grids are at most 30 × 30): a typed array over 64 bytes
 * made per check would get a backing store of its own, which costs more than the check.
 */
const HIT = new Uint8Array(900);
const SEEN = new Uint8Array(900);

/**
 * The cells each cell is tied to by the symmetry (its orbit), as index lists; every cell in exactly
 * one. Worked out once per symmetry and size: the lists are only read.
 */
const orbitCache = new WeakMap<readonly Axis[], Map<number, readonly number[][]>>();

/** The orbits of a symmetry's axes (one of the SYMMETRIES' lists: the cache is keyed by the list itself). */
function orbits(axes: readonly Axis[], h: number, w: number): readonly number[][] {
    let bySize = orbitCache.get(axes);
    if (!bySize) orbitCache.set(axes, (bySize = new Map()));
    let out = bySize.get(h * 32 + w);
    if (!out) bySize.set(h * 32 + w, (out = computeOrbits(axes, h, w)));
    return out;
}

function computeOrbits(axes: readonly Axis[], h: number, w: number): number[][] {
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
                const index = mirrorIndex(axis, r, c, h, w);
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

/** Makes a picture symmetric in place: each orbit takes the colour of one of its cells. */
function symmetrize(rng: Random, picture: Grid, groups: readonly number[][]): Grid {
    const cells = picture.cells;
    for (const orbit of groups) {
        if (orbit.length === 1) continue;
        const color = cells[orbit[Math.floor(rng.float() * orbit.length)]];
        for (const index of orbit) cells[index] = color;
    }
    return picture;
}

/**
 * Paints `count` cells of the picture in `color` before it is made symmetric, so the finished picture
 * holds that colour in a pattern the program's symmetry keeps and another axis would not.
 */
function sprinkle(rng: Random, picture: Grid, color: number, count: number): void {
    for (let i = 0; i < count; i++) picture.cells[rng.int(0, picture.cells.length - 1)] = color;
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
    const hit = HIT.fill(0, 0, h * w);
    if (rng.chance(0.25)) {
        // One side is missing entirely.
        const axis = axes[0];
        for (let r = 0; r < h; r++) {
            for (let c = 0; c < w; c++) if (mirrorIndex(axis, r, c, h, w) < r * w + c) hit[r * w + c] = 1;
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
    // With two axes, one cell and its mirror across each axis go missing too: one axis alone cannot
    // restore them, so each one-axis reading leaves a hole the two passes fill.
    if (axes.length === 2) for (const axis of axes) hitWithMirror(rng, full, hit, damage, axis);
    const out = full.clone();
    for (const orbit of groups) {
        if (orbit.length === 1) continue;
        let all = true;
        for (const i of orbit) if (!hit[i]) all = false;
        const keep = all ? orbit[Math.floor(rng.float() * orbit.length)] : -1;
        for (const index of orbit) if (hit[index] && index !== keep) out.cells[index] = damage;
    }
    return out;
}

/** Marks a cell that is not the damage colour, and its mirror across the axis, as hit. */
function hitWithMirror(rng: Random, full: Grid, hit: Uint8Array, damage: number, axis: Axis): void {
    const { height: h, width: w } = full;
    for (let attempt = 0; attempt < 8; attempt++) {
        const r = rng.int(0, h - 1);
        const c = rng.int(0, w - 1);
        const mirror = mirrorIndex(axis, r, c, h, w);
        if (full.cells[r * w + c] === damage || mirror === r * w + c) continue;
        hit[r * w + c] = 1;
        hit[mirror] = 1;
        return;
    }
}

function symmetrizeText(grid: string, axes: readonly Axis[], bg?: string): string {
    return axes.reduce((g, axis) => `symmetrize(${g}, ${axis}${bg ? `, ${bg}` : ''})`, grid);
}

function squareOr(rng: Random, sides: SizeRange, square: boolean): [number, number] {
    const [h, w] = pickSize(rng, sides);
    return square ? [h, h] : [h, w];
}

/**
 * A competing reading, as `symmetrize` computes it: passes over the axes, each turning the cells of
 * the bg colour whose mirror is not bg into the mirror's colour. `bg` is a colour; without one, the
 * input's most frequent colour (`let bg = most_color(input)`), or with `nested` each pass's own.
 */
interface Reading {
    axes: readonly Axis[];
    bg?: number;
    nested?: boolean;
    /** Run on the whole input rather than on the picture cut out of it. */
    whole?: boolean;
}

/**
 * Whether the reading turns `input` into `expected`, pass by pass as the builtin `symmetrize` computes
 * (a diagonal axis on a non-square grid fails, as in a program). The passes run on two scratch grids.
 */
function readingGives(reading: Reading, input: Grid, expected: Grid): boolean {
    const { height: h, width: w } = input;
    if (h !== expected.height || w !== expected.width) return false;
    if (h !== w && reading.axes.some((axis) => axis === 'diagonal' || axis === 'antidiagonal')) return false;
    const fixed = reading.bg ?? (reading.nested ? undefined : mostColor(input));
    let [from, to] = scratchGrids(h, w);
    from.cells.set(input.cells);
    for (const axis of reading.axes) {
        to.cells.set(from.cells);
        symmetrizeInto(from, to, axis, fixed ?? mostColor(from));
        [from, to] = [to, from];
    }
    return from.equals(expected);
}

/** Two grids of each size for `readingGives` to work in, made once per size. */
function scratchGrids(h: number, w: number): [Grid, Grid] {
    let pair = SCRATCH.get(h * 32 + w);
    if (!pair) SCRATCH.set(h * 32 + w, (pair = [Grid.filled(h, w, 0), Grid.filled(h, w, 0)]));
    return pair;
}

const SCRATCH = new Map<number, [Grid, Grid]>();

/**
 * Keeps track of the competing readings that explain every train pair so far; the last train pair is
 * rejected (and redrawn) while one still stands. verifyTask runs the same readings through the
 * interpreter; this only keeps candidates that would fail there from being finished.
 */
class ReadingWatch {
    /** The indices (in `rivals`) of the readings that explain every train pair so far. */
    private standing: number[];
    /** Per reading, the train pair it failed on (for `Task.competitorFailsOn`). */
    readonly failsOn: number[];

    constructor(
        private readonly rivals: readonly Reading[],
        private readonly trainPairs: number,
    ) {
        this.standing = rivals.map((_, i) => i);
        this.failsOn = rivals.map(() => 0);
    }

    /** Notes train pair `pair` (0-based), given whether each reading explains it. */
    admit(pair: number, explains: (reading: Reading) => boolean): void {
        if (pair >= this.trainPairs) return;
        const standing: number[] = [];
        const failing: number[] = [];
        for (const i of this.standing) (explains(this.rivals[i]) ? standing : failing).push(i);
        if (pair === this.trainPairs - 1 && standing.length > 0) {
            reject('ambiguous', `${this.rivals[standing[0]].axes.join('+')} restores it too`);
        }
        for (const i of failing) this.failsOn[i] = pair;
        this.standing = standing;
    }
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
        const rivalSymmetries = SYMMETRIES.filter((s) => s !== symmetry && (!s.square || symmetry.square));
        // The program's bg is the damage colour, or the input's most frequent colour.
        const bg = explicit ? damage : undefined;
        const rivals: Reading[] = rivalSymmetries.map((s) => ({ axes: s.axes, bg }));
        if (explicit) rivals.push({ axes: symmetry.axes });
        const watch = new ReadingWatch(rivals, ctx.pairCount - 1);
        const pairs: Pair[] = [];
        for (let k = 0; k < ctx.pairCount; k++) {
            const [height, width] = squareOr(rng, sides, symmetry.square);
            const groups = orbits(symmetry.axes, height, width);
            pairs.push(
                retried(SCENE_TRIES, () => {
                    const base = explicit ? denseWithout(rng, height, width, [damage]) : randomPicture(rng, height, width, damage, false);
                    // A one-axis picture that also holds the damage colour tells one pass from two:
                    // a second pass would change those cells.
                    if (explicit && symmetry.axes.length === 1) sprinkle(rng, base, damage, rng.int(1, Math.max(1, (height * width) >> 4)));
                    const full = symmetrize(rng, base, groups);
                    const input = damaged(rng, full, groups, damage, symmetry.axes);
                    if (!explicit) requireBackground(input, damage);
                    watch.admit(k, (r) => readingGives(r, input, full));
                    return { input, output: full };
                }),
            );
        }
        // Two passes share the background read from the input (the first pass changes the counts).
        const program = (axes: readonly Axis[], bgText?: string) =>
            axes.length > 1 && !bgText
                ? `let bg = most_color(input)\noutput = ${symmetrizeText('input', axes, 'bg')}`
                : `output = ${symmetrizeText('input', axes, bgText)}`;
        const bgText = explicit ? colorName(damage) : undefined;
        const competitors = rivalSymmetries.map((s) => program(s.axes, bgText));
        if (explicit) competitors.push(program(symmetry.axes));
        return { program: program(symmetry.axes, bgText), pairs, competitors, competitorFailsOn: watch.failsOn };
    },
};

/** A picture covering the grid in colours other than the missing ones. */
function denseWithout(rng: Random, height: number, width: number, missing: readonly number[]): Grid {
    const colors = rng.sample(paletteExcept(...missing), rng.int(2, 4));
    const grid = Grid.filled(height, width, colors[0]);
    const cells = grid.cells;
    for (let i = 0; i < cells.length; i++) cells[i] = colors[Math.floor(rng.float() * colors.length)];
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
        const rivalSymmetries = SYMMETRIES.filter((s) => s !== symmetry && !s.square);
        // Readings of the cut-out picture, and one of the whole grid.
        const rivals: Reading[] = rivalSymmetries.map((s) => ({ axes: s.axes, bg: damage }));
        rivals.push({ axes: symmetry.axes, nested: true, whole: true });
        if (damage !== bg) rivals.push({ axes: symmetry.axes, bg });
        const watch = new ReadingWatch(rivals, ctx.pairCount - 1);
        const pairs: Pair[] = [];
        for (let k = 0; k < ctx.pairCount; k++) {
            const [height, width] = pickSize(rng, sides);
            const [ph, pw] = squareOr(rng, { min: 3, max: Math.min(8, height - 1, width - 1) }, symmetry.square);
            if (ph >= height || pw >= width) reject('no-room');
            const groups = orbits(symmetry.axes, ph, pw);
            pairs.push(
                retried(SCENE_TRIES, () => {
                    // A solid symmetric picture, so its box survives the damage; a one-axis picture
                    // also holds a few cells of the damage colour, which a second pass would change.
                    const base = denseWithout(rng, ph, pw, [bg, damage]);
                    if (symmetry.axes.length === 1) sprinkle(rng, base, damage, rng.int(1, 2));
                    const full = symmetrize(rng, base, groups);
                    // The damaged picture must still be one object with the whole box: damage in the
                    // background's colour may split it; then the picture is damaged again, a few times.
                    let broken = damaged(rng, full, groups, damage, symmetry.axes);
                    for (let again = 0; !isOneObject(broken, bg); again++) {
                        if (again === 3) reject('no-room', 'damage split the picture');
                        broken = damaged(rng, full, groups, damage, symmetry.axes);
                    }
                    const row = rng.int(0, height - ph);
                    const col = rng.int(0, width - pw);
                    const input = pasted(height, width, bg, broken, row, col);
                    requireBackground(input, bg);
                    const output = extract ? full : pasted(height, width, bg, full, row, col);
                    watch.admit(k, (r) => (r.whole ? readingGives(r, input, output) : readingGives(r, broken, full)));
                    return { input, output };
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
        const competitors = rivalSymmetries.map((s) => program(s.axes, damageText));
        competitors.push(`output = ${symmetrizeText('input', symmetry.axes)}`);
        if (damage !== bg) competitors.push(program(symmetry.axes, 'bg'));
        return { program: program(symmetry.axes, damageText), pairs, competitors, competitorFailsOn: watch.failsOn };
    },
};

/**
 * Whether the picture's non-bg cells form one object (8-connected) that spans its whole box — what
 * `largest(objects(input, connectivity: 8, by_color: false))` finds once the picture stands alone on bg.
 */
function isOneObject(picture: Grid, bg: number): boolean {
    const { height: h, width: w, cells } = picture;
    const seen = SEEN.fill(0, 0, h * w);
    let total = 0;
    let start = -1;
    for (let i = 0; i < cells.length; i++) {
        if (cells[i] === bg) continue;
        total++;
        if (start < 0) start = i;
    }
    if (start < 0) return false;
    const stack = [start];
    seen[start] = 1;
    let reached = 0;
    let top = h;
    let bottom = -1;
    let left = w;
    let right = -1;
    while (stack.length > 0) {
        const i = stack.pop() as number;
        reached++;
        const r = (i / w) | 0;
        const c = i - r * w;
        if (r < top) top = r;
        if (r > bottom) bottom = r;
        if (c < left) left = c;
        if (c > right) right = c;
        for (let dr = -1; dr <= 1; dr++) {
            for (let dc = -1; dc <= 1; dc++) {
                const rr = r + dr;
                const cc = c + dc;
                if (rr < 0 || cc < 0 || rr >= h || cc >= w) continue;
                const j = rr * w + cc;
                if (!seen[j] && cells[j] !== bg) {
                    seen[j] = 1;
                    stack.push(j);
                }
            }
        }
    }
    return reached === total && top === 0 && left === 0 && bottom === h - 1 && right === w - 1;
}

/** A bg grid with the picture at (row, col). */
function pasted(height: number, width: number, bg: number, picture: Grid, row: number, col: number): Grid {
    const out = Grid.filled(height, width, bg);
    const { cells } = out;
    const from = picture.cells;
    const pw = picture.width;
    for (let r = 0; r < picture.height; r++) {
        // Cell by cell: a subarray per row costs more than the copy.
        const at = (row + r) * width + col;
        for (let c = 0; c < pw; c++) cells[at + c] = from[r * pw + c];
    }
    return out;
}

export const symmetryComplete: Family = {
    name: 'SymmetryComplete',
    subRules: [completeGrid, completeObject],
};
