import { Grid } from './grid.js';
import { slabBytes, slabInt32s } from './slab.js';

/**
 * Where a search found its objects: every object's cells in one array (each object's run in reading
 * order), each cell as `index * 16 + colour` (see `foundCell`), so an object's rows, columns and
 * colours can be read off when first asked for without a copy of the grid searched (generators paint
 * into grids after searching them).
 */
export interface FoundCells {
    readonly cells: Int32Array;
    readonly width: number;
}

/** A found cell: its index in the grid and its colour in one number, ordered as the indices are. */
export function foundCell(index: number, color: number): number {
    return index * 16 + color;
}

function foundIndex(cell: number): number {
    return cell >> 4;
}

function foundColor(cell: number): number {
    return cell & 15;
}

const NO_INTS = new Int32Array(0);
const NO_BYTES = new Uint8Array(0);

/** A set of cells with their colours: a connected component, or any selection of cells. */
export class GridObject {
    readonly top: number;
    readonly left: number;
    readonly bottom: number;
    readonly right: number;
    readonly size: number;
    private rowsOf: Int32Array;
    private colsOf: Int32Array;
    private colorsOf: Uint8Array;
    /** A found object's cells until its arrays are made (then undefined); its run starts at `from`. */
    private found: FoundCells | undefined;
    private from: number;
    /** The most frequent colour once `objectColor` has counted it (objects never change), else -1. */
    countedColor: number;

    /** An empty object's box is top = left = 0, bottom = right = -1: height and width 0, bounds always integers. */
    constructor(rows: Int32Array, cols: Int32Array, colors: Uint8Array) {
        const empty = rows.length === 0;
        let top = empty ? 0 : rows[0];
        let left = empty ? 0 : cols[0];
        let bottom = empty ? -1 : rows[0];
        let right = empty ? -1 : cols[0];
        for (let i = 1; i < rows.length; i++) {
            if (rows[i] < top) top = rows[i];
            if (rows[i] > bottom) bottom = rows[i];
            if (cols[i] < left) left = cols[i];
            if (cols[i] > right) right = cols[i];
        }
        this.top = top;
        this.left = left;
        this.bottom = bottom;
        this.right = right;
        this.size = rows.length;
        this.rowsOf = rows;
        this.colsOf = cols;
        this.colorsOf = colors;
        this.found = undefined;
        this.from = 0;
        this.countedColor = -1;
    }

    /** A search's object: `size` cells from `from` in `found.cells`, with their bounding box. */
    static ofSearch(found: FoundCells, from: number, size: number, top: number, left: number, bottom: number, right: number): GridObject {
        const object = new GridObject(NO_INTS, NO_INTS, NO_BYTES);
        const self = object as unknown as { -readonly [K in 'top' | 'left' | 'bottom' | 'right' | 'size']: number };
        self.top = top;
        self.left = left;
        self.bottom = bottom;
        self.right = right;
        self.size = size;
        object.found = found;
        object.from = from;
        return object;
    }

    get rows(): Int32Array {
        if (this.found !== undefined) this.unpack(this.found);
        return this.rowsOf;
    }
    get cols(): Int32Array {
        if (this.found !== undefined) this.unpack(this.found);
        return this.colsOf;
    }
    get colors(): Uint8Array {
        if (this.found !== undefined) this.unpack(this.found);
        return this.colorsOf;
    }

    get height(): number {
        return this.bottom - this.top + 1;
    }
    get width(): number {
        return this.right - this.left + 1;
    }

    /** Adds one to `counts[colour]` for each cell (without making the arrays of a found object). */
    countColors(counts: Int32Array): void {
        const found = this.found;
        if (found === undefined) {
            const colors = this.colorsOf;
            for (let i = 0; i < colors.length; i++) counts[colors[i]]++;
            return;
        }
        const cells = found.cells;
        for (let k = this.from, end = this.from + this.size; k < end; k++) counts[foundColor(cells[k])]++;
    }

    private unpack({ cells, width }: FoundCells): void {
        const count = this.size;
        const rows = slabInt32s(count);
        const cols = slabInt32s(count);
        const colors = slabBytes(count);
        for (let i = 0, k = this.from; i < count; i++, k++) {
            const cell = cells[k];
            const index = foundIndex(cell);
            const row = (index / width) | 0;
            rows[i] = row;
            cols[i] = index - row * width;
            colors[i] = foundColor(cell);
        }
        this.rowsOf = rows;
        this.colsOf = cols;
        this.colorsOf = colors;
        this.found = undefined;
    }
}

export type Dir = 'up' | 'down' | 'left' | 'right' | 'up_left' | 'up_right' | 'down_left' | 'down_right';
export type Axis = 'horizontal' | 'vertical' | 'diagonal' | 'antidiagonal';

export const DIR_VECTORS: Record<Dir, readonly [number, number]> = {
    up: [-1, 0],
    down: [1, 0],
    left: [0, -1],
    right: [0, 1],
    up_left: [-1, -1],
    up_right: [-1, 1],
    down_left: [1, -1],
    down_right: [1, 1],
};

/**
 * A function value: a lambda, called by builtins such as map/filter/argmax/fold with its arguments in
 * place (`fn(item)`, `fn(acc, item)`), so a call builds no argument array.
 */
export type FnValue = (a: Value, b?: Value) => Value;

/**
 * Runtime values. Ints and colours are numbers; points and tuples are arrays (a point is `[row, col]`);
 * lists are arrays; directions and axes are their keyword strings.
 */
export type Value = Grid | GridObject | number | boolean | string | FnValue | Value[];

export function isGrid(value: Value): value is Grid {
    return value instanceof Grid;
}

export function isObject(value: Value): value is GridObject {
    return value instanceof GridObject;
}

/** Short human description of a value, for hovers, the `run` command and error messages. */
export function describeValue(value: Value): string {
    if (value instanceof Grid) return `grid ${value.size}`;
    if (value instanceof GridObject) {
        if (value.size === 0) return 'empty object';
        return `object of ${value.size} cell${value.size === 1 ? '' : 's'} at (${value.top}, ${value.left}), ${value.height}×${value.width}`;
    }
    if (typeof value === 'function') return 'function';
    if (Array.isArray(value)) return `(${value.map(describeValue).join(', ')})`;
    return String(value);
}
