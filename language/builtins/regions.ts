import type { Budget } from '../budget.js';
import { copyCells, type Grid } from '../grid.js';
import type { GridObject, Value } from '../values.js';
import { asColor, asColorOrNone, asGrid } from './args.js';
import { NEIGHBOURS_4, objectFromIndices, searchSpace } from './grid-analysis.js';
import { BACKGROUND } from './objects.js';
import type { BuiltinSpec, DerivedDefault } from './spec.js';

/** The cells of one colour as one object, connected or not. */
function cellsOf(grid: Grid, color: number): GridObject {
    const indices: number[] = [];
    for (let i = 0; i < grid.cells.length; i++) if (grid.cells[i] === color) indices.push(i);
    return objectFromIndices(grid, Int32Array.from(indices));
}

/** The edge-connected regions of bg cells that do not reach the grid's border, in reading order. */
function enclosedRegions(grid: Grid, bg: number): GridObject[] {
    const { height, width, cells } = grid;
    const { seen, stack, members } = searchSpace(cells.length);
    const regions: GridObject[] = [];
    for (let start = 0; start < cells.length; start++) {
        if (seen[start] || cells[start] !== bg) continue;
        let top = 0;
        let count = 0;
        let open = false;
        stack[top++] = start;
        seen[start] = 1;
        while (top > 0) {
            const index = stack[--top];
            members[count++] = index;
            const r = (index / width) | 0;
            const c = index - r * width;
            if (r === 0 || c === 0 || r === height - 1 || c === width - 1) open = true;
            for (let k = 0; k < NEIGHBOURS_4.length; k += 2) {
                const nr = r + NEIGHBOURS_4[k];
                const nc = c + NEIGHBOURS_4[k + 1];
                if (nr < 0 || nc < 0 || nr >= height || nc >= width) continue;
                const next = nr * width + nc;
                if (seen[next] || cells[next] !== bg) continue;
                seen[next] = 1;
                stack[top++] = next;
            }
        }
        if (!open) regions.push(objectFromIndices(grid, members, count));
    }
    return regions;
}

/** Whether every cell of row r (or, with `column`, column r) has colour `color`. */
function wholeLine(grid: Grid, index: number, column: boolean, color: number): boolean {
    const length = column ? grid.height : grid.width;
    for (let k = 0; k < length; k++) {
        const v = column ? grid.get(k, index) : grid.get(index, k);
        if (v !== color) return false;
    }
    return true;
}

/** The colour of the most whole rows and columns (ties: the smallest colour), or -1 if no row or column is one colour. */
function lineColor(grid: Grid): number {
    const lines = new Int32Array(10);
    for (let r = 0; r < grid.height; r++) if (wholeLine(grid, r, false, grid.get(r, 0))) lines[grid.get(r, 0)]++;
    for (let c = 0; c < grid.width; c++) if (wholeLine(grid, c, true, grid.get(0, c))) lines[grid.get(0, c)]++;
    let best = -1;
    for (let color = 0; color < 10; color++) if (lines[color] > 0 && (best === -1 || lines[color] > lines[best])) best = color;
    return best;
}

/** The maximal runs of indices 0..length-1 that are not separator lines, as [first, last] pairs. */
function runsBetween(length: number, isSeparator: (index: number) => boolean): [number, number][] {
    const runs: [number, number][] = [];
    let first = -1;
    for (let k = 0; k <= length; k++) {
        const inside = k < length && !isSeparator(k);
        if (inside && first === -1) first = k;
        if (!inside && first !== -1) {
            runs.push([first, k - 1]);
            first = -1;
        }
    }
    return runs;
}

function splitGrid(grid: Grid, sep: number, budget: Budget): Grid[] {
    const rowRuns = runsBetween(grid.height, (r) => sep !== -1 && wholeLine(grid, r, false, sep));
    const colRuns = runsBetween(grid.width, (c) => sep !== -1 && wholeLine(grid, c, true, sep));
    const blocks: Grid[] = [];
    for (const [top, bottom] of rowRuns) {
        for (const [left, right] of colRuns) {
            const block = budget.grid(bottom - top + 1, right - left + 1);
            const width = block.width;
            for (let r = top; r <= bottom; r++) copyCells(grid.cells, r * grid.width + left, block.cells, (r - top) * width, width);
            blocks.push(block);
        }
    }
    return blocks;
}

const LINE_COLOR: DerivedDefault = { text: 'the colour of whole rows or columns', compute: (args) => lineColor(asGrid(args[0])) };

export const regionBuiltins: BuiltinSpec[] = [
    {
        name: 'cells_of',
        category: 'objects',
        params: [
            { name: 'g', type: 'Grid' },
            { name: 'color', type: 'Color' },
        ],
        returns: 'Object',
        doc: 'All cells of one colour as one object, connected or not (empty if the colour is absent).',
        example: 'crop(input, cells_of(input, red))',
        impl: (args) => {
            const g = args[0];
            const color = args[1];
            return cellsOf(asGrid(g), asColor(color, 'color'));
        },
    },
    {
        name: 'holes',
        category: 'objects',
        params: [
            { name: 'g', type: 'Grid' },
            { name: 'bg', type: 'Color', default: BACKGROUND, doc: 'the colour of the regions' },
        ],
        returns: 'Objects',
        doc: 'The regions of bg cells (edge-connected) that do not touch the border of the grid, as objects in reading order: the regions fill_enclosed fills.',
        example: 'fold(holes(input), input, (g, h) => paint(g, h, red))',
        impl: (args) => {
            const g = args[0];
            const bg = args[1];
            return enclosedRegions(asGrid(g), asColor(bg, 'bg'));
        },
    },
    {
        name: 'split',
        category: 'grid',
        params: [
            { name: 'g', type: 'Grid' },
            {
                name: 'sep',
                type: 'Color',
                default: LINE_COLOR,
                doc: 'the colour of the separating lines; by default the colour of the most whole rows and columns',
            },
        ],
        returns: 'List<Grid>',
        doc: 'The blocks between whole rows and whole columns of colour sep, in reading order (a grid without such lines is one block).',
        example: 'count(split(input, black))',
        impl: (args, budget): Value => {
            const g = args[0];
            const sep = args[1];
            return splitGrid(asGrid(g), asColorOrNone(sep, 'sep'), budget);
        },
    },
];
