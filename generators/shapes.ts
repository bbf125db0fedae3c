import { findObjects, mostColor } from '../language/builtins/grid-analysis.js';
import { Grid } from '../language/grid.js';
import { slabBytes, slabCopy, slabInt16s, slabInt32s } from '../language/slab.js';
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
    const key = height * 32 + width;
    let shape = rectangles.get(key);
    if (!shape) {
        const cells: Cell[] = [];
        for (let r = 0; r < height; r++) for (let c = 0; c < width; c++) cells.push([r, c]);
        rectangles.set(key, (shape = { cells, height, width }));
    }
    return shape;
}

/** The border of a rectangle (at least 3×3 so it has an inside). */
export function hollowRectangle(height: number, width: number): Shape {
    const key = height * 32 + width;
    let shape = hollowRectangles.get(key);
    if (!shape) {
        const cells: Cell[] = [];
        for (let r = 0; r < height; r++) {
            for (let c = 0; c < width; c++) if (r === 0 || c === 0 || r === height - 1 || c === width - 1) cells.push([r, c]);
        }
        hollowRectangles.set(key, (shape = { cells, height, width }));
    }
    return shape;
}

// Shapes are never changed, so equal rectangles can be one object, made once.
const rectangles = new Map<number, Shape>();
const hollowRectangles = new Map<number, Shape>();

/**
 * The shape of the marked cells in a height × width box (tight around them) at (top, left) of a bitmap
 * `stride` cells wide. Shapes of small boxes are made once per cell set and shared (shapes are never
 * changed): scenes draw the same few shapes again and again, and each new one was an array of cell pairs.
 */
function markedShape(marked: Uint8Array, stride: number, top: number, left: number, height: number, width: number): Shape {
    if (height * width > SHARED_AREA) return newShape(marked, stride, top, left, height, width);
    let bits = 0;
    for (let r = 0, bit = 1; r < height; r++) {
        for (let c = 0; c < width; c++, bit *= 2) if (marked[(top + r) * stride + left + c]) bits += bit;
    }
    const key = (bits * 16 + height - 1) * 16 + width - 1;
    let shape = sharedShapes.get(key);
    if (!shape) {
        shape = newShape(marked, stride, top, left, height, width);
        if (sharedShapes.size < SHARED_SHAPES) sharedShapes.set(key, shape);
    }
    return shape;
}

function newShape(marked: Uint8Array, stride: number, top: number, left: number, height: number, width: number): Shape {
    const cells: Cell[] = [];
    for (let r = 0; r < height; r++) {
        for (let c = 0; c < width; c++) if (marked[(top + r) * stride + left + c]) cells.push([r, c]);
    }
    return { cells, height, width };
}

/** Boxes of at most 16 cells share their shapes: a 16-bit cell set and two sides of 4 bits make an integer key. */
const SHARED_AREA = 16;
/** A bound on the shared shapes kept (a 4 × 4 box holds fewer connected ones), so a long run's memory stays flat. */
const SHARED_SHAPES = 1 << 16;
const sharedShapes = new Map<number, Shape>();

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
    const area = height * width;
    const marked = area <= remapScratch.length ? remapScratch : new Uint8Array(area);
    for (let i = 0; i < area; i++) marked[i] = 0;
    for (const [r, c] of shape.cells) marked[to(r, c)] = 1;
    return markedShape(marked, width, 0, 0, height, width);
}

const remapScratch = new Uint8Array(900);

export function sameShape(a: Shape, b: Shape): boolean {
    if (a.height !== b.height || a.width !== b.width || a.cells.length !== b.cells.length) return false;
    for (let i = 0; i < a.cells.length; i++) {
        if (a.cells[i][0] !== b.cells[i][0] || a.cells[i][1] !== b.cells[i][1]) return false;
    }
    return true;
}

/** Whether every cell is connected to every other (4-neighbours, or 8 with diagonals). */
export function isConnected(shape: Shape, connectivity: 4 | 8 = 4): boolean {
    const { cells, height, width } = shape;
    if (cells.length === 0) return false;
    // A flood from the first cell over a bitmap of the box (1: a cell not reached yet).
    const area = height * width;
    const open = area <= openScratch.length ? openScratch : new Uint8Array(area);
    open.fill(0, 0, area);
    for (let i = 0; i < cells.length; i++) open[cells[i][0] * width + cells[i][1]] = 1;
    // Each cell is pushed at most once, so a stack as long as the box never overflows.
    const stack = area <= stackScratch.length ? stackScratch : new Int16Array(area);
    stack[0] = cells[0][0] * width + cells[0][1];
    open[stack[0]] = 0;
    let depth = 1;
    let reached = 1;
    while (depth > 0) {
        const at = stack[--depth];
        const r = (at / width) | 0;
        const c = at - r * width;
        for (let dr = -1; dr <= 1; dr++) {
            for (let dc = -1; dc <= 1; dc++) {
                if ((dr !== 0 && dc !== 0 && connectivity === 4) || r + dr < 0 || r + dr >= height || c + dc < 0 || c + dc >= width)
                    continue;
                const next = at + dr * width + dc;
                if (open[next] === 0) continue;
                open[next] = 0;
                reached++;
                stack[depth++] = next;
            }
        }
    }
    return reached === cells.length;
}

/** Scratch for `isConnected` on boxes up to 30 × 30: the cells not reached yet, and the cells to visit. */
const openScratch = new Uint8Array(900);
const stackScratch = new Int16Array(900);

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
    const diagonals = options.connectivity === 8;
    if (area > taken.length) {
        taken = new Uint8Array(area);
        weight = new Uint16Array(area);
    }
    // A loop clears a few cells faster than `fill` is called.
    for (let i = 0; i < area; i++) {
        taken[i] = 0;
        weight[i] = 0;
    }
    let at = rng.int(0, h - 1) * w;
    at += rng.int(0, w - 1);
    let top = (at / w) | 0;
    let bottom = top;
    let left = at - top * w;
    let right = left;
    let total = joinCell(taken, weight, h, w, at, diagonals);
    for (let size = 1; size < target; size++) {
        let x = rng.int(0, total - 1);
        // Only cells next to the shape weigh anything: the scan starts at the row above its top.
        at = top > 0 ? (top - 1) * w : 0;
        while (x >= weight[at]) x -= weight[at++];
        const r = (at / w) | 0;
        const c = at - r * w;
        if (r < top) top = r;
        if (r > bottom) bottom = r;
        if (c < left) left = c;
        if (c > right) right = c;
        total += joinCell(taken, weight, h, w, at, diagonals);
    }
    return markedShape(taken, w, top, left, bottom - top + 1, right - left + 1);
}

/** Scratch for `randomShape`, grown to the largest box asked for: the shape's cells, and per free cell its weight. */
let taken = new Uint8Array(64);
let weight = new Uint16Array(64);

/** Adds cell `at` to a growing shape; returns the change in the total weight of the free cells. */
function joinCell(taken: Uint8Array, weight: Uint16Array, height: number, width: number, at: number, diagonals: boolean): number {
    const r = (at / width) | 0;
    const c = at - r * width;
    const change = -weight[at];
    taken[at] = 1;
    weight[at] = 0;
    const up = r > 0;
    const down = r < height - 1;
    const left = c > 0;
    const right = c < width - 1;
    let added = step(taken, weight, up, at - width) + step(taken, weight, down, at + width);
    added += step(taken, weight, left, at - 1) + step(taken, weight, right, at + 1);
    if (diagonals) {
        added += step(taken, weight, up && left, at - width - 1) + step(taken, weight, up && right, at - width + 1);
        added += step(taken, weight, down && left, at + width - 1) + step(taken, weight, down && right, at + width + 1);
    }
    return change + added;
}

/** One step from a joined cell: a free cell inside the box gains weight (1 returned), else nothing (0). */
function step(taken: Uint8Array, weight: Uint16Array, inside: boolean, next: number): number {
    if (!inside || taken[next]) return 0;
    weight[next]++;
    return 1;
}

/** Colour counts of a grid and the items' first cells, reused by each `Scene.objects` call. */
const colorTally = new Int32Array(10);
const firstCells: number[] = [];

/** The object an item makes on its own, or null if its cells are not listed in reading order (as a search lists them). */
function objectOf({ shape, row, col, color }: Item, width: number): GridObject | null {
    const n = shape.cells.length;
    const rows = slabInt32s(n);
    const cols = slabInt32s(n);
    const colors = slabBytes(n).fill(color);
    let last = -1;
    for (let k = 0; k < n; k++) {
        const [r, c] = shape.cells[k];
        if (r * width + c <= last) return null;
        last = r * width + c;
        rows[k] = row + r;
        cols[k] = col + c;
    }
    return new GridObject(rows, cols, colors);
}

function sameCells(a: Uint8Array, b: Uint8Array): boolean {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
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
        if (r > 0 && c > 0 && r < height - 1 && c < width - 1) {
            // Most cells lie inside the border: their 3 × 3 neighbourhood is whole, nine direct updates.
            for (let above = index - width - 1, row = 0; row < 3; row++, above += width) {
                near[above] += change;
                near[above + 1] += change;
                near[above + 2] += change;
            }
            return;
        }
        for (let rr = Math.max(0, r - 1); rr <= Math.min(height - 1, r + 1); rr++) {
            for (let cc = Math.max(0, c - 1); cc <= Math.min(width - 1, c + 1); cc++) near[rr * width + cc] += change;
        }
    }

    /** Whether the shape fits at (row, col) inside the grid with `gap` free cells (Chebyshev) to any taken cell. */
    fits(shape: Shape, row: number, col: number, gap = 1): boolean {
        if (row < 0 || col < 0 || row + shape.height > this.height || col + shape.width > this.width) return false;
        const { cells } = shape;
        const { near, width } = this;
        const origin = row * width + col;
        if (gap === 1) {
            for (let i = 0; i < cells.length; i++) if (near[origin + cells[i][0] * width + cells[i][1]] !== 0) return false;
            return true;
        }
        if (gap === 2) {
            // Two steps from a cell is one step from one of its neighbours (inside the grid): `near` of the 3 × 3 around it.
            const { height } = this;
            for (let i = 0; i < cells.length; i++) {
                const r = row + cells[i][0];
                const c = col + cells[i][1];
                const r1 = r < height - 1 ? r + 1 : r;
                const c1 = c < width - 1 ? c + 1 : c;
                for (let rr = r > 0 ? r - 1 : r; rr <= r1; rr++) {
                    for (let cc = c > 0 ? c - 1 : c; cc <= c1; cc++) if (near[rr * width + cc] !== 0) return false;
                }
            }
            return true;
        }
        for (const [r, c] of cells) {
            for (let dr = -gap; dr <= gap; dr++) {
                for (let dc = -gap; dc <= gap; dc++) {
                    const rr = row + r + dr;
                    const cc = col + c + dc;
                    if (rr < 0 || cc < 0 || rr >= this.height || cc >= width) continue;
                    if (this.owner[rr * width + cc] !== 0) return false;
                }
            }
        }
        return true;
    }

    /**
     * Whether every item was placed by `place`/`placeSomewhere` with a gap, or added clear of every
     * taken cell, in one colour other than the background: then each item is one object of the grid
     * (for shapes connected as the objects are searched) and `objects` can list them without a search.
     */
    private separate = true;
    /** Cells painted by items. */
    private painted = 0;
    /** The last `objects` listing, its (connectivity, byColor) and the grid it was made for; cleared when items change. */
    private listed: { objects: GridObject[]; key: number; cells: Uint8Array } | undefined;
    /** Per item, its object once listed (null: its cells are not in reading order, so only a search lists it). */
    private readonly itemObjects: (GridObject | null | undefined)[] = [];

    /** Adds an item as given (it may touch others or have several colours). */
    add(item: Item): Item {
        if (!this.isClear(item)) this.separate = false;
        return this.put(item);
    }

    /** Whether the item lies inside the grid, 4-connected, with no taken cell within one step of it. */
    private isClear(item: Item): boolean {
        const { shape, row, col } = item;
        if (row < 0 || col < 0 || row + shape.height > this.height || col + shape.width > this.width) return false;
        const { cells } = shape;
        const { near, width } = this;
        const origin = row * width + col;
        for (let i = 0; i < cells.length; i++) if (near[origin + cells[i][0] * width + cells[i][1]] !== 0) return false;
        return cells.length === 1 || isConnected(shape, 4);
    }

    private put(item: Item): Item {
        if (item.colors || item.color === this.bg) this.separate = false;
        const { cells } = item.shape;
        const { owner, width } = this;
        const paint = this.grid.cells;
        this.painted += cells.length;
        this.listed = undefined;
        this.items.push(item);
        this.itemObjects.push(undefined);
        const tag = this.items.length;
        const origin = item.row * width + item.col;
        for (let i = 0; i < cells.length; i++) {
            const index = origin + cells[i][0] * width + cells[i][1];
            owner[index] = tag;
            this.mark(index, 1);
            paint[index] = item.colors ? item.colors[i] : item.color;
        }
        return item;
    }

    /** Takes back the item just placed on free cells (nothing else changed since): they are free background again. */
    removeLast(): void {
        const item = this.items.pop();
        if (!item) return;
        this.itemObjects.pop();
        this.painted -= item.shape.cells.length;
        this.listed = undefined;
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
     * shapes are by construction), else found by the search. Asked again before anything changed, the
     * same list is returned: callers only read it.
     */
    objects(connectivity: 4 | 8, byColor: boolean): GridObject[] {
        const { cells } = this.grid;
        const key = connectivity * 2 + (byColor ? 1 : 0);
        const listed = this.listed;
        // Cells may have been painted from outside since: the listing stands only for the same grid.
        if (listed && listed.key === key && sameCells(listed.cells, cells)) return listed.objects;
        const objects = this.listObjects(connectivity, byColor);
        this.listed = { objects, key, cells: slabCopy(cells) };
        return objects;
    }

    private listObjects(connectivity: 4 | 8, byColor: boolean): GridObject[] {
        // One pass for both the background (the most frequent colour, ties to the smaller) and the painted count.
        const counts = colorTally.fill(0);
        const { cells } = this.grid;
        for (let i = 0; i < cells.length; i++) counts[cells[i]]++;
        let bg = 0;
        for (let c = 1; c < 10; c++) if (counts[c] > counts[bg]) bg = c;
        if (!this.separate || bg !== this.bg || cells.length - counts[bg] !== this.painted)
            return findObjects(this.grid, connectivity, byColor, bg);
        const { items, width } = this;
        // Items by their first cell in reading order (an insertion sort: a scene holds a few items).
        const objects: GridObject[] = [];
        const firsts = firstCells;
        for (let i = 0; i < items.length; i++) {
            const item = items[i];
            const object = this.itemObjects[i] ?? (this.itemObjects[i] = objectOf(item, width));
            if (!object) return findObjects(this.grid, connectivity, byColor, bg);
            const [r0, c0] = item.shape.cells[0];
            const first = (item.row + r0) * width + item.col + c0;
            let at = i;
            for (; at > 0 && firsts[at - 1] > first; at--) {
                firsts[at] = firsts[at - 1];
                objects[at] = objects[at - 1];
            }
            firsts[at] = first;
            objects[at] = object;
        }
        return objects;
    }

    /** Marks cells as taken without painting them (room kept for a later move, ring or line). */
    reserve(cells: readonly Cell[]): void {
        for (const [r, c] of cells) this.reserveCell(r, c);
    }

    /** `reserve` for cells moved by (row, col), without listing the moved cells. */
    reserveShifted(cells: readonly Cell[], row: number, col: number): void {
        for (let i = 0; i < cells.length; i++) this.reserveCell(row + cells[i][0], col + cells[i][1]);
    }

    private reserveCell(r: number, c: number): void {
        if (r < 0 || c < 0 || r >= this.height || c >= this.width) return;
        this.owner[r * this.width + c] = -1;
        this.mark(r * this.width + c, 1);
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
