import { slabBytes, slabCopy } from './slab.js';

/**
 * A grid of ARC colours (0–9), stored row-major in a compact typed array. The cells are often a view
 * on a shared buffer (see slab.ts): use `cells` itself, never `cells.buffer` whole.
 */
export class Grid {
    constructor(
        readonly height: number,
        readonly width: number,
        readonly cells: Uint8Array,
    ) {}

    static filled(height: number, width: number, color: number): Grid {
        const cells = slabBytes(height * width);
        if (color !== 0) cells.fill(color);
        return new Grid(height, width, cells);
    }

    /** Builds a grid from rows of numbers; throws a GridFormatError naming the first bad place. */
    static fromRows(rows: readonly (readonly number[])[], where = 'grid'): Grid {
        const problem = gridProblem(rows, where);
        if (problem) throw new GridFormatError(problem);
        const height = rows.length;
        const width = height === 0 ? 0 : rows[0].length;
        const cells = slabBytes(height * width);
        for (let r = 0; r < height; r++) cells.set(rows[r], r * width);
        return new Grid(height, width, cells);
    }

    get(row: number, col: number): number {
        return this.cells[row * this.width + col];
    }

    inBounds(row: number, col: number): boolean {
        return row >= 0 && col >= 0 && row < this.height && col < this.width;
    }

    clone(): Grid {
        return new Grid(this.height, this.width, slabCopy(this.cells));
    }

    equals(other: Grid): boolean {
        if (this.height !== other.height || this.width !== other.width) return false;
        const a = this.cells;
        const b = other.cells;
        for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
        return true;
    }

    toRows(): number[][] {
        const rows: number[][] = [];
        for (let r = 0; r < this.height; r++) {
            rows.push(Array.from(this.cells.subarray(r * this.width, (r + 1) * this.width)));
        }
        return rows;
    }

    get size(): string {
        return `${this.height}×${this.width}`;
    }
}

export const MAX_GRID_SIDE = 30;

/**
 * Copies `count` cells of `src` from index `from` into `dst` from index `to`. For rows of ARC size a
 * loop costs less than `dst.set(src.subarray(…))`, which makes a view per row.
 */
export function copyCells(src: Uint8Array, from: number, dst: Uint8Array, to: number, count: number): void {
    for (let k = 0; k < count; k++) dst[to + k] = src[from + k];
}

export class GridFormatError extends Error {}

/** Describes what is wrong with a would-be grid, or returns undefined if it is a valid ARC grid. */
export function gridProblem(rows: unknown, where = 'grid'): string | undefined {
    if (!Array.isArray(rows)) return `${where} must be a list of rows`;
    if (rows.length === 0) return `${where} has no rows`;
    if (rows.length > MAX_GRID_SIDE) return `${where} has ${rows.length} rows; the most is ${MAX_GRID_SIDE}`;
    let width = -1;
    for (let r = 0; r < rows.length; r++) {
        const row = rows[r];
        if (!Array.isArray(row)) return `${where} row ${r} is not a list`;
        if (row.length === 0) return `${where} row ${r} is empty`;
        if (row.length > MAX_GRID_SIDE) return `${where} row ${r} has ${row.length} cells; the most is ${MAX_GRID_SIDE}`;
        if (width === -1) width = row.length;
        else if (row.length !== width) return `${where} is ragged: row ${r} has ${row.length} cells, row 0 has ${width}`;
        for (let c = 0; c < row.length; c++) {
            const v = row[c];
            if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 9) {
                return `${where} row ${r}, col ${c}: ${JSON.stringify(v)} is not a colour 0–9`;
            }
        }
    }
    return undefined;
}
