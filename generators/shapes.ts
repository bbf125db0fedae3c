import { findObjects, mostColor } from '../language/builtins/grid-analysis.js';
import { Grid } from '../language/grid.js';
import { slabBytes, slabInt16s, slabInt32s } from '../language/slab.js';
import { GridObject } from '../language/values.js';
import { reject } from './family.js';
import type { Random } from './random.js';

/** A cell offset (row, col) inside a shape's bounding box. */
export type Cell = readonly [number, number];

/** A set of cells normalised to its bounding box (top-left at (0, 0)), in reading order. */
export interface Shape {
    readonly cells: readonly Cell[];
    readonly height: number;
    readonly width: number;
}

export function shapeOf(cells: readonly Cell[]): Shape {
    let top = Infinity;
    let left = Infinity;
    let bottom = -Infinity;
    let right = -Infinity;
    for (const [r, c] of cells) {
        if (r < top) top = r;
        if (c < left) left = c;
        if (r > bottom) bottom = r;
        if (c > right) right = c;
    }
    const height = bottom - top + 1;
    const width = right - left + 1;
    // Marked in a bitmap of the bounding box, then read back in reading order: sorted, no repeats.
    const marked = new Uint8Array(height * width);
    for (const [r, c] of cells) marked[(r - top) * width + (c - left)] = 1;
    const out: Cell[] = [];
    for (let i = 0; i < marked.length; i++) if (marked[i]) out.push([Math.floor(i / width), i % width]);
    return { cells: out, height, width };
}

/** A stable text key: equal keys ⇔ equal cell sets. */
export function shapeKey(shape: Shape): string {
    return `${shape.height}x${shape.width}:${shape.cells.map(([r, c]) => r * shape.width + c).join(',')}`;
}

export function rectangle(height: number, width: number): Shape {
    const cells: Cell[] = [];
    for (let r = 0; r < height; r++) for (let c = 0; c < width; c++) cells.push([r, c]);
    return { cells, height, width };
}

/** The border of a rectangle (at least 3×3 so it has an inside). */
export function hollowRectangle(height: number, width: number): Shape {
    const cells: Cell[] = [];
    for (let r = 0; r < height; r++) {
        for (let c = 0; c < width; c++) if (r === 0 || c === 0 || r === height - 1 || c === width - 1) cells.push([r, c]);
    }
    return { cells, height, width };
}

/** Quarter turns clockwise. A turn of a shape's tight box is a tight box again, so nothing needs renormalising. */
export function rotateShape(shape: Shape, turns: number): Shape {
    const t = ((turns % 4) + 4) % 4;
    const { height: h, width: w } = shape;
    if (t === 1) return remapped(shape, w, h, (r, c) => c * h + (h - 1 - r));
    if (t === 2) return remapped(shape, h, w, (r, c) => (h - 1 - r) * w + (w - 1 - c));
    if (t === 3) return remapped(shape, w, h, (r, c) => (w - 1 - c) * h + r);
    return shape;
}

/** Mirror within the bounding box: vertical swaps left/right, horizontal top/bottom, diagonal transposes. */
export function flipShape(shape: Shape, axis: 'vertical' | 'horizontal' | 'diagonal' | 'antidiagonal'): Shape {
    const { height: h, width: w } = shape;
    if (axis === 'vertical') return remapped(shape, h, w, (r, c) => r * w + (w - 1 - c));
    if (axis === 'horizontal') return remapped(shape, h, w, (r, c) => (h - 1 - r) * w + c);
    if (axis === 'diagonal') return remapped(shape, w, h, (r, c) => c * h + r);
    return remapped(shape, w, h, (r, c) => (w - 1 - c) * h + (h - 1 - r));
}

/** The shape's cells moved by `to` (the index of the new cell in a height × width box), in reading order. */
function remapped(shape: Shape, height: number, width: number, to: (r: number, c: number) => number): Shape {
    const marked = new Uint8Array(height * width);
    for (const [r, c] of shape.cells) marked[to(r, c)] = 1;
    const cells: Cell[] = [];
    for (let i = 0; i < marked.length; i++) if (marked[i]) cells.push([Math.floor(i / width), i % width]);
    return { cells, height, width };
}

export function sameShape(a: Shape, b: Shape): boolean {
    if (a.height !== b.height || a.width !== b.width || a.cells.length !== b.cells.length) return false;
    for (let i = 0; i < a.cells.length; i++) {
        if (a.cells[i][0] !== b.cells[i][0] || a.cells[i][1] !== b.cells[i][1]) return false;
    }
    return true;
}

/** Whether every cell is connected to every other (4-neighbours, or 8 with diagonals). */
export function isConnected(shape: Shape, connectivity: 4 | 8 = 4): boolean {
    if (shape.cells.length === 0) return false;
    const key = (r: number, c: number) => r * 64 + c;
    const cells = new Set(shape.cells.map(([r, c]) => key(r, c)));
    const seen = new Set<number>([key(...shape.cells[0])]);
    const stack: Cell[] = [shape.cells[0]];
    while (stack.length > 0) {
        const [r, c] = stack.pop() as Cell;
        for (const [dr, dc] of connectivity === 8 ? NEIGHBOURS_8 : NEIGHBOURS_4) {
            const k = key(r + dr, c + dc);
            if (cells.has(k) && !seen.has(k)) {
                seen.add(k);
                stack.push([r + dr, c + dc]);
            }
        }
    }
    return seen.size === cells.size;
}

export const NEIGHBOURS_4: readonly Cell[] = [
    [-1, 0],
    [1, 0],
    [0, -1],
    [0, 1],
];
export const NEIGHBOURS_8: readonly Cell[] = [...NEIGHBOURS_4, [-1, -1], [-1, 1], [1, -1], [1, 1]];

export interface ShapeOptions {
    maxHeight: number;
    maxWidth: number;
    minCells?: number;
    maxCells?: number;
    /** 8 lets cells join at corners only. */
    connectivity?: 4 | 8;
}

/**
 * A random connected shape grown cell by cell inside a maxHeight × maxWidth box: each step joins a
 * free cell next to the shape, drawn with probability proportional to the number of (shape cell,
 * step) pairs that lead to it — as drawing a random cell and a random step until they land on a
 * free cell would, without the misses.
 */
export function randomShape(rng: Random, options: ShapeOptions): Shape {
    const { maxHeight: h, maxWidth: w } = options;
    const area = h * w;
    const minCells = Math.min(options.minCells ?? 1, area);
    const maxCells = Math.min(options.maxCells ?? area, area);
    const target = rng.int(minCells, Math.max(minCells, maxCells));
    const steps = options.connectivity === 8 ? NEIGHBOURS_8 : NEIGHBOURS_4;
    const taken = new Uint8Array(area);
    /** Per free cell, how many (shape cell, step) pairs lead to it. */
    const weight = new Uint16Array(area);
    let total = joinCell(taken, weight, steps, w, rng.int(0, h - 1) * w + rng.int(0, w - 1));
    for (let size = 1; size < target; size++) {
        let x = rng.int(0, total - 1);
        let at = 0;
        while (x >= weight[at]) x -= weight[at++];
        total += joinCell(taken, weight, steps, w, at);
    }
    let top = h;
    let left = w;
    let bottom = 0;
    let right = 0;
    for (let at = 0; at < area; at++) {
        if (!taken[at]) continue;
        const r = Math.floor(at / w);
        const c = at % w;
        if (r < top) top = r;
        if (r > bottom) bottom = r;
        if (c < left) left = c;
        if (c > right) right = c;
    }
    const cells: Cell[] = [];
    for (let at = 0; at < area; at++) if (taken[at]) cells.push([Math.floor(at / w) - top, (at % w) - left]);
    return { cells, height: bottom - top + 1, width: right - left + 1 };
}

/** Adds cell `at` to a growing shape; returns the change in the total weight of the free cells. */
function joinCell(taken: Uint8Array, weight: Uint16Array, steps: readonly Cell[], width: number, at: number): number {
    const height = taken.length / width;
    const r = Math.floor(at / width);
    const c = at % width;
    let change = -weight[at];
    taken[at] = 1;
    weight[at] = 0;
    for (const [dr, dc] of steps) {
        const nr = r + dr;
        const nc = c + dc;
        if (nr < 0 || nc < 0 || nr >= height || nc >= width || taken[nr * width + nc]) continue;
        weight[nr * width + nc]++;
        change++;
    }
    return change;
}

function gcd(a: number, b: number): number {
    while (b !== 0) [a, b] = [b, a % b];
    return a;
}

/** Rejects a grid whose most frequent colour is not the intended background (programs infer it). */
export function requireBackground(grid: Grid, bg: number): void {
    if (mostColor(grid) !== bg) reject('background', 'the background is not the most frequent colour');
}

/** A thing painted on a grid: a shape at a position with one colour, or one colour per cell. */
export interface Item {
    readonly shape: Shape;
    readonly row: number;
    readonly col: number;
    readonly color: number;
    /** Per-cell colours (aligned with shape.cells) for multicoloured items. */
    readonly colors?: readonly number[];
}

export function cellsOf(item: Item): Cell[] {
    return item.shape.cells.map(([r, c]) => [item.row + r, item.col + c]);
}

export function colorAt(item: Item, index: number): number {
    return item.colors ? item.colors[index] : item.color;
}

/** Paints an item (cells outside the grid are dropped). */
export function paintItem(grid: Grid, item: Item, color?: number): void {
    item.shape.cells.forEach(([r, c], i) => {
        const row = item.row + r;
        const col = item.col + c;
        if (grid.inBounds(row, col)) grid.cells[row * grid.width + col] = color ?? colorAt(item, i);
    });
}

export function eraseItem(grid: Grid, item: Item, bg: number): void {
    paintItem(grid, item, bg);
}

export function moved(item: Item, dRow: number, dCol: number): Item {
    return { shape: item.shape, row: item.row + dRow, col: item.col + dCol, color: item.color, colors: item.colors };
}

/**
 * A grid being composed: background plus items, with an occupancy map so new items can be placed
 * without overlapping or touching the ones already there.
 */
export class Scene {
    readonly grid: Grid;
    readonly items: Item[] = [];
    /** 1 + index of the item owning each cell, 0 for free; reserved cells hold -1. */
    private readonly owner: Int16Array;
    /** Per cell, how many taken cells lie within one step (diagonals too): the gap-1 test of `fits` in one look-up. */
    private readonly near: Int16Array;

    constructor(
        readonly height: number,
        readonly width: number,
        readonly bg: number,
    ) {
        this.grid = Grid.filled(height, width, bg);
        this.owner = slabInt16s(height * width);
        this.near = slabInt16s(height * width);
    }

    /** Counts cell `index` as taken (+1) or free again (-1) in the neighbourhoods around it. */
    private mark(index: number, change: number): void {
        const { width, height, near } = this;
        const r = (index / width) | 0;
        const c = index - r * width;
        for (let rr = Math.max(0, r - 1); rr <= Math.min(height - 1, r + 1); rr++) {
            for (let cc = Math.max(0, c - 1); cc <= Math.min(width - 1, c + 1); cc++) near[rr * width + cc] += change;
        }
    }

    /** Whether the shape fits at (row, col) inside the grid with `gap` free cells (Chebyshev) to any taken cell. */
    fits(shape: Shape, row: number, col: number, gap = 1): boolean {
        if (row < 0 || col < 0 || row + shape.height > this.height || col + shape.width > this.width) return false;
        if (gap === 1) {
            for (const [r, c] of shape.cells) if (this.near[(row + r) * this.width + col + c] !== 0) return false;
            return true;
        }
        for (const [r, c] of shape.cells) {
            for (let dr = -gap; dr <= gap; dr++) {
                for (let dc = -gap; dc <= gap; dc++) {
                    const rr = row + r + dr;
                    const cc = col + c + dc;
                    if (rr < 0 || cc < 0 || rr >= this.height || cc >= this.width) continue;
                    if (this.owner[rr * this.width + cc] !== 0) return false;
                }
            }
        }
        return true;
    }

    /**
     * Whether every item was placed by `place`/`placeSomewhere` with a gap, in one colour other than
     * the background: then each item is one object of the grid (for shapes connected as the objects
     * are searched) and `objects` can list them without a search.
     */
    private separate = true;
    /** Cells painted by items. */
    private painted = 0;

    /** Adds an item as given (it may touch others or have several colours). */
    add(item: Item): Item {
        this.separate = false;
        return this.put(item);
    }

    private put(item: Item): Item {
        if (item.colors || item.color === this.bg) this.separate = false;
        this.painted += item.shape.cells.length;
        this.items.push(item);
        const tag = this.items.length;
        item.shape.cells.forEach(([r, c], i) => {
            const index = (item.row + r) * this.width + item.col + c;
            this.owner[index] = tag;
            this.mark(index, 1);
            this.grid.cells[index] = colorAt(item, i);
        });
        return item;
    }

    /** Takes back the item just placed on free cells (nothing else changed since): they are free background again. */
    removeLast(): void {
        const item = this.items.pop();
        if (!item) return;
        this.painted -= item.shape.cells.length;
        for (const [r, c] of item.shape.cells) {
            const index = (item.row + r) * this.width + item.col + c;
            this.owner[index] = 0;
            this.mark(index, -1);
            this.grid.cells[index] = this.bg;
        }
    }

    /**
     * The grid's objects as `findObjects(grid, connectivity, byColor, mostColor(grid))` lists them — in reading
     * order of their first cells — built from the items when each item is known to be one object
     * (see `separate`; the shapes must be connected as `connectivity` connects, which the callers'
     * shapes are by construction), else found by the search.
     */
    objects(connectivity: 4 | 8, byColor: boolean): GridObject[] {
        // One pass for both the background (the most frequent colour, ties to the smaller) and the painted count.
        const counts = new Int32Array(10);
        const { cells } = this.grid;
        for (let i = 0; i < cells.length; i++) counts[cells[i]]++;
        let bg = 0;
        for (let c = 1; c < 10; c++) if (counts[c] > counts[bg]) bg = c;
        if (!this.separate || bg !== this.bg || cells.length - counts[bg] !== this.painted)
            return findObjects(this.grid, connectivity, byColor, bg);
        const { items, width } = this;
        // Items by their first cell in reading order, by insertion.
        const order: Item[] = [];
        const firsts: number[] = [];
        for (const item of items) {
            const [r0, c0] = item.shape.cells[0];
            const first = (item.row + r0) * width + item.col + c0;
            let at = order.length;
            while (at > 0 && firsts[at - 1] > first) at--;
            order.splice(at, 0, item);
            firsts.splice(at, 0, first);
        }
        const objects: GridObject[] = [];
        for (const { shape, row, col, color } of order) {
            const n = shape.cells.length;
            const rows = slabInt32s(n);
            const cols = slabInt32s(n);
            const colors = slabBytes(n).fill(color);
            let last = -1;
            for (let k = 0; k < n; k++) {
                const [r, c] = shape.cells[k];
                // Cells must be listed in reading order, as a search lists them.
                if (r * width + c <= last) return findObjects(this.grid, connectivity, byColor, bg);
                last = r * width + c;
                rows[k] = row + r;
                cols[k] = col + c;
            }
            objects.push(new GridObject(rows, cols, colors));
        }
        return objects;
    }

    /** Marks cells as taken without painting them (room kept for a later move, ring or line). */
    reserve(cells: readonly Cell[]): void {
        for (const [r, c] of cells) {
            if (r < 0 || c < 0 || r >= this.height || c >= this.width) continue;
            this.owner[r * this.width + c] = -1;
            this.mark(r * this.width + c, 1);
        }
    }

    isFree(row: number, col: number): boolean {
        return this.owner[row * this.width + col] === 0;
    }

    /** Places the shape at a random free position; undefined if none was found in `tries` draws. */
    place(
        rng: Random,
        shape: Shape,
        paint: { color: number; colors?: readonly number[] },
        options: { gap?: number; tries?: number; accept?: (row: number, col: number) => boolean } = {},
    ): Item | undefined {
        const gap = options.gap ?? 1;
        const maxRow = this.height - shape.height;
        const maxCol = this.width - shape.width;
        if (maxRow < 0 || maxCol < 0) return undefined;
        for (let attempt = options.tries ?? 30; attempt > 0; attempt--) {
            const row = rng.int(0, maxRow);
            const col = rng.int(0, maxCol);
            if (!this.fits(shape, row, col, gap)) continue;
            if (options.accept && !options.accept(row, col)) continue;
            if (gap < 1) this.separate = false;
            return this.put({ shape, row, col, color: paint.color, colors: paint.colors });
        }
        return undefined;
    }

    /**
     * Places the shape at a random position among all those where `accept` holds (checked first: it
     * should be cheap) and the shape fits; undefined only if there is none. Positions are visited in
     * the order of a random stride through all of them.
     */
    placeSomewhere(
        rng: Random,
        shape: Shape,
        paint: { color: number; colors?: readonly number[] },
        options: { gap?: number; accept?: (row: number, col: number) => boolean } = {},
    ): Item | undefined {
        const gap = options.gap ?? 1;
        const cols = this.width - shape.width + 1;
        const positions = (this.height - shape.height + 1) * cols;
        if (cols <= 0 || positions <= 0) return undefined;
        let step = positions === 1 ? 1 : rng.int(1, positions - 1);
        while (gcd(step, positions) !== 1) step--;
        for (let i = 0, at = rng.int(0, positions - 1); i < positions; i++, at = (at + step) % positions) {
            const row = Math.floor(at / cols);
            const col = at - row * cols;
            if (options.accept && !options.accept(row, col)) continue;
            if (!this.fits(shape, row, col, gap)) continue;
            if (gap < 1) this.separate = false;
            return this.put({ shape, row, col, color: paint.color, colors: paint.colors });
        }
        return undefined;
    }

    /** Single cells of the given colours scattered on free cells (noise); returns how many were placed. */
    scatter(rng: Random, count: number, colors: readonly number[], gap = 1): number {
        let placed = 0;
        const dot = rectangle(1, 1);
        for (let i = 0; i < count; i++) if (this.place(rng, dot, { color: rng.pick(colors) }, { gap, tries: 10 })) placed++;
        return placed;
    }
}
