import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { faultOf, output, rows } from './run.js';

const EMPTY4 = rows('0 0 0 0 | 0 0 0 0 | 0 0 0 0 | 0 0 0 0');

function square(side: number, cells: [number, number, number][] = []): number[][] {
    const grid = Array.from({ length: side }, () => new Array<number>(side).fill(0));
    for (const [r, c, v] of cells) grid[r][c] = v;
    return grid;
}

describe('line', () => {
    it('draws horizontal, vertical and both diagonal segments, ends included, either way round', async () => {
        assert.deepEqual(await output('line(input, (1, 0), (1, 2), 5)', EMPTY4), rows('0 0 0 0 | 5 5 5 0 | 0 0 0 0 | 0 0 0 0'));
        assert.deepEqual(await output('line(input, (3, 3), (1, 3), 5)', EMPTY4), rows('0 0 0 0 | 0 0 0 5 | 0 0 0 5 | 0 0 0 5'));
        assert.deepEqual(await output('line(input, (3, 3), (0, 0), 5)', EMPTY4), rows('5 0 0 0 | 0 5 0 0 | 0 0 5 0 | 0 0 0 5'));
        assert.deepEqual(await output('line(input, (0, 3), (2, 1), 5)', EMPTY4), rows('0 0 0 5 | 0 0 5 0 | 0 5 0 0 | 0 0 0 0'));
    });

    it('paints over anything, and a segment of one cell is that cell', async () => {
        assert.deepEqual(await output('line(input, (0, 0), (0, 1), 2)', rows('7 7 | 7 7')), rows('2 2 | 7 7'));
        assert.deepEqual(await output('line(input, (0, 0), (0, 0), 2)', rows('7')), rows('2'));
    });

    it('names `to` when the segment is not straight', async () => {
        assert.deepEqual(await faultOf('line(input, (0, 0), (1, 2), 5)', EMPTY4), {
            message: 'line: (0, 0) to (1, 2) is not a horizontal, vertical or 45° diagonal line',
            at: '(1, 2)',
        });
    });

    it('names an end outside the grid', async () => {
        assert.deepEqual(await faultOf('line(input, (0, 4), (0, 0), 5)', EMPTY4), {
            message: 'line: point (0, 4) is outside the 4×4 grid',
            at: '(0, 4)',
        });
    });
});

describe('ray', () => {
    const G = rows('0 0 0 0 | 2 0 0 3 | 0 0 0 0 | 0 0 0 0');
    it('paints from the next cell to the edge, over anything', async () => {
        assert.deepEqual(await output('ray(input, (1, 0), right, 4)', G), rows('0 0 0 0 | 2 4 4 4 | 0 0 0 0 | 0 0 0 0'));
        assert.deepEqual(await output('ray(input, (1, 0), up_right, 4)', G), rows('0 4 0 0 | 2 0 0 3 | 0 0 0 0 | 0 0 0 0'));
    });

    it('with stop, stops before the first non-background cell', async () => {
        assert.deepEqual(await output('ray(input, (1, 0), right, 4, stop: true)', G), rows('0 0 0 0 | 2 4 4 3 | 0 0 0 0 | 0 0 0 0'));
        assert.deepEqual(await output('ray(input, (1, 3), down, 4, stop: true)', G), rows('0 0 0 0 | 2 0 0 3 | 0 0 0 4 | 0 0 0 4'));
    });

    it('changes nothing from an edge cell pointing outwards', async () => {
        assert.deepEqual(await output('ray(input, (1, 0), left, 4)', G), G);
    });

    it('names a start outside the grid', async () => {
        assert.deepEqual(await faultOf('ray(input, (4, 0), up, 4)', G), {
            message: 'ray: point (4, 0) is outside the 4×4 grid',
            at: '(4, 0)',
        });
    });
});

describe('connect_pairs', () => {
    it('fills the gaps between consecutive same-coloured cells in rows and columns', async () => {
        const G = rows('1 0 0 1 0 | 0 0 0 0 0 | 2 0 2 0 1 | 0 0 0 0 0 | 1 0 0 0 1');
        assert.deepEqual(await output('connect_pairs(input)', G), rows('1 1 1 1 0 | 0 0 0 0 0 | 2 2 2 0 1 | 0 0 0 0 1 | 1 1 1 1 1'));
        assert.deepEqual(await output('connect_pairs(input, 5)', G), rows('1 5 5 1 0 | 0 0 0 0 0 | 2 5 2 0 1 | 0 0 0 0 5 | 1 5 5 5 1'));
    });

    it('does not connect across another colour, nor adjacent cells', async () => {
        assert.deepEqual(
            await output('connect_pairs(input)', rows('1 0 2 0 1 | 0 0 0 0 0 | 0 0 0 0 0')),
            rows('1 0 2 0 1 | 0 0 0 0 0 | 0 0 0 0 0'),
        );
        assert.deepEqual(await output('connect_pairs(input)', rows('3 3 0 | 0 0 0')), rows('3 3 0 | 0 0 0'));
    });

    it('lets a row win over a column where they cross', async () => {
        assert.deepEqual(
            await output('connect_pairs(input)', rows('0 3 0 | 4 0 4 | 0 3 0 | 0 0 0')),
            rows('0 3 0 | 4 4 4 | 0 3 0 | 0 0 0'),
        );
    });

    it('connects diagonals only when asked', async () => {
        const both = rows('1 0 2 | 0 0 0 | 2 0 1 | 0 0 0');
        assert.deepEqual(await output('connect_pairs(input)', both), both);
        // Positional arguments: `diagonal` is also an axis keyword, so it cannot be written as a named argument yet.
        assert.deepEqual(await output('connect_pairs(input, 5, 0, true)', both), rows('1 0 2 | 0 5 0 | 2 0 1 | 0 0 0'));
        assert.deepEqual(await output('connect_pairs(input, 5, 0, true)', rows('0 0 2 | 0 0 0 | 2 0 0')), rows('0 0 2 | 0 5 0 | 2 0 0'));
    });

    it('spans a 30×30 grid', async () => {
        const big = square(30, [
            [0, 0, 6],
            [29, 29, 6],
        ]);
        const result = await output('connect_pairs(input, 6, 0, true)', big);
        assert.equal(result.flat().filter((v) => v === 6).length, 30);
        assert.ok(result.every((row, r) => row[r] === 6));
    });
});

describe('outline', () => {
    const G = rows('0 0 0 0 | 0 1 1 0 | 0 1 0 0 | 0 0 0 0');
    it("paints the ring just outside the object's bounding box", async () => {
        assert.deepEqual(await output('outline(input, largest(objects(input)), 2)', G), rows('2 2 2 2 | 2 1 1 2 | 2 1 0 2 | 2 2 2 2'));
    });

    it('drops ring cells outside the grid, and paints over other colours', async () => {
        const corner = rows('1 0 0 | 0 0 0 | 0 0 3');
        assert.deepEqual(await output('outline(input, nth(objects(input), 0), 2)', corner), rows('1 2 0 | 2 2 0 | 0 0 3'));
        assert.deepEqual(await output('outline(input, nth(objects(input), 0), 2)', rows('1 3 | 0 0')), rows('1 2 | 2 2'));
    });
});

describe('cross', () => {
    it("colours the background cells of the point's row and column", async () => {
        const G = rows('0 0 0 0 | 0 0 4 0 | 0 0 0 0 | 0 0 1 0');
        assert.deepEqual(await output('cross(input, (1, 2), 3)', G), rows('0 0 3 0 | 3 3 4 3 | 0 0 3 0 | 0 0 1 0'));
        assert.deepEqual(await output('cross(input, (0, 0), 3)', rows('5')), rows('3'));
        assert.deepEqual(await output('cross(input, (0, 0), 3, bg: 0)', rows('5')), rows('5'));
    });
});
