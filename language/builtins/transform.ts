import type { Budget } from '../budget.js';
import { copyCells, type Grid } from '../grid.js';
import type { GridObject } from '../values.js';
import { asAxis, asColor, asGrid, asInt, asObject } from './args.js';
import { BACKGROUND } from './objects.js';
import { paintObject } from './painting.js';
import type { BuiltinSpec } from './spec.js';

/** Rotates a grid clockwise by quarter turns (any integer; negative turns go anticlockwise). */
export function rotateGrid(grid: Grid, turns: number, budget: { grid(h: number, w: number): Grid }): Grid {
    const t = ((turns % 4) + 4) % 4;
    const { height: h, width: w } = grid;
    const out = t % 2 === 0 ? budget.grid(h, w) : budget.grid(w, h);
    const src = grid.cells;
    const dst = out.cells;
    const n = src.length;
    if (t === 0) dst.set(src);
    else if (t === 2) for (let i = 0; i < n; i++) dst[n - 1 - i] = src[i];
    else if (t === 1) {
        // Row r of the grid becomes column h - 1 - r of the output, read top to bottom.
        for (let r = 0; r < h; r++) for (let c = 0, i = r * w, o = h - 1 - r; c < w; c++, i++, o += h) dst[o] = src[i];
    } else {
        // Row r of the grid becomes column r of the output, read bottom to top.
        for (let r = 0; r < h; r++) for (let c = 0, i = r * w, o = (w - 1) * h + r; c < w; c++, i++, o -= h) dst[o] = src[i];
    }
    return out;
}

/**
 * Mirrors a grid. `horizontal` mirrors across a horizontal line (top ↔ bottom), `vertical` across a
 * vertical line (left ↔ right), `diagonal` transposes, `antidiagonal` transposes across the other diagonal.
 */
export function flipGrid(grid: Grid, axis: string, budget: { grid(h: number, w: number): Grid }): Grid {
    const { height: h, width: w } = grid;
    const transposed = axis === 'diagonal' || axis === 'antidiagonal';
    const out = transposed ? budget.grid(w, h) : budget.grid(h, w);
    const src = grid.cells;
    const dst = out.cells;
    if (axis === 'horizontal') {
        for (let r = 0; r < h; r++) copyCells(src, r * w, dst, (h - 1 - r) * w, w);
    } else if (axis === 'vertical') {
        for (let r = 0; r < h; r++) for (let c = 0, i = r * w, o = i + w - 1; c < w; c++, i++, o--) dst[o] = src[i];
    } else if (axis === 'diagonal') {
        for (let r = 0; r < h; r++) for (let c = 0, i = r * w, o = r; c < w; c++, i++, o += h) dst[o] = src[i];
    } else {
        for (let r = 0; r < h; r++) for (let c = 0, i = r * w, o = (w - 1) * h + h - 1 - r; c < w; c++, i++, o -= h) dst[o] = src[i];
    }
    return out;
}

/**
 * Where `redrawObject` puts a cell: given the last row and column offsets of the bounding box, the
 * coefficients [rr, rc, r0, cr, cc, c0] taking an offset (dr, dc) from the box's top-left to
 * (rr·dr + rc·dc + r0, cr·dr + cc·dc + c0).
 */
type Placement = (lastRow: number, lastCol: number) => readonly number[];

/**
 * Erases an object and paints its cells again at new places inside its own bounding box (see
 * Placement). Cells landing outside the grid are dropped.
 */
function redrawObject(g: Grid, o: GridObject, bg: number, budget: Budget, placement: Placement): Grid {
    const out = budget.copy(g);
    paintObject(out, o, bg);
    const { height, width, cells } = out;
    const { top, left, rows, cols, colors } = o;
    const [rr, rc, r0, cr, cc, c0] = placement(o.height - 1, o.width - 1);
    for (let i = 0; i < o.size; i++) {
        const dr = rows[i] - top;
        const dc = cols[i] - left;
        const r = top + rr * dr + rc * dc + r0;
        const c = left + cr * dr + cc * dc + c0;
        if (r >= 0 && c >= 0 && r < height && c < width) cells[r * width + c] = colors[i];
    }
    return out;
}

const QUARTER_TURNS: Placement[] = [
    () => [1, 0, 0, 0, 1, 0],
    (lastRow) => [0, 1, 0, -1, 0, lastRow],
    (lastRow, lastCol) => [-1, 0, lastRow, 0, -1, lastCol],
    (_lastRow, lastCol) => [0, -1, lastCol, 1, 0, 0],
];

const MIRRORS: Record<string, Placement> = {
    vertical: (_lastRow, lastCol) => [1, 0, 0, 0, -1, lastCol],
    horizontal: (lastRow) => [-1, 0, lastRow, 0, 1, 0],
    diagonal: () => [0, 1, 0, 1, 0, 0],
    antidiagonal: (lastRow, lastCol) => [0, -1, lastCol, -1, 0, lastRow],
};

export const transformBuiltins: BuiltinSpec[] = [
    {
        name: 'rotate',
        category: 'transform',
        params: [
            { name: 'g', type: 'Grid' },
            { name: 'turns', type: 'Int', default: 1, doc: 'clockwise quarter turns; negative turns go anticlockwise' },
        ],
        returns: 'Grid',
        doc: 'The grid rotated clockwise by quarter turns.',
        example: 'rotate(input, 2)',
        impl: (args, budget) => {
            const g = args[0];
            const turns = args[1];
            return rotateGrid(asGrid(g), asInt(turns), budget);
        },
    },
    {
        name: 'flip',
        category: 'transform',
        params: [
            { name: 'g', type: 'Grid' },
            { name: 'axis', type: 'Axis', default: 'vertical', doc: 'the mirror line: vertical swaps left and right' },
        ],
        returns: 'Grid',
        doc: 'The grid mirrored across an axis (vertical: left ↔ right; horizontal: top ↔ bottom; diagonal: transpose).',
        example: 'flip(input, horizontal)',
        impl: (args, budget) => {
            const g = args[0];
            const axis = args[1];
            return flipGrid(asGrid(g), asAxis(axis), budget);
        },
    },
    {
        name: 'crop',
        category: 'transform',
        params: [
            { name: 'g', type: 'Grid' },
            { name: 'region', type: 'Object', doc: 'the object whose bounding box is kept' },
        ],
        returns: 'Grid',
        doc: "The part of the grid inside an object's bounding box (other objects' cells included).",
        example: 'crop(input, largest(objects(input)))',
        impl: (args, budget) => {
            const g = args[0];
            const region = args[1];
            const grid = asGrid(g);
            const o = asObject(region);
            if (o.size === 0) return budget.fault('region', () => 'cannot crop to an empty object');
            const top = Math.max(0, o.top);
            const left = Math.max(0, o.left);
            const bottom = Math.min(grid.height - 1, o.bottom);
            const right = Math.min(grid.width - 1, o.right);
            if (top > bottom || left > right) return budget.fault('region', () => `the object lies outside the ${grid.size} grid`);
            const out = budget.grid(bottom - top + 1, right - left + 1);
            const width = out.width;
            for (let r = top; r <= bottom; r++) copyCells(grid.cells, r * grid.width + left, out.cells, (r - top) * width, width);
            return out;
        },
    },
    {
        name: 'rotate_object',
        category: 'transform',
        params: [
            { name: 'g', type: 'Grid' },
            { name: 'o', type: 'Object' },
            { name: 'turns', type: 'Int', default: 1, doc: 'clockwise quarter turns; negative turns go anticlockwise' },
            { name: 'bg', type: 'Color', default: BACKGROUND, doc: 'the colour left where the object was' },
        ],
        returns: 'Grid',
        doc: 'Erases the object and paints it rotated clockwise, its bounding box keeping the same top-left corner; cells leaving the grid are dropped.',
        example: 'rotate_object(input, largest(objects(input)), 1)',
        impl: (args, budget) =>
            redrawObject(asGrid(args[0]), asObject(args[1]), asColor(args[3], 'bg'), budget, QUARTER_TURNS[((asInt(args[2]) % 4) + 4) % 4]),
    },
    {
        name: 'flip_object',
        category: 'transform',
        params: [
            { name: 'g', type: 'Grid' },
            { name: 'o', type: 'Object' },
            { name: 'axis', type: 'Axis', default: 'vertical', doc: 'vertical swaps left and right' },
            { name: 'bg', type: 'Color', default: BACKGROUND, doc: 'the colour left where the object was' },
        ],
        returns: 'Grid',
        doc: 'Erases the object and paints it mirrored within its own bounding box (a diagonal flip keeps the top-left corner); cells leaving the grid are dropped.',
        example: 'flip_object(input, largest(objects(input)), horizontal)',
        impl: (args, budget) => {
            const g = args[0];
            const o = args[1];
            const axis = args[2];
            const bg = args[3];
            return redrawObject(asGrid(g), asObject(o), asColor(bg, 'bg'), budget, MIRRORS[asAxis(axis)]);
        },
    },
];
