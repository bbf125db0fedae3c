import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Random } from '../../generators/random.js';
import { findObjects } from '../../language/builtins/grid-analysis.js';
import { Grid } from '../../language/grid.js';

/** A reproducible grid of colours 0–3, dense enough that components reach every edge and corner. */
function patchy(seed: number, height: number, width: number): Grid {
    const rng = new Random(`patchy/${seed}`);
    return Grid.fromRows(Array.from({ length: height }, () => Array.from({ length: width }, () => rng.int(0, 3))));
}

/** Components by a plain flood fill over neighbour offsets: cell indices of each, in reading order of their first cell. */
function referenceComponents(grid: Grid, connectivity: 4 | 8, byColor: boolean, background: number): number[][] {
    const offsets = [
        [-1, 0],
        [1, 0],
        [0, -1],
        [0, 1],
    ];
    if (connectivity === 8) offsets.push([-1, -1], [-1, 1], [1, -1], [1, 1]);
    const seen = new Set<number>();
    const components: number[][] = [];
    for (let start = 0; start < grid.cells.length; start++) {
        if (seen.has(start) || grid.cells[start] === background) continue;
        const color = grid.cells[start];
        const component: number[] = [];
        const stack = [start];
        seen.add(start);
        while (stack.length > 0) {
            const index = stack.pop() as number;
            component.push(index);
            const row = Math.floor(index / grid.width);
            const col = index % grid.width;
            for (const [dr, dc] of offsets) {
                const [r, c] = [row + dr, col + dc];
                if (!grid.inBounds(r, c)) continue;
                const neighbour = r * grid.width + c;
                const v = grid.cells[neighbour];
                if (seen.has(neighbour) || v === background || (byColor && v !== color)) continue;
                seen.add(neighbour);
                stack.push(neighbour);
            }
        }
        components.push(component.sort((a, b) => a - b));
    }
    return components;
}

describe('object search', () => {
    it('finds the components a plain flood fill finds, at every edge and corner of the grid', () => {
        for (let seed = 1; seed <= 60; seed++) {
            const grid = patchy(seed, 1 + (seed % 12), 1 + ((seed * 5) % 12));
            for (const connectivity of [4, 8] as const) {
                for (const byColor of [true, false]) {
                    const background = seed % 4;
                    const found = findObjects(grid, connectivity, byColor, background).map((o) =>
                        Array.from(o.rows, (r, i) => r * grid.width + o.cols[i]),
                    );
                    assert.deepEqual(found, referenceComponents(grid, connectivity, byColor, background), `seed ${seed}`);
                }
            }
        }
    });
});
