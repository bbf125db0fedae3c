import type { Grid } from '../grid.js';
import { GridObject } from '../values.js';

/** The most frequent colour; ties go to the smallest colour number. */
export function mostColor(grid: Grid): number {
    const counts = colorCounts(grid);
    let best = 0;
    for (let c = 1; c < 10; c++) if (counts[c] > counts[best]) best = c;
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

const NEIGHBOURS_4 = [-1, 0, 1, 0, 0, -1, 0, 1];
const NEIGHBOURS_8 = [-1, 0, 1, 0, 0, -1, 0, 1, -1, -1, -1, 1, 1, -1, 1, 1];

/**
 * Connected components of non-background cells, in reading order of their first cell (top row first,
 * then leftmost). With `byColor`, a component holds one colour only.
 */
export function findObjects(grid: Grid, connectivity: 4 | 8, byColor: boolean, background: number): GridObject[] {
    const { height, width, cells } = grid;
    const seen = new Uint8Array(cells.length);
    const stack = new Int32Array(cells.length);
    const members = new Int32Array(cells.length);
    const steps = connectivity === 8 ? NEIGHBOURS_8 : NEIGHBOURS_4;
    const objects: GridObject[] = [];
    for (let start = 0; start < cells.length; start++) {
        if (seen[start] || cells[start] === background) continue;
        const color = cells[start];
        let top = 0;
        let count = 0;
        stack[top++] = start;
        seen[start] = 1;
        while (top > 0) {
            const index = stack[--top];
            members[count++] = index;
            const r = (index / width) | 0;
            const c = index - r * width;
            for (let k = 0; k < steps.length; k += 2) {
                const nr = r + steps[k];
                const nc = c + steps[k + 1];
                if (nr < 0 || nc < 0 || nr >= height || nc >= width) continue;
                const next = nr * width + nc;
                if (seen[next]) continue;
                const v = cells[next];
                if (v === background || (byColor && v !== color)) continue;
                seen[next] = 1;
                stack[top++] = next;
            }
        }
        objects.push(objectFromIndices(grid, members.subarray(0, count)));
    }
    return objects;
}

/** Builds an object from cell indices of a grid, keeping reading order. */
export function objectFromIndices(grid: Grid, indices: ArrayLike<number>): GridObject {
    const sorted = Int32Array.from(indices).sort();
    const rows = new Int32Array(sorted.length);
    const cols = new Int32Array(sorted.length);
    const colors = new Uint8Array(sorted.length);
    for (let i = 0; i < sorted.length; i++) {
        const index = sorted[i];
        rows[i] = (index / grid.width) | 0;
        cols[i] = index - rows[i] * grid.width;
        colors[i] = grid.cells[index];
    }
    return new GridObject(rows, cols, colors);
}

/** The object's most frequent colour; ties go to the smallest colour number. */
export function objectColor(object: GridObject): number {
    const counts = new Int32Array(10);
    for (let i = 0; i < object.colors.length; i++) counts[object.colors[i]]++;
    let best = 0;
    for (let c = 1; c < 10; c++) if (counts[c] > counts[best]) best = c;
    return best;
}
