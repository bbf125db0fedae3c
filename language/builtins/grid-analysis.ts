import { type Grid, MAX_GRID_SIDE } from '../grid.js';
import { slabBytes, slabCopy, slabInt32s } from '../slab.js';
import { type FoundCells, foundCell, GridObject } from '../values.js';

/** Four colour counts: tally k counts the cells at index 4i + k. */
const TALLIES = new Int32Array(40);

/** The most frequent colour; ties go to the smallest colour number. */
export function mostColor(grid: Grid): number {
    // Most neighbouring cells have one colour; with a single count per colour, each increment would
    // wait for the one before it. Four tallies let four run at once.
    const tallies = TALLIES;
    // A loop, not fill(): a builtin call costs more than clearing 40 counts.
    for (let c = 0; c < 40; c++) tallies[c] = 0;
    const cells = grid.cells;
    const n = cells.length;
    let i = 0;
    for (; i + 3 < n; i += 4) {
        tallies[cells[i]]++;
        tallies[10 + cells[i + 1]]++;
        tallies[20 + cells[i + 2]]++;
        tallies[30 + cells[i + 3]]++;
    }
    for (; i < n; i++) tallies[cells[i]]++;
    let best = 0;
    let bestCount = tallies[0] + tallies[10] + tallies[20] + tallies[30];
    for (let c = 1; c < 10; c++) {
        const count = tallies[c] + tallies[10 + c] + tallies[20 + c] + tallies[30 + c];
        if (count > bestCount) {
            best = c;
            bestCount = count;
        }
    }
    return best;
}

/** The least frequent colour present in the grid; ties go to the smallest colour number. */
export function leastColor(grid: Grid): number {
    const counts = colorCounts(grid);
    let best = -1;
    for (let c = 0; c < 10; c++) if (counts[c] > 0 && (best === -1 || counts[c] < counts[best])) best = c;
    return best;
}

export function colorCounts(grid: Grid): Int32Array {
    const counts = new Int32Array(10);
    const cells = grid.cells;
    for (let i = 0; i < cells.length; i++) counts[cells[i]]++;
    return counts;
}

/** Neighbour offsets as (drow, dcol) pairs: edges only, or edges and corners. */
export const NEIGHBOURS_4 = [-1, 0, 1, 0, 0, -1, 0, 1];
export const NEIGHBOURS_8 = [-1, 0, 1, 0, 0, -1, 0, 1, -1, -1, -1, 1, 1, -1, 1, 1];

const MAX_CELLS = MAX_GRID_SIDE * MAX_GRID_SIDE;
const SCRATCH_SEEN = new Uint8Array(MAX_CELLS);
const SCRATCH_STACK = new Int32Array(MAX_CELLS);
const SCRATCH_MEMBERS = new Int32Array(MAX_CELLS);

/**
 * Work arrays for one grid search: a cleared `seen` mark per cell, a `stack` and a `members` list.
 * They are shared, because typed arrays over 64 bytes are slow to allocate and a run makes many
 * searches; a search never calls back into the program, so two never overlap.
 */
export function searchSpace(cellCount: number): { seen: Uint8Array; stack: Int32Array; members: Int32Array } {
    if (cellCount > MAX_CELLS) {
        return { seen: new Uint8Array(cellCount), stack: new Int32Array(cellCount), members: new Int32Array(cellCount) };
    }
    SCRATCH_SEEN.fill(0, 0, cellCount);
    return { seen: SCRATCH_SEEN, stack: SCRATCH_STACK, members: SCRATCH_MEMBERS };
}

/** A recent findObjects question; once asked twice, with its answer and the cells it was found in. */
interface Asked {
    grid: Grid;
    connectivity: number;
    byColor: boolean;
    background: number;
    answer?: { cells: Uint8Array; objects: GridObject[] };
}

/**
 * The last few questions, looked up by grid identity. The generators run a program and a dozen rival
 * readings on the same input grids, and most of them begin with `objects(input)`. An answer is kept
 * only from a grid's second search on (keeping every answer would carry one-off objects past young
 * collections, which cost more than the reuse saves), and reused only while the grid still holds the
 * cells it was found in (generators paint into grids they have searched). Objects are values that
 * nothing changes, so an answer's objects can be shared; the list is copied for each caller.
 */
const RECENT: (Asked | undefined)[] = new Array(16);
let nextRecent = 0;

function sameCells(a: Uint8Array, b: Uint8Array): boolean {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
}

/**
 * Connected components of non-background cells, in reading order of their first cell (top row first,
 * then leftmost). With `byColor`, a component holds one colour only.
 */
export function findObjects(grid: Grid, connectivity: 4 | 8, byColor: boolean, background: number): GridObject[] {
    for (let i = 0; i < RECENT.length; i++) {
        const asked = RECENT[i];
        if (
            asked === undefined ||
            asked.grid !== grid ||
            asked.connectivity !== connectivity ||
            asked.byColor !== byColor ||
            asked.background !== background
        ) {
            continue;
        }
        if (asked.answer !== undefined && sameCells(asked.answer.cells, grid.cells)) return asked.answer.objects.slice();
        const objects = searchObjects(grid, connectivity, byColor, background);
        asked.answer = { cells: slabCopy(grid.cells), objects };
        return objects.slice();
    }
    RECENT[nextRecent] = { grid, connectivity, byColor, background };
    nextRecent = (nextRecent + 1) % RECENT.length;
    return searchObjects(grid, connectivity, byColor, background);
}

/** Per object of a search: where its run starts in the members, its size and its bounding box. */
const SCRATCH_BOXES = new Int32Array(MAX_CELLS * 6);

function searchObjects(grid: Grid, connectivity: 4 | 8, byColor: boolean, background: number): GridObject[] {
    const { height, width, cells } = grid;
    const { seen, stack, members } = searchSpace(cells.length);
    const boxes = cells.length > MAX_CELLS ? new Int32Array(cells.length * 6) : SCRATCH_BOXES;
    const corners = connectivity === 8;
    // Each object's cells go to `members` after the objects before it, sorted into reading order.
    let total = 0;
    let found = 0;
    for (let start = 0; start < cells.length; start++) {
        if (cells[start] === background || seen[start]) continue;
        const color = cells[start];
        const from = total;
        // The first cell in reading order is the start: no cell of the component lies before it.
        const top = (start / width) | 0;
        let bottom = top;
        let left = start - top * width;
        let right = left;
        let depth = 0;
        stack[depth++] = start;
        seen[start] = 1;
        while (depth > 0) {
            const index = stack[--depth];
            members[total++] = index;
            const r = (index / width) | 0;
            const c = index - r * width;
            if (r > bottom) bottom = r;
            if (c < left) left = c;
            else if (c > right) right = c;
            // Edge neighbours, then corner ones (as NEIGHBOURS_8), unrolled: each side of the grid is
            // checked once per cell, not once per neighbour.
            const up = r > 0;
            const down = r + 1 < height;
            const west = c > 0;
            const east = c + 1 < width;
            if (up && joins(cells, seen, index - width, background, byColor, color)) stack[depth++] = index - width;
            if (down && joins(cells, seen, index + width, background, byColor, color)) stack[depth++] = index + width;
            if (west && joins(cells, seen, index - 1, background, byColor, color)) stack[depth++] = index - 1;
            if (east && joins(cells, seen, index + 1, background, byColor, color)) stack[depth++] = index + 1;
            if (!corners) continue;
            if (up && west && joins(cells, seen, index - width - 1, background, byColor, color)) stack[depth++] = index - width - 1;
            if (up && east && joins(cells, seen, index - width + 1, background, byColor, color)) stack[depth++] = index - width + 1;
            if (down && west && joins(cells, seen, index + width - 1, background, byColor, color)) stack[depth++] = index + width - 1;
            if (down && east && joins(cells, seen, index + width + 1, background, byColor, color)) stack[depth++] = index + width + 1;
        }
        sortRange(members, from, total);
        const b = found * 6;
        boxes[b] = from;
        boxes[b + 1] = total - from;
        boxes[b + 2] = top;
        boxes[b + 3] = left;
        boxes[b + 4] = bottom;
        boxes[b + 5] = right;
        found++;
    }
    const foundCells = slabInt32s(total);
    for (let i = 0; i < total; i++) foundCells[i] = foundCell(members[i], cells[members[i]]);
    const where: FoundCells = { cells: foundCells, width };
    const objects: GridObject[] = [];
    for (let k = 0, b = 0; k < found; k++, b += 6) {
        objects.push(GridObject.ofSearch(where, boxes[b], boxes[b + 1], boxes[b + 2], boxes[b + 3], boxes[b + 4], boxes[b + 5]));
    }
    return objects;
}

/** Whether an unseen cell joins the component being searched; marks it seen if so. */
function joins(cells: Uint8Array, seen: Uint8Array, index: number, background: number, byColor: boolean, color: number): boolean {
    if (seen[index]) return false;
    const v = cells[index];
    if (v === background || (byColor && v !== color)) return false;
    seen[index] = 1;
    return true;
}

/** Sorts `values[from … to)` in place; small runs by insertion, which beats a native sort's set-up. */
function sortRange(values: Int32Array, from: number, to: number): void {
    if (to - from > 32) {
        values.subarray(from, to).sort();
        return;
    }
    for (let i = from + 1; i < to; i++) {
        const v = values[i];
        let j = i - 1;
        for (; j >= from && values[j] > v; j--) values[j + 1] = values[j];
        values[j + 1] = v;
    }
}

/** Builds an object from the first `count` cell indices of a grid (sorting them in place into reading order). */
export function objectFromIndices(grid: Grid, indices: Int32Array, count = indices.length): GridObject {
    sortRange(indices, 0, count);
    const sorted = indices;
    const rows = slabInt32s(count);
    const cols = slabInt32s(count);
    const colors = slabBytes(count);
    for (let i = 0; i < count; i++) {
        const index = sorted[i];
        rows[i] = (index / grid.width) | 0;
        cols[i] = index - rows[i] * grid.width;
        colors[i] = grid.cells[index];
    }
    return new GridObject(rows, cols, colors);
}

const COLOR_COUNTS = new Int32Array(10);

/** The object's most frequent colour; ties go to the smallest colour number. Counted once per object. */
export function objectColor(object: GridObject): number {
    if (object.countedColor >= 0) return object.countedColor;
    const counts = COLOR_COUNTS;
    for (let c = 0; c < 10; c++) counts[c] = 0;
    object.countColors(counts);
    let best = 0;
    for (let c = 1; c < 10; c++) if (counts[c] > counts[best]) best = c;
    object.countedColor = best;
    return best;
}
