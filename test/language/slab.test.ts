import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Budget } from '../../language/budget.js';
import { findObjects } from '../../language/builtins/grid-analysis.js';
import { Grid } from '../../language/grid.js';
import { compileText } from '../../language/load.js';
import { slabBytes, slabInt32s } from '../../language/slab.js';

/** A 30×30 grid whose cells spell out `seed` (so any two differ), built from rows. */
function patterned(seed: number): Grid {
    return Grid.fromRows(Array.from({ length: 30 }, (_, r) => Array.from({ length: 30 }, (_, c) => (seed + r * 7 + c * 3) % 10)));
}

const cellsOf = (objects: ReturnType<typeof findObjects>) => objects.map((o) => Array.from(o.rows, (r, i) => [r, o.cols[i], o.colors[i]]));

describe('slab allocation', () => {
    it('keeps every grid its own cells through thousands of allocations of every kind', () => {
        const budget = new Budget({ maxSteps: 1, maxCells: Number.MAX_SAFE_INTEGER });
        const kept: { grid: Grid; rows: number[][] }[] = [];
        for (let i = 0; i < 3000; i++) {
            const grid = i % 3 === 0 ? patterned(i) : i % 3 === 1 ? budget.copy(patterned(i)) : budget.grid(1 + (i % 30), 30, i % 10);
            if (i % 3 === 2) grid.cells[grid.cells.length - 1] = (i + 1) % 10;
            kept.push({ grid, rows: grid.toRows() });
            slabInt32s(1 + (i % 500)).fill(-1);
            slabBytes(1 + (i % 900)).fill(255);
        }
        for (const { grid, rows } of kept) assert.deepEqual(grid.toRows(), rows);
    });

    it('hands out zeroed arrays that do not overlap', () => {
        const parts = Array.from({ length: 200 }, (_, i) => (i % 2 ? slabBytes(70 + i) : slabInt32s(17 + i)));
        for (const part of parts) assert.ok(part.every((v) => v === 0));
        parts.forEach((part, i) => {
            part.fill(i + 1);
        });
        parts.forEach((part, i) => {
            assert.ok(part.every((v) => v === i + 1));
        });
    });

    it('copies into separate cells: writing a copy leaves the original alone', () => {
        const original = patterned(4);
        const copy = new Budget().copy(original);
        copy.cells.fill(9);
        assert.deepEqual(original.toRows(), patterned(4).toRows());
    });
});

describe('findObjects answers reused for the same grid', () => {
    it('finds the objects again after the grid has been painted on', () => {
        const grid = Grid.fromRows([
            [0, 1, 0],
            [0, 0, 0],
            [2, 0, 0],
        ]);
        for (let i = 0; i < 3; i++) assert.equal(findObjects(grid, 4, true, 0).length, 2);
        grid.cells[8] = 3;
        assert.deepEqual(cellsOf(findObjects(grid, 4, true, 0)), [[[0, 1, 1]], [[2, 0, 2]], [[2, 2, 3]]]);
    });

    it('gives each caller its own list, and answers per connectivity, colour split and background', () => {
        const grid = Grid.fromRows([
            [1, 0, 0],
            [0, 2, 0],
            [0, 0, 0],
        ]);
        for (let i = 0; i < 3; i++) findObjects(grid, 4, true, 0).pop();
        assert.equal(findObjects(grid, 4, true, 0).length, 2);
        assert.equal(findObjects(grid, 8, true, 0).length, 2);
        assert.equal(findObjects(grid, 8, false, 0).length, 1);
        assert.equal(findObjects(grid, 4, true, 1).length, 2);
        assert.deepEqual(
            findObjects(grid, 4, true, 1).map((o) => o.size),
            [7, 1],
        );
    });

    it('leaves programs run many times on one input with the same results as a fresh input', async () => {
        const { program } = await compileText(
            'let small = filter(objects(input), o => size(o) < 3)\noutput = fold(small, input, (acc, o) => paint(acc, o, color: 5))',
        );
        const input = patterned(1);
        const expected = program.run(patterned(1)).toRows();
        for (let i = 0; i < 40; i++) assert.deepEqual(program.run(input).toRows(), expected);
    });
});
