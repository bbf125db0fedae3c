import { Grid } from './grid.js';

/** A set of cells with their colours: a connected component, or any selection of cells. */
export class GridObject {
    readonly top: number;
    readonly left: number;
    readonly bottom: number;
    readonly right: number;

    constructor(
        readonly rows: Int32Array,
        readonly cols: Int32Array,
        readonly colors: Uint8Array,
    ) {
        let top = Infinity;
        let left = Infinity;
        let bottom = -Infinity;
        let right = -Infinity;
        for (let i = 0; i < rows.length; i++) {
            if (rows[i] < top) top = rows[i];
            if (rows[i] > bottom) bottom = rows[i];
            if (cols[i] < left) left = cols[i];
            if (cols[i] > right) right = cols[i];
        }
        this.top = top;
        this.left = left;
        this.bottom = bottom;
        this.right = right;
    }

    get size(): number {
        return this.rows.length;
    }
    get height(): number {
        return this.size === 0 ? 0 : this.bottom - this.top + 1;
    }
    get width(): number {
        return this.size === 0 ? 0 : this.right - this.left + 1;
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

/** A function value: a lambda, called by builtins such as map/filter/argmax/fold. */
export type FnValue = (args: Value[]) => Value;

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
        return `object of ${value.size} cell${value.size === 1 ? '' : 's'} at (${value.top}, ${value.left}), ${value.height}×${value.width}`;
    }
    if (typeof value === 'function') return 'function';
    if (Array.isArray(value)) return `(${value.map(describeValue).join(', ')})`;
    return String(value);
}
