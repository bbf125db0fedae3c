import type { Grid } from '../grid.js';
import { asAxis, asColor, asConnectivity, asGrid, asObject, pointInGrid } from './args.js';
import { NEIGHBOURS_4, NEIGHBOURS_8, searchSpace } from './grid-analysis.js';
import { BACKGROUND } from './objects.js';
import type { BuiltinSpec } from './spec.js';

/**
 * Marks the cells of colour `color` connected to the seed cells already on `stack` (the first `count`
 * entries, each marked in `seen`), walking edges (4) or edges and corners (8).
 */
function spread(grid: Grid, color: number, connectivity: 4 | 8, seen: Uint8Array, stack: Int32Array, count: number): void {
    const { height, width, cells } = grid;
    const steps = connectivity === 8 ? NEIGHBOURS_8 : NEIGHBOURS_4;
    let top = count;
    while (top > 0) {
        const index = stack[--top];
        const r = (index / width) | 0;
        const c = index - r * width;
        for (let k = 0; k < steps.length; k += 2) {
            const nr = r + steps[k];
            const nc = c + steps[k + 1];
            if (nr < 0 || nc < 0 || nr >= height || nc >= width) continue;
            const next = nr * width + nc;
            if (seen[next] || cells[next] !== color) continue;
            seen[next] = 1;
            stack[top++] = next;
        }
    }
}

/** The cell index a cell maps to when the grid is mirrored across `axis` (the grid is square for diagonals). */
/**
 * `flood_fill`: the cells of `grid` of the seed cell's colour connected to it (the seed included)
 * take `color` in `out`, a grid of the same size.
 */
export function floodInto(grid: Grid, out: Grid, seed: number, color: number, connectivity: 4 | 8): void {
    const { seen, stack } = searchSpace(grid.cells.length);
    seen[seed] = 1;
    stack[0] = seed;
    spread(grid, grid.cells[seed], connectivity, seen, stack, 1);
    for (let i = 0; i < out.cells.length; i++) if (seen[i]) out.cells[i] = color;
}

/**
 * One `symmetrize` pass: `to` (a grid of the same size holding a copy of `from`) takes, in each bg
 * cell of `from`, the colour of its mirror cell when that is not bg. The axis must suit the grid.
 */
export function symmetrizeInto(from: Grid, to: Grid, axis: string, bg: number): void {
    const { height: h, width: w, cells } = from;
    const out = to.cells;
    for (let r = 0; r < h; r++) {
        for (let c = 0; c < w; c++) {
            const i = r * w + c;
            if (cells[i] !== bg) continue;
            const m = cells[mirrorIndex(axis, r, c, h, w)];
            if (m !== bg) out[i] = m;
        }
    }
}

export function mirrorIndex(axis: string, r: number, c: number, h: number, w: number): number {
    switch (axis) {
        case 'vertical':
            return r * w + (w - 1 - c);
        case 'horizontal':
            return (h - 1 - r) * w + c;
        case 'diagonal':
            return c * w + r;
        default:
            return (w - 1 - c) * w + (h - 1 - r);
    }
}

export const fillingBuiltins: BuiltinSpec[] = [
    {
        name: 'fill_bbox',
        category: 'filling',
        params: [
            { name: 'g', type: 'Grid' },
            { name: 'o', type: 'Object' },
            { name: 'color', type: 'Color' },
            { name: 'bg', type: 'Color', default: BACKGROUND, doc: 'the only cells that change' },
        ],
        returns: 'Grid',
        doc: "The bg cells inside the object's bounding box take color (the part of the box inside the grid).",
        example: 'fill_bbox(input, largest(objects(input)), red)',
        impl: (args, budget) => {
            const g = args[0];
            const o = args[1];
            const color = args[2];
            const bg = args[3];
            const object = asObject(o);
            const paint = asColor(color, 'color');
            const background = asColor(bg, 'bg');
            const out = budget.copy(asGrid(g));
            const { height, width, cells } = out;
            for (let r = Math.max(0, object.top); r <= Math.min(height - 1, object.bottom); r++) {
                for (let c = Math.max(0, object.left); c <= Math.min(width - 1, object.right); c++) {
                    if (cells[r * width + c] === background) cells[r * width + c] = paint;
                }
            }
            return out;
        },
    },
    {
        name: 'flood_fill',
        category: 'filling',
        params: [
            { name: 'g', type: 'Grid' },
            { name: 'at', type: 'Point', doc: 'the seed cell' },
            { name: 'color', type: 'Color' },
            { name: 'connectivity', type: 'Int', default: 4, doc: '4 (edges) or 8 (edges and corners)' },
        ],
        returns: 'Grid',
        doc: "The region of the seed cell's colour connected to the seed takes color (the seed included).",
        example: 'flood_fill(input, (0, 0), red)',
        impl: (args, budget) => {
            const g = args[0];
            const at = args[1];
            const color = args[2];
            const connectivity = args[3];
            const grid = asGrid(g);
            const [r, c] = pointInGrid(grid, at, 'at');
            const paint = asColor(color, 'color');
            const out = budget.copy(grid);
            floodInto(grid, out, r * grid.width + c, paint, asConnectivity(connectivity, 'connectivity'));
            return out;
        },
    },
    {
        name: 'fill_enclosed',
        category: 'filling',
        params: [
            { name: 'g', type: 'Grid' },
            { name: 'color', type: 'Color' },
            { name: 'bg', type: 'Color', default: BACKGROUND, doc: 'the colour of the regions that may be filled' },
        ],
        returns: 'Grid',
        doc: 'Every region of bg cells (edge-connected) that does not touch the border of the grid takes color.',
        example: 'fill_enclosed(input, yellow)',
        impl: (args, budget) => {
            const g = args[0];
            const color = args[1];
            const bg = args[2];
            const grid = asGrid(g);
            const paint = asColor(color, 'color');
            const background = asColor(bg, 'bg');
            const { height, width, cells } = grid;
            const { seen, stack } = searchSpace(cells.length);
            let count = 0;
            for (let i = 0; i < cells.length; i++) {
                const r = (i / width) | 0;
                const c = i - r * width;
                const onBorder = r === 0 || c === 0 || r === height - 1 || c === width - 1;
                if (onBorder && cells[i] === background) {
                    seen[i] = 1;
                    stack[count++] = i;
                }
            }
            spread(grid, background, 4, seen, stack, count);
            const out = budget.copy(grid);
            for (let i = 0; i < cells.length; i++) if (cells[i] === background && !seen[i]) out.cells[i] = paint;
            return out;
        },
    },
    {
        name: 'symmetrize',
        category: 'filling',
        params: [
            { name: 'g', type: 'Grid' },
            { name: 'axis', type: 'Axis', default: 'vertical', doc: "the mirror line through the grid's centre" },
            { name: 'bg', type: 'Color', default: BACKGROUND, doc: 'the only cells that change' },
        ],
        returns: 'Grid',
        doc: "Every bg cell whose mirror cell (across the grid's centre line) is not bg takes the mirror's colour. Diagonal axes need a square grid.",
        example: 'symmetrize(input, horizontal)',
        impl: (args, budget) => {
            const g = args[0];
            const axis = args[1];
            const bg = args[2];
            const grid = asGrid(g);
            const mirror = asAxis(axis);
            const background = asColor(bg, 'bg');
            const { height: h, width: w } = grid;
            if ((mirror === 'diagonal' || mirror === 'antidiagonal') && h !== w) {
                return budget.fault('axis', () => `a ${mirror} mirror needs a square grid, not ${grid.size}`);
            }
            const out = budget.copy(grid);
            symmetrizeInto(grid, out, mirror, background);
            return out;
        },
    },
];
