import type { Budget } from '../budget.js';
import type { Grid } from '../grid.js';
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
    const ow = out.width;
    for (let r = 0; r < h; r++) {
        for (let c = 0; c < w; c++) {
            const v = src[r * w + c];
            if (t === 0) dst[r * ow + c] = v;
            else if (t === 1) dst[c * ow + (h - 1 - r)] = v;
            else if (t === 2) dst[(h - 1 - r) * ow + (w - 1 - c)] = v;
            else dst[(w - 1 - c) * ow + r] = v;
        }
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
    const ow = out.width;
    for (let r = 0; r < h; r++) {
        for (let c = 0; c < w; c++) {
            const v = src[r * w + c];
            if (axis === 'horizontal') dst[(h - 1 - r) * ow + c] = v;
            else if (axis === 'vertical') dst[r * ow + (w - 1 - c)] = v;
            else if (axis === 'diagonal') dst[c * ow + r] = v;
            else dst[(w - 1 - c) * ow + (h - 1 - r)] = v;
        }
    }
    return out;
}

/**
 * Erases an object and paints its cells again at new places inside its own bounding box: `place`
 * maps a cell's (row, col) offset from the box's top-left to its new offset, given the box's height
 * and width. Cells landing outside the grid are dropped.
 */
function redrawObject(
    g: Grid,
    o: GridObject,
    bg: number,
    budget: Budget,
    place: (dr: number, dc: number, h: number, w: number) => [number, number],
): Grid {
    const out = budget.copy(g);
    paintObject(out, o, bg);
    const { height, width, cells } = out;
    for (let i = 0; i < o.size; i++) {
        const [dr, dc] = place(o.rows[i] - o.top, o.cols[i] - o.left, o.height, o.width);
        const r = o.top + dr;
        const c = o.left + dc;
        if (r >= 0 && c >= 0 && r < height && c < width) cells[r * width + c] = o.colors[i];
    }
    return out;
}

const QUARTER_TURNS: ((dr: number, dc: number, h: number, w: number) => [number, number])[] = [
    (dr, dc) => [dr, dc],
    (dr, dc, h) => [dc, h - 1 - dr],
    (dr, dc, h, w) => [h - 1 - dr, w - 1 - dc],
    (dr, dc, _h, w) => [w - 1 - dc, dr],
];

const MIRRORS: Record<string, (dr: number, dc: number, h: number, w: number) => [number, number]> = {
    vertical: (dr, dc, _h, w) => [dr, w - 1 - dc],
    horizontal: (dr, dc, h) => [h - 1 - dr, dc],
    diagonal: (dr, dc) => [dc, dr],
    antidiagonal: (dr, dc, h, w) => [w - 1 - dc, h - 1 - dr],
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
            for (let r = top; r <= bottom; r++) {
                out.cells.set(grid.cells.subarray(r * grid.width + left, r * grid.width + right + 1), (r - top) * out.width);
            }
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
