import { BuiltinFault } from '../errors.js';
import type { Grid } from '../grid.js';
import { asAxis, asGrid, asInt, asObject } from './args.js';
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
        impl: ([g, turns], budget) => rotateGrid(asGrid(g), asInt(turns), budget),
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
        impl: ([g, axis], budget) => flipGrid(asGrid(g), asAxis(axis), budget),
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
        impl: ([g, region], budget) => {
            const grid = asGrid(g);
            const o = asObject(region);
            if (o.size === 0) throw new BuiltinFault('cannot crop to an empty object', 'region');
            const top = Math.max(0, o.top);
            const left = Math.max(0, o.left);
            const bottom = Math.min(grid.height - 1, o.bottom);
            const right = Math.min(grid.width - 1, o.right);
            if (top > bottom || left > right) throw new BuiltinFault(`the object lies outside the ${grid.size} grid`, 'region');
            const out = budget.grid(bottom - top + 1, right - left + 1);
            for (let r = top; r <= bottom; r++) {
                out.cells.set(grid.cells.subarray(r * grid.width + left, r * grid.width + right + 1), (r - top) * out.width);
            }
            return out;
        },
    },
];
