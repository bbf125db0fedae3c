import type { Grid } from '../grid.js';
import { DIR_VECTORS, type GridObject } from '../values.js';
import { asColor, asColorOrNone, asDir, asGrid, asObject, asObjects, asPoint } from './args.js';
import { BACKGROUND } from './objects.js';
import type { BuiltinSpec, DerivedDefault } from './spec.js';

/** The default of a colour parameter that keeps the cells' own colours (-1 at run time). */
export const OWN_COLORS: DerivedDefault = { text: 'its own colours', compute: () => -1 };

/**
 * Paints an object's cells into `out`, shifted by (dr, dc). `color` -1 keeps each cell's own colour.
 * Cells that land outside the grid are dropped.
 */
export function paintObject(out: Grid, o: GridObject, color: number, dr = 0, dc = 0): void {
    const { height, width, cells } = out;
    const { rows, cols, colors } = o;
    for (let i = 0; i < rows.length; i++) {
        const r = rows[i] + dr;
        const c = cols[i] + dc;
        if (r < 0 || c < 0 || r >= height || c >= width) continue;
        cells[r * width + c] = color === -1 ? colors[i] : color;
    }
}

/** Whether the object, shifted by (dr, dc), has a cell outside `grid` or on a cell that is not bg. */
function blocked(grid: Grid, o: GridObject, dr: number, dc: number, bg: number): boolean {
    const { height, width, cells } = grid;
    const { rows, cols } = o;
    for (let i = 0; i < rows.length; i++) {
        const r = rows[i] + dr;
        const c = cols[i] + dc;
        if (r < 0 || c < 0 || r >= height || c >= width || cells[r * width + c] !== bg) return true;
    }
    return false;
}

export const paintingBuiltins: BuiltinSpec[] = [
    {
        name: 'paint',
        category: 'drawing',
        params: [
            { name: 'g', type: 'Grid' },
            { name: 'o', type: 'Object' },
            { name: 'color', type: 'Color', default: OWN_COLORS, doc: "one colour for every cell, or the object's own colours" },
        ],
        returns: 'Grid',
        doc: "The grid with the object's cells painted over it; cells outside the grid are dropped.",
        example: 'paint(input, largest(objects(input)), red)',
        impl: (args, budget) => {
            const g = args[0];
            const o = args[1];
            const color = args[2];
            const out = budget.copy(asGrid(g));
            paintObject(out, asObject(o), asColorOrNone(color, 'color'));
            return out;
        },
    },
    {
        name: 'erase',
        category: 'drawing',
        params: [
            { name: 'g', type: 'Grid' },
            { name: 'o', type: 'Object' },
            { name: 'bg', type: 'Color', default: BACKGROUND, doc: 'the colour the cells take' },
        ],
        returns: 'Grid',
        doc: "The grid with the object's cells set to bg.",
        example: 'erase(input, smallest(objects(input)))',
        impl: (args, budget) => {
            const g = args[0];
            const o = args[1];
            const bg = args[2];
            const out = budget.copy(asGrid(g));
            paintObject(out, asObject(o), asColor(bg, 'bg'));
            return out;
        },
    },
    {
        name: 'keep',
        category: 'drawing',
        params: [
            { name: 'g', type: 'Grid' },
            { name: 'objs', type: 'Objects' },
            { name: 'bg', type: 'Color', default: BACKGROUND, doc: 'the colour of everything else' },
        ],
        returns: 'Grid',
        doc: 'A bg grid of the same size with only these objects painted in their own colours (later objects over earlier ones).',
        example: 'keep(input, filter(objects(input), o => size(o) > 2))',
        impl: (args, budget) => {
            const g = args[0];
            const objs = args[1];
            const bg = args[2];
            const grid = asGrid(g);
            const out = budget.grid(grid.height, grid.width, asColor(bg, 'bg'));
            for (const o of asObjects(objs)) paintObject(out, o, -1);
            return out;
        },
    },
    {
        name: 'recolor',
        category: 'drawing',
        params: [
            { name: 'g', type: 'Grid' },
            { name: 'from', type: 'Color' },
            { name: 'to', type: 'Color' },
        ],
        returns: 'Grid',
        doc: 'The grid with every cell of colour from changed to colour to.',
        example: 'recolor(input, blue, color_of(largest(objects(input))))',
        impl: (args, budget) => {
            const g = args[0];
            const from = args[1];
            const to = args[2];
            const source = asColor(from, 'from');
            const target = asColor(to, 'to');
            const out = budget.copy(asGrid(g));
            const cells = out.cells;
            for (let i = 0; i < cells.length; i++) if (cells[i] === source) cells[i] = target;
            return out;
        },
    },
    {
        name: 'move',
        category: 'drawing',
        params: [
            { name: 'g', type: 'Grid' },
            { name: 'o', type: 'Object' },
            { name: 'by', type: 'Point', doc: '(rows down, columns right); negative values go up or left' },
            { name: 'bg', type: 'Color', default: BACKGROUND, doc: 'the colour left behind' },
        ],
        returns: 'Grid',
        doc: 'Erases the object and paints it shifted by (drow, dcol) over whatever is there; cells leaving the grid are dropped.',
        example: 'move(input, largest(objects(input)), (1, 0))',
        impl: (args, budget) => {
            const g = args[0];
            const o = args[1];
            const by = args[2];
            const bg = args[3];
            const object = asObject(o);
            const [dr, dc] = asPoint(by);
            const out = budget.copy(asGrid(g));
            paintObject(out, object, asColor(bg, 'bg'));
            paintObject(out, object, -1, dr, dc);
            return out;
        },
    },
    {
        name: 'move_until',
        category: 'drawing',
        params: [
            { name: 'g', type: 'Grid' },
            { name: 'o', type: 'Object' },
            { name: 'dir', type: 'Dir' },
            { name: 'bg', type: 'Color', default: BACKGROUND, doc: 'free cells; any other colour stops the object' },
        ],
        returns: 'Grid',
        doc: 'Slides the object one cell at a time in dir until the next step would put a cell on a non-bg cell (not its own) or off the grid; it may not move at all.',
        example: 'move_until(input, smallest(objects(input)), down)',
        impl: (args, budget) => {
            const g = args[0];
            const o = args[1];
            const dir = args[2];
            const bg = args[3];
            const object = asObject(o);
            if (object.size === 0) return budget.fault('o', () => 'cannot move an empty object');
            const background = asColor(bg, 'bg');
            const [sr, sc] = DIR_VECTORS[asDir(dir)];
            const out = budget.copy(asGrid(g));
            paintObject(out, object, background);
            let dr = 0;
            let dc = 0;
            while (!blocked(out, object, dr + sr, dc + sc, background)) {
                dr += sr;
                dc += sc;
            }
            paintObject(out, object, -1, dr, dc);
            return out;
        },
    },
];
