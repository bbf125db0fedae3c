import type { Grid } from '../grid.js';
import { asAxis, asColor, asGrid, asObject } from './args.js';
import { BACKGROUND } from './objects.js';
import type { BuiltinSpec } from './spec.js';

/** Where a mirror sends cell (r, c): a [row, col] pair, possibly outside the grid. */
type Mirror = (r: number, c: number) => [number, number];

/**
 * The mirror of one kind whose line sits at `s`: for horizontal and vertical lines s is twice the
 * line's row or column (odd s falls between two rows or columns); a diagonal line is where
 * row - col = s, an antidiagonal line where row + col = s.
 */
function mirrorAt(axis: string, s: number): Mirror {
    switch (axis) {
        case 'horizontal':
            return (r, c) => [s - r, c];
        case 'vertical':
            return (r, c) => [r, s - c];
        case 'diagonal':
            return (r, c) => [c + s, r - s];
        default:
            return (r, c) => [s - c, s - r];
    }
}

/** The line positions a mirror of this kind can have in an h×w grid. */
function linePositions(axis: string, h: number, w: number): number[] {
    const [low, high] =
        axis === 'horizontal'
            ? [0, 2 * h - 2]
            : axis === 'vertical'
              ? [0, 2 * w - 2]
              : axis === 'diagonal'
                ? [1 - w, h - 1]
                : [0, h + w - 2];
    return Array.from({ length: high - low + 1 }, (_, i) => low + i);
}

/** Copies into `out` every bg cell's mirror colour (where the mirror is inside the grid and not bg), reading `from`. */
function fillFromMirror(from: Grid, out: Grid, mirror: Mirror, bg: number): boolean {
    let changed = false;
    const { height, width } = from;
    for (let r = 0; r < height; r++) {
        for (let c = 0; c < width; c++) {
            if (out.cells[r * width + c] !== bg) continue;
            const [mr, mc] = mirror(r, c);
            if (mr < 0 || mc < 0 || mr >= height || mc >= width) continue;
            const v = from.cells[mr * width + mc];
            if (v !== bg) {
                out.cells[r * width + c] = v;
                changed = true;
            }
        }
    }
    return changed;
}

/**
 * How well a picture agrees with a mirror: `agree` non-bg cells whose in-grid mirror (another cell)
 * has the same colour, `disagree` those whose mirror has another non-bg colour, `known` all non-bg
 * cells with an in-grid mirror, `covered` all cells with one.
 */
function mirrorFit(grid: Grid, mirror: Mirror, bg: number): { agree: number; disagree: number; known: number; covered: number } {
    const fit = { agree: 0, disagree: 0, known: 0, covered: 0 };
    const { height, width, cells } = grid;
    for (let r = 0; r < height; r++) {
        for (let c = 0; c < width; c++) {
            const [mr, mc] = mirror(r, c);
            if (mr < 0 || mc < 0 || mr >= height || mc >= width) continue;
            fit.covered++;
            const v = cells[r * width + c];
            if (v === bg || (mr === r && mc === c)) continue;
            fit.known++;
            const m = cells[mr * width + mc];
            if (m === v) fit.agree++;
            else if (m !== bg) fit.disagree++;
        }
    }
    return fit;
}

/**
 * For each kind of mirror, the line (if any) that the picture obeys: it covers at least half the
 * grid, no two known cells disagree across it, and at least half the known cells it covers have a
 * known, equal mirror. The best such line of each kind (most agreeing cells) is kept.
 */
function obeyedMirrors(grid: Grid, bg: number): Mirror[] {
    const mirrors: Mirror[] = [];
    for (const axis of ['horizontal', 'vertical', 'diagonal', 'antidiagonal']) {
        let best: Mirror | undefined;
        let bestAgree = 0;
        for (const s of linePositions(axis, grid.height, grid.width)) {
            const mirror = mirrorAt(axis, s);
            const fit = mirrorFit(grid, mirror, bg);
            const obeyed = fit.disagree === 0 && fit.agree * 2 >= fit.known && fit.covered * 2 >= grid.cells.length;
            if (obeyed && fit.agree > bestAgree) {
                best = mirror;
                bestAgree = fit.agree;
            }
        }
        if (best) mirrors.push(best);
    }
    return mirrors;
}

/** The smallest tile (fewest cells, then fewest rows) that every non-bg cell agrees with, as [rows, cols, tile colours]. */
function repeatingTile(grid: Grid, bg: number): [number, number, Int8Array] {
    const { height, width, cells } = grid;
    const sizes: [number, number][] = [];
    for (let rows = 1; rows <= height; rows++) for (let cols = 1; cols <= width; cols++) sizes.push([rows, cols]);
    sizes.sort((a, b) => a[0] * a[1] - b[0] * b[1] || a[0] - b[0]);
    for (const [rows, cols] of sizes) {
        const tile = new Int8Array(rows * cols).fill(-1);
        let consistent = true;
        for (let i = 0; i < cells.length && consistent; i++) {
            if (cells[i] === bg) continue;
            const r = (i / width) | 0;
            const at = (r % rows) * cols + ((i - r * width) % cols);
            if (tile[at] === -1) tile[at] = cells[i];
            else consistent = tile[at] === cells[i];
        }
        if (consistent) return [rows, cols, tile];
    }
    throw new Error('unreachable: the whole grid is always a repeating tile');
}

export const completionBuiltins: BuiltinSpec[] = [
    {
        name: 'symmetrize_about',
        category: 'filling',
        params: [
            { name: 'g', type: 'Grid' },
            { name: 'center', type: 'Object', doc: "the mirror line runs through the centre of this object's bounding box" },
            { name: 'axis', type: 'Axis', default: 'vertical', doc: 'vertical: the line is vertical and swaps left and right' },
            { name: 'bg', type: 'Color', default: BACKGROUND, doc: 'the only cells that change' },
        ],
        returns: 'Grid',
        doc: "Like symmetrize, with the mirror line through the centre of an object's bounding box (possibly between cells): every bg cell whose mirror is inside the grid and not bg takes the mirror's colour.",
        example: 'symmetrize_about(input, smallest(objects(input)), horizontal)',
        impl: (args, budget) => {
            const g = args[0];
            const center = args[1];
            const axis = args[2];
            const bg = args[3];
            const grid = asGrid(g);
            const o = asObject(center);
            if (o.size === 0) return budget.fault('center', () => 'an empty object has no centre');
            const mirror = asAxis(axis);
            const rows2 = o.top + o.bottom;
            const cols2 = o.left + o.right;
            if ((mirror === 'diagonal' || mirror === 'antidiagonal') && (rows2 + cols2) % 2 !== 0) {
                return budget.fault(
                    'center',
                    () => `a ${mirror} line through the centre of a ${o.height}×${o.width} box runs between cells`,
                );
            }
            const s =
                mirror === 'horizontal'
                    ? rows2
                    : mirror === 'vertical'
                      ? cols2
                      : mirror === 'diagonal'
                        ? (rows2 - cols2) / 2
                        : (rows2 + cols2) / 2;
            const out = budget.copy(grid);
            fillFromMirror(grid, out, mirrorAt(mirror, s), asColor(bg, 'bg'));
            return out;
        },
    },
    {
        name: 'complete_symmetry',
        category: 'filling',
        params: [
            { name: 'g', type: 'Grid' },
            { name: 'bg', type: 'Color', default: BACKGROUND, doc: 'the colour of the missing cells' },
        ],
        returns: 'Grid',
        doc: "Finds the mirror lines (horizontal, vertical, diagonal, antidiagonal, anywhere in the grid) that the non-bg cells obey and fills each bg cell with its mirror cells' colour, until nothing changes.",
        example: 'complete_symmetry(input)',
        impl: (args, budget) => {
            const g = args[0];
            const bg = args[1];
            const grid = asGrid(g);
            const background = asColor(bg, 'bg');
            const mirrors = obeyedMirrors(grid, background);
            const out = budget.copy(grid);
            for (let pass = 0, changed = true; changed && pass < 8; pass++) {
                changed = false;
                for (const mirror of mirrors) changed = fillFromMirror(out, out, mirror, background) || changed;
            }
            return out;
        },
    },
    {
        name: 'complete_pattern',
        category: 'filling',
        params: [
            { name: 'g', type: 'Grid' },
            { name: 'bg', type: 'Color', default: BACKGROUND, doc: 'the colour of the missing cells' },
        ],
        returns: 'Grid',
        doc: 'Finds the smallest tile (fewest cells) that the non-bg cells repeat across the grid and fills each bg cell from it; cells the tile does not know stay bg.',
        example: 'complete_pattern(input, bg: black)',
        impl: (args, budget) => {
            const g = args[0];
            const bg = args[1];
            const grid = asGrid(g);
            const background = asColor(bg, 'bg');
            const [rows, cols, tile] = repeatingTile(grid, background);
            const out = budget.copy(grid);
            const { width, cells } = out;
            for (let i = 0; i < cells.length; i++) {
                if (cells[i] !== background) continue;
                const r = (i / width) | 0;
                const v = tile[(r % rows) * cols + ((i - r * width) % cols)];
                if (v !== -1) cells[i] = v;
            }
            return out;
        },
    },
];
