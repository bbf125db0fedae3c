import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluate, faultOf, rows } from './run.js';

// 17 black, 4 red, 2 blue, 2 green.
const G = rows('0 0 1 0 0 | 0 2 2 0 0 | 0 2 2 0 3 | 0 0 0 0 3 | 1 0 0 0 0');
const ONE = rows('7');

describe('width and height', () => {
    it('measure grids, including non-square and 1×1 ones', async () => {
        assert.equal(await evaluate('width(input)', rows('1 2 3 | 4 5 6')), 3);
        assert.equal(await evaluate('height(input)', rows('1 2 3 | 4 5 6')), 2);
        assert.deepEqual(await evaluate('(width(input), height(input))', ONE), [1, 1]);
    });

    it("measure an object's bounding box", async () => {
        assert.deepEqual(await evaluate('map(objects(input), o => (height(o), width(o)))', G), [
            [1, 1],
            [2, 2],
            [2, 1],
            [1, 1],
        ]);
    });
});

describe('row and col', () => {
    it('read the parts of a point', async () => {
        assert.deepEqual(await evaluate('(row((3, 4)), col((3, 4)))', G), [3, 4]);
        assert.deepEqual(await evaluate('map(points(input, green), p => col(p) - row(p))', G), [2, 1]);
    });
});

describe('most_color and least_color', () => {
    it('count every cell of a grid', async () => {
        assert.equal(await evaluate('most_color(input)', G), 0);
        assert.equal(await evaluate('most_color(input)', ONE), 7);
    });

    it('break ties towards the smallest colour number', async () => {
        assert.equal(await evaluate('most_color(input)', rows('2 1 | 1 2')), 1);
        // blue and green both have 2 cells.
        assert.equal(await evaluate('least_color(input)', G), 1);
    });

    it('least_color only considers colours that are present', async () => {
        assert.equal(await evaluate('least_color(input)', rows('5 5 | 5 9')), 9);
        assert.equal(await evaluate('least_color(input)', ONE), 7);
    });

    it('most_color of an object counts its cells', async () => {
        assert.deepEqual(
            await evaluate('map(objects(input, by_color: false), o => most_color(o))', rows('1 2 2 0 0 | 0 0 0 0 3 | 4 4 0 0 3')),
            [2, 3, 4],
        );
        assert.equal(await evaluate('most_color(nth(objects(input, by_color: false), 0))', rows('2 1 | 0 0')), 1);
    });
});

describe('count_color', () => {
    it('counts the cells of one colour, 0 if absent', async () => {
        assert.deepEqual(await evaluate('[count_color(input, red), count_color(input, 0), count_color(input, maroon)]', G), [4, 17, 0]);
    });

    it('rejects a colour outside 0–9 computed at run time', async () => {
        assert.deepEqual(await faultOf('blank(1, count_color(input, 5 + 5))', G), {
            message: 'count_color: colour 10 is outside 0–9',
            at: '5 + 5',
        });
    });
});

describe('colors', () => {
    it('lists the present colours except the background, ascending', async () => {
        assert.deepEqual(await evaluate('colors(input)', G), [1, 2, 3]);
        assert.deepEqual(await evaluate('colors(input, bg: blue)', G), [0, 2, 3]);
    });

    it('is empty for a one-colour grid', async () => {
        assert.deepEqual(await evaluate('colors(input)', ONE), []);
        assert.deepEqual(await evaluate('colors(input)', rows('4 4 | 4 4')), []);
    });
});

describe('cell', () => {
    it('reads the colour at (row, col)', async () => {
        assert.deepEqual(await evaluate('[cell(input, (1, 2)), cell(input, (4, 0)), cell(input, (2, 4))]', G), [2, 1, 3]);
        assert.equal(await evaluate('cell(input, (0, 0))', ONE), 7);
    });

    it('names the point outside the grid, with its range', async () => {
        assert.deepEqual(await faultOf('blank(1, 1, cell(input, (7, 2)))', G), {
            message: 'cell: point (7, 2) is outside the 5×5 grid',
            at: '(7, 2)',
        });
        assert.deepEqual(await faultOf('blank(1, 1, cell(input, (0, -1)))', ONE), {
            message: 'cell: point (0, -1) is outside the 1×1 grid',
            at: '(0, -1)',
        });
    });
});

describe('points', () => {
    it('lists the cells of a colour in reading order', async () => {
        assert.deepEqual(await evaluate('points(input, red)', G), [
            [1, 1],
            [1, 2],
            [2, 1],
            [2, 2],
        ]);
        assert.deepEqual(await evaluate('points(input, blue)', G), [
            [0, 2],
            [4, 0],
        ]);
    });

    it('is empty for an absent colour', async () => {
        assert.deepEqual(await evaluate('points(input, maroon)', G), []);
    });

    it('covers a whole 30×30 grid', async () => {
        const big = Array.from({ length: 30 }, () => new Array<number>(30).fill(0));
        big[29][29] = 4;
        assert.equal(await evaluate('count(points(input, black))', big), 899);
        assert.deepEqual(await evaluate('points(input, yellow)', big), [[29, 29]]);
    });
});
