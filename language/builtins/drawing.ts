import type { Budget } from '../budget.js';
import type { Grid } from '../grid.js';
import { type Axis, DIR_VECTORS } from '../values.js';
import { asBool, asColor, asColorOrNone, asDir, asGrid, asObject, pointInGrid } from './args.js';
import { mostColor } from './grid-analysis.js';
import { BACKGROUND } from './objects.js';
import type { BuiltinSpec, DerivedDefault } from './spec.js';

const CELLS_OWN_COLOR: DerivedDefault = { text: "the cells' own colour", compute: () => -1 };

/**
 * Walks one line of cells (`length` cells from `start`, `stride` apart) and fills the bg gap between
 * each two consecutive non-bg cells of the same colour. Reads `src`, writes `out`, and only changes
 * cells that are still bg in `out`, so an earlier line wins where lines cross.
 */
export function connectLine(
    src: Uint8Array,
    out: Uint8Array,
    start: number,
    stride: number,
    length: number,
    bg: number,
    color: number,
): void {
    let last = -1;
    let lastColor = -1;
    for (let k = 0; k < length; k++) {
        const v = src[start + k * stride];
        if (v === bg) continue;
        if (v === lastColor && k - last > 1) {
            const paint = color === -1 ? v : color;
            for (let j = last + 1; j < k; j++) {
                const i = start + j * stride;
                if (out[i] === bg) out[i] = paint;
            }
        }
        last = k;
        lastColor = v;
    }
}

/**
 * A copy of the grid where, along every line of each axis in turn, the bg gap between two
 * same-coloured non-bg cells takes `color` (-1: the cells' own colour); an earlier axis wins where
 * lines cross.
 */
export function connectAlongAxes(grid: Grid, axes: readonly Axis[], bg: number, color: number, budget: Budget): Grid {
    const out = budget.copy(grid);
    const { height: h, width: w, cells: src } = grid;
    const dst = out.cells;
    for (const axis of axes) {
        if (axis === 'horizontal') {
            for (let r = 0; r < h; r++) connectLine(src, dst, r * w, 1, w, bg, color);
        } else if (axis === 'vertical') {
            for (let c = 0; c < w; c++) connectLine(src, dst, c, w, h, bg, color);
        } else if (axis === 'diagonal') {
            // Down-right diagonals start on the top row or the left column.
            for (let c = 0; c < w; c++) connectLine(src, dst, c, w + 1, Math.min(h, w - c), bg, color);
            for (let r = 1; r < h; r++) connectLine(src, dst, r * w, w + 1, Math.min(h - r, w), bg, color);
        } else {
            // Down-left diagonals start on the top row or the right column.
            for (let c = 0; c < w; c++) connectLine(src, dst, c, w - 1, Math.min(h, c + 1), bg, color);
            for (let r = 1; r < h; r++) connectLine(src, dst, r * w + w - 1, w - 1, Math.min(h - r, w), bg, color);
        }
    }
    return out;
}

export const drawingBuiltins: BuiltinSpec[] = [
    {
        name: 'line',
        category: 'drawing',
        params: [
            { name: 'g', type: 'Grid' },
            { name: 'from', type: 'Point' },
            { name: 'to', type: 'Point', doc: 'in the same row, column or 45° diagonal as from' },
            { name: 'color', type: 'Color' },
        ],
        returns: 'Grid',
        doc: 'The grid with a straight segment painted from one cell to another, both ends included (horizontal, vertical or 45° diagonal; both points inside the grid).',
        example: 'line(input, (0, 0), (4, 4), red)',
        impl: (args, budget) => {
            const g = args[0];
            const from = args[1];
            const to = args[2];
            const color = args[3];
            const grid = asGrid(g);
            const [r0, c0] = pointInGrid(grid, from, 'from');
            const [r1, c1] = pointInGrid(grid, to, 'to');
            const paint = asColor(color, 'color');
            const dr = r1 - r0;
            const dc = c1 - c0;
            if (dr !== 0 && dc !== 0 && Math.abs(dr) !== Math.abs(dc)) {
                return budget.fault('to', () => `(${r0}, ${c0}) to (${r1}, ${c1}) is not a horizontal, vertical or 45° diagonal line`);
            }
            const out = budget.copy(grid);
            const steps = Math.max(Math.abs(dr), Math.abs(dc));
            const stride = Math.sign(dr) * grid.width + Math.sign(dc);
            const start = r0 * grid.width + c0;
            for (let k = 0; k <= steps; k++) out.cells[start + k * stride] = paint;
            return out;
        },
    },
    {
        name: 'ray',
        category: 'drawing',
        params: [
            { name: 'g', type: 'Grid' },
            { name: 'from', type: 'Point', doc: 'the starting cell, itself left unchanged' },
            { name: 'dir', type: 'Dir' },
            { name: 'color', type: 'Color' },
            { name: 'stop', type: 'Bool', default: false, doc: 'stop before the first cell that is not most_color(g)' },
        ],
        returns: 'Grid',
        doc: 'Paints from the cell after from in direction dir to the edge of the grid (over anything, unless stop is true).',
        example: 'ray(input, (2, 0), right, red, stop: true)',
        impl: (args, budget) => {
            const g = args[0];
            const from = args[1];
            const dir = args[2];
            const color = args[3];
            const stop = args[4];
            const grid = asGrid(g);
            let [r, c] = pointInGrid(grid, from, 'from');
            const [sr, sc] = DIR_VECTORS[asDir(dir)];
            const paint = asColor(color, 'color');
            const bg = asBool(stop) ? mostColor(grid) : -1;
            const out = budget.copy(grid);
            const { height, width, cells } = out;
            for (r += sr, c += sc; r >= 0 && c >= 0 && r < height && c < width; r += sr, c += sc) {
                const i = r * width + c;
                if (bg !== -1 && cells[i] !== bg) break;
                cells[i] = paint;
            }
            return out;
        },
    },
    {
        name: 'connect_pairs',
        category: 'drawing',
        params: [
            { name: 'g', type: 'Grid' },
            { name: 'color', type: 'Color', default: CELLS_OWN_COLOR, doc: 'the colour of the connecting cells' },
            { name: 'bg', type: 'Color', default: BACKGROUND, doc: 'the only cells that change' },
            { name: 'diagonal', type: 'Bool', default: false, doc: 'also connect along 45° diagonals' },
        ],
        returns: 'Grid',
        doc: 'Fills the bg cells between every two same-coloured non-bg cells in a row or column (and diagonal) with nothing but bg between them. Where lines cross, rows win over columns, columns over diagonals.',
        example: 'connect_pairs(input, red)',
        impl: (args, budget) => {
            const g = args[0];
            const color = args[1];
            const bg = args[2];
            const diagonal = args[3];
            return connectAlongAxes(
                asGrid(g),
                asBool(diagonal) ? ['horizontal', 'vertical', 'diagonal', 'antidiagonal'] : ['horizontal', 'vertical'],
                asColor(bg, 'bg'),
                asColorOrNone(color, 'color'),
                budget,
            );
        },
    },
    {
        name: 'outline',
        category: 'drawing',
        params: [
            { name: 'g', type: 'Grid' },
            { name: 'o', type: 'Object' },
            { name: 'color', type: 'Color' },
        ],
        returns: 'Grid',
        doc: "Paints the ring of cells just outside the object's bounding box (over anything); ring cells outside the grid are dropped.",
        example: 'outline(input, largest(objects(input)), red)',
        impl: (args, budget) => {
            const g = args[0];
            const o = args[1];
            const color = args[2];
            const object = asObject(o);
            if (object.size === 0) return budget.fault('o', () => 'cannot outline an empty object');
            const paint = asColor(color, 'color');
            const out = budget.copy(asGrid(g));
            const { height, width, cells } = out;
            const top = object.top - 1;
            const bottom = object.bottom + 1;
            const left = object.left - 1;
            const right = object.right + 1;
            for (let r = Math.max(0, top); r <= Math.min(height - 1, bottom); r++) {
                const edgeRow = r === top || r === bottom;
                for (let c = Math.max(0, left); c <= Math.min(width - 1, right); c++) {
                    if (edgeRow || c === left || c === right) cells[r * width + c] = paint;
                }
            }
            return out;
        },
    },
    {
        name: 'cross',
        category: 'drawing',
        params: [
            { name: 'g', type: 'Grid' },
            { name: 'at', type: 'Point' },
            { name: 'color', type: 'Color' },
            { name: 'bg', type: 'Color', default: BACKGROUND, doc: 'the only cells that change' },
        ],
        returns: 'Grid',
        doc: "The bg cells in the point's whole row and whole column take color.",
        example: 'cross(input, (2, 2), red)',
        impl: (args, budget) => {
            const g = args[0];
            const at = args[1];
            const color = args[2];
            const bg = args[3];
            const grid = asGrid(g);
            const [r, c] = pointInGrid(grid, at, 'at');
            const paint = asColor(color, 'color');
            const background = asColor(bg, 'bg');
            const out = budget.copy(grid);
            const { height, width, cells } = out;
            for (let k = 0; k < width; k++) if (cells[r * width + k] === background) cells[r * width + k] = paint;
            for (let k = 0; k < height; k++) if (cells[k * width + c] === background) cells[k * width + c] = paint;
            return out;
        },
    },
];
