import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Random } from '../../generators/random.js';
import { findObjects } from '../../language/builtins/grid-analysis.js';
import { Grid } from '../../language/grid.js';
import { GridObject } from '../../language/values.js';

/** A reproducible grid of mostly background 0 with scattered colours 1–3. */
function scattered(seed: number, height: number, width: number): Grid {
    const rng = new Random(`scattered/${seed}`);
    return Grid.fromRows(Array.from({ length: height }, () => Array.from({ length: width }, () => (rng.chance(0.55) ? 0 : rng.int(1, 3)))));
}

/** Everything a builtin can read of an object. */
const seen = (o: GridObject) => ({
    size: o.size,
    box: [o.top, o.left, o.bottom, o.right, o.height, o.width],
    cells: Array.from(o.rows, (r, i) => [r, o.cols[i], o.colors[i]]),
});

describe('objects found by a search', () => {
    it('read exactly as objects built from their cells', () => {
        for (let seed = 1; seed <= 40; seed++) {
            const grid = scattered(seed, 3 + (seed % 28), 3 + ((seed * 7) % 28));
            for (const connectivity of [4, 8] as const) {
                for (const byColor of [true, false]) {
                    for (const found of findObjects(grid, connectivity, byColor, 0)) {
                        const built = new GridObject(found.rows.slice(), found.cols.slice(), found.colors.slice());
                        assert.deepEqual(seen(found), seen(built));
                        const cells = seen(found).cells;
                        for (let i = 1; i < cells.length; i++) {
                            const [r0, c0] = cells[i - 1];
                            const [r1, c1] = cells[i];
                            assert.ok(r0 * grid.width + c0 < r1 * grid.width + c1, 'cells in reading order');
                        }
                    }
                }
            }
        }
    });

    it('keep the colours they were found with after the grid is painted, even if first read afterwards', () => {
        const grid = Grid.fromRows([
            [1, 1, 0],
            [0, 0, 0],
            [0, 2, 2],
        ]);
        const objects = findObjects(grid, 4, true, 0);
        grid.cells.fill(7);
        assert.deepEqual(
            objects.map((o) => seen(o).cells),
            [
                [
                    [0, 0, 1],
                    [0, 1, 1],
                ],
                [
                    [2, 1, 2],
                    [2, 2, 2],
                ],
            ],
        );
    });
});
