import { copyCells, type Grid, MAX_GRID_SIDE } from '../grid.js';
import { asColor, asColorOrNone, asGrid, asPoint, asPositive, pointInGrid } from './args.js';
import { mostColorDefault } from './objects.js';
import type { BuiltinSpec, DerivedDefault } from './spec.js';

const TOP_BACKGROUND = mostColorDefault('most_color(top)', 1);
const NO_COLOR: DerivedDefault = { text: 'none', compute: () => -1 };

/** Copies `src` into `dst` with its top-left at (row, col), skipping cells outside `dst` and of colour `transparent`. */
function blit(dst: Grid, src: Grid, row: number, col: number, transparent = -1): void {
    const { height, width } = src;
    const from = src.cells;
    const to = dst.cells;
    // The rows and columns of `src` that land inside `dst`.
    const firstRow = Math.max(0, -row);
    const endRow = Math.min(height, dst.height - row);
    const firstCol = Math.max(0, -col);
    const endCol = Math.min(width, dst.width - col);
    for (let r = firstRow; r < endRow; r++) {
        const source = r * width;
        const target = (row + r) * dst.width + col;
        if (transparent === -1) {
            copyCells(from, source + firstCol, to, target + firstCol, endCol - firstCol);
            continue;
        }
        for (let c = firstCol; c < endCol; c++) {
            const v = from[source + c];
            if (v !== transparent) to[target + c] = v;
        }
    }
}

export const compositionBuiltins: BuiltinSpec[] = [
    {
        name: 'blank',
        category: 'grid',
        params: [
            { name: 'height', type: 'Int' },
            { name: 'width', type: 'Int' },
            { name: 'color', type: 'Color', default: 0 },
        ],
        returns: 'Grid',
        doc: 'A new grid of one colour (1×1 up to 30×30).',
        example: 'blank(3, 3, color: blue)',
        impl: (args, budget) => {
            const height = args[0];
            const width = args[1];
            const color = args[2];
            const h = asPositive(height, 'height');
            const w = asPositive(width, 'width');
            return budget.grid(h, w, asColor(color, 'color'), h > MAX_GRID_SIDE ? 'height' : 'width');
        },
    },
    {
        name: 'subgrid',
        category: 'grid',
        params: [
            { name: 'g', type: 'Grid' },
            { name: 'at', type: 'Point', doc: 'the top-left cell of the part' },
            { name: 'height', type: 'Int' },
            { name: 'width', type: 'Int' },
        ],
        returns: 'Grid',
        doc: 'The height×width part of the grid whose top-left cell is at; it must lie inside the grid.',
        example: 'subgrid(input, (0, 0), 2, 2)',
        impl: (args, budget) => {
            const g = args[0];
            const at = args[1];
            const height = args[2];
            const width = args[3];
            const grid = asGrid(g);
            const [r, c] = pointInGrid(grid, at, 'at');
            const h = asPositive(height, 'height');
            const w = asPositive(width, 'width');
            if (r + h > grid.height) {
                return budget.fault('height', () => `${h} rows from row ${r} go past the bottom of the ${grid.size} grid`);
            }
            if (c + w > grid.width) {
                return budget.fault('width', () => `${w} columns from column ${c} go past the right edge of the ${grid.size} grid`);
            }
            const out = budget.grid(h, w);
            for (let k = 0; k < h; k++) copyCells(grid.cells, (r + k) * grid.width + c, out.cells, k * w, w);
            return out;
        },
    },
    {
        name: 'paste',
        category: 'grid',
        params: [
            { name: 'g', type: 'Grid' },
            { name: 'pattern', type: 'Grid' },
            { name: 'at', type: 'Point', doc: "where the pattern's top-left cell goes; may be outside the grid" },
            { name: 'transparent', type: 'Color', default: NO_COLOR, doc: 'pattern cells of this colour are skipped' },
        ],
        returns: 'Grid',
        doc: "The grid with the pattern copied over it, the pattern's top-left at at; pattern cells outside the grid are dropped.",
        example: 'paste(input, rotate(input), (0, 0), transparent: black)',
        impl: (args, budget) => {
            const g = args[0];
            const pattern = args[1];
            const at = args[2];
            const transparent = args[3];
            const [r, c] = asPoint(at);
            const skip = asColorOrNone(transparent, 'transparent');
            const out = budget.copy(asGrid(g));
            blit(out, asGrid(pattern), r, c, skip);
            return out;
        },
    },
    {
        name: 'overlay',
        category: 'grid',
        params: [
            { name: 'base', type: 'Grid' },
            { name: 'top', type: 'Grid', doc: 'the same size as base' },
            { name: 'bg', type: 'Color', default: TOP_BACKGROUND, doc: "top's see-through colour" },
        ],
        returns: 'Grid',
        doc: "base with top's non-bg cells painted over it. The grids must be the same size.",
        example: 'overlay(input, flip(input))',
        impl: (args, budget) => {
            const base = args[0];
            const top = args[1];
            const bg = args[2];
            const under = asGrid(base);
            const over = asGrid(top);
            if (under.height !== over.height || under.width !== over.width) {
                return budget.fault('top', () => `top is ${over.size} but base is ${under.size}; they must be the same size`);
            }
            const out = budget.copy(under);
            blit(out, over, 0, 0, asColor(bg, 'bg'));
            return out;
        },
    },
    {
        name: 'hconcat',
        category: 'grid',
        params: [
            { name: 'a', type: 'Grid' },
            { name: 'b', type: 'Grid', doc: 'as tall as a' },
        ],
        returns: 'Grid',
        doc: 'a and b side by side (a on the left). Their heights must match.',
        example: 'hconcat(input, flip(input))',
        impl: (args, budget) => {
            const a = args[0];
            const b = args[1];
            const left = asGrid(a);
            const right = asGrid(b);
            if (left.height !== right.height) {
                return budget.fault('b', () => `b is ${right.size} and a is ${left.size}; side by side, their heights must match`);
            }
            const out = budget.grid(left.height, left.width + right.width, 0, 'b');
            blit(out, left, 0, 0);
            blit(out, right, 0, left.width);
            return out;
        },
    },
    {
        name: 'vconcat',
        category: 'grid',
        params: [
            { name: 'a', type: 'Grid' },
            { name: 'b', type: 'Grid', doc: 'as wide as a' },
        ],
        returns: 'Grid',
        doc: 'a above b. Their widths must match.',
        example: 'vconcat(input, flip(input, horizontal))',
        impl: (args, budget) => {
            const a = args[0];
            const b = args[1];
            const upper = asGrid(a);
            const lower = asGrid(b);
            if (upper.width !== lower.width) {
                return budget.fault('b', () => `b is ${lower.size} and a is ${upper.size}; stacked, their widths must match`);
            }
            const out = budget.grid(upper.height + lower.height, upper.width, 0, 'b');
            out.cells.set(upper.cells, 0);
            out.cells.set(lower.cells, upper.cells.length);
            return out;
        },
    },
    {
        name: 'tile',
        category: 'grid',
        params: [
            { name: 'g', type: 'Grid' },
            { name: 'rows', type: 'Int', doc: 'copies down' },
            { name: 'cols', type: 'Int', doc: 'copies across' },
        ],
        returns: 'Grid',
        doc: 'rows×cols copies of the grid, repeated down and across (the result is at most 30×30).',
        example: 'tile(input, 2, 2)',
        impl: (args, budget) => {
            const g = args[0];
            const rows = args[1];
            const cols = args[2];
            const grid = asGrid(g);
            const down = asPositive(rows, 'rows');
            const across = asPositive(cols, 'cols');
            const out = budget.grid(grid.height * down, grid.width * across, 0, grid.height * down > MAX_GRID_SIDE ? 'rows' : 'cols');
            for (let i = 0; i < down; i++) for (let j = 0; j < across; j++) blit(out, grid, i * grid.height, j * grid.width);
            return out;
        },
    },
    {
        name: 'scale',
        category: 'grid',
        params: [
            { name: 'g', type: 'Grid' },
            { name: 'factor', type: 'Int', doc: 'each cell becomes factor×factor cells' },
        ],
        returns: 'Grid',
        doc: 'The grid enlarged: each cell becomes a factor×factor block (the result is at most 30×30).',
        example: 'scale(input, 2)',
        impl: (args, budget) => {
            const g = args[0];
            const factor = args[1];
            const grid = asGrid(g);
            const k = asPositive(factor, 'factor');
            const out = budget.grid(grid.height * k, grid.width * k, 0, 'factor');
            const { width: ow, cells: dst } = out;
            for (let r = 0; r < out.height; r++) {
                const sourceRow = ((r / k) | 0) * grid.width;
                for (let c = 0; c < ow; c++) dst[r * ow + c] = grid.cells[sourceRow + ((c / k) | 0)];
            }
            return out;
        },
    },
];
