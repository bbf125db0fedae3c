import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { faultOf, output, rows } from './run.js';

const AB = rows('1 2 | 3 4');

describe('blank', () => {
    it('makes a one-colour grid, black by default', async () => {
        assert.deepEqual(await output('blank(2, 3)', AB), rows('0 0 0 | 0 0 0'));
        assert.deepEqual(await output('blank(1, 1, color: maroon)', AB), rows('9'));
        assert.equal((await output('blank(30, 30)', AB)).flat().length, 900);
    });

    it('refuses sizes below 1 and above 30, naming the argument', async () => {
        assert.deepEqual(await faultOf('blank(0, 3)', AB), { message: 'blank: height must be at least 1, not 0', at: '0' });
        assert.deepEqual(await faultOf('blank(3, 31)', AB), {
            message: 'blank: the result would be a 3×31 grid; the most is 30×30',
            at: '31',
        });
    });
});

describe('subgrid', () => {
    const G = rows('1 2 3 | 4 5 6 | 7 8 9');
    it('cuts out a rectangle by its top-left cell and size', async () => {
        assert.deepEqual(await output('subgrid(input, (1, 1), 2, 2)', G), rows('5 6 | 8 9'));
        assert.deepEqual(await output('subgrid(input, (0, 0), 3, 3)', G), G);
        assert.deepEqual(await output('subgrid(input, (2, 0), 1, 1)', G), rows('7'));
    });

    it('refuses a part that does not fit', async () => {
        assert.deepEqual(await faultOf('subgrid(input, (1, 1), 3, 1)', G), {
            message: 'subgrid: 3 rows from row 1 go past the bottom of the 3×3 grid',
            at: '3',
        });
        assert.deepEqual(await faultOf('subgrid(input, (0, 2), 1, 2)', G), {
            message: 'subgrid: 2 columns from column 2 go past the right edge of the 3×3 grid',
            at: '2',
        });
        assert.deepEqual(await faultOf('subgrid(input, (3, 0), 1, 1)', G), {
            message: 'subgrid: point (3, 0) is outside the 3×3 grid',
            at: '(3, 0)',
        });
    });
});

describe('paste', () => {
    const G = rows('0 0 0 | 0 0 0 | 0 0 0');
    it("puts the pattern's top-left cell at the point, dropping what falls outside", async () => {
        assert.deepEqual(await output('paste(input, grid [1 2 | 3 4], (1, 1))', G), rows('0 0 0 | 0 1 2 | 0 3 4'));
        assert.deepEqual(await output('paste(input, grid [1 2 | 3 4], (2, 2))', G), rows('0 0 0 | 0 0 0 | 0 0 1'));
        assert.deepEqual(await output('paste(input, grid [1 2 | 3 4], (-1, -1))', G), rows('4 0 0 | 0 0 0 | 0 0 0'));
        assert.deepEqual(await output('paste(input, grid [1 2 | 3 4], (5, 0))', G), G);
    });

    it('copies every cell unless a transparent colour is given', async () => {
        const base = rows('5 5 | 5 5');
        assert.deepEqual(await output('paste(input, grid [1 0 | 0 1], (0, 0))', base), rows('1 0 | 0 1'));
        assert.deepEqual(await output('paste(input, grid [1 0 | 0 1], (0, 0), transparent: 0)', base), rows('1 5 | 5 1'));
    });
});

describe('overlay', () => {
    it("paints top's non-background cells over base", async () => {
        assert.deepEqual(await output('overlay(input, grid [0 7 | 0 0])', AB), rows('1 7 | 3 4'));
        assert.deepEqual(await output('overlay(input, grid [0 7 | 0 0], bg: 7)', AB), rows('0 2 | 0 0'));
        assert.deepEqual(await output('overlay(input, flip(input))', rows('1 0 0 | 0 0 0')), rows('1 0 1 | 0 0 0'));
    });

    it('names top when the sizes differ', async () => {
        assert.deepEqual(await faultOf('overlay(input, grid [1 2 3])', AB), {
            message: 'overlay: top is 1×3 but base is 2×2; they must be the same size',
            at: 'grid [1 2 3]',
        });
    });
});

describe('hconcat and vconcat', () => {
    it('put grids side by side and one above the other', async () => {
        assert.deepEqual(await output('hconcat(input, grid [5 | 6])', AB), rows('1 2 5 | 3 4 6'));
        assert.deepEqual(await output('vconcat(input, grid [5 6])', AB), rows('1 2 | 3 4 | 5 6'));
        assert.deepEqual(await output('vconcat(grid [5 6], input)', AB), rows('5 6 | 1 2 | 3 4'));
    });

    it('name b when the sides do not match or the result is too big', async () => {
        assert.deepEqual(await faultOf('hconcat(input, grid [5])', AB), {
            message: 'hconcat: b is 1×1 and a is 2×2; side by side, their heights must match',
            at: 'grid [5]',
        });
        assert.deepEqual(await faultOf('vconcat(input, grid [5 6 7])', AB), {
            message: 'vconcat: b is 1×3 and a is 2×2; stacked, their widths must match',
            at: 'grid [5 6 7]',
        });
        assert.deepEqual(await faultOf('hconcat(tile(input, 1, 8), tile(input, 1, 8))', AB), {
            message: 'hconcat: the result would be a 2×32 grid; the most is 30×30',
            at: 'tile(input, 1, 8)',
        });
    });
});

describe('tile', () => {
    it('repeats the grid down and across', async () => {
        assert.deepEqual(await output('tile(input, 2, 3)', AB), rows('1 2 1 2 1 2 | 3 4 3 4 3 4 | 1 2 1 2 1 2 | 3 4 3 4 3 4'));
        assert.deepEqual(await output('tile(input, 1, 1)', AB), AB);
        assert.equal((await output('tile(input, 30, 30)', rows('6'))).flat().length, 900);
    });

    it('fails fast on a result over 30×30, pointing at the count', async () => {
        assert.deepEqual(await faultOf('tile(input, 100, 100)', AB), {
            message: 'tile: the result would be a 200×200 grid; the most is 30×30',
            at: '100',
        });
        assert.deepEqual(await faultOf('tile(input, 1, 16)', AB), {
            message: 'tile: the result would be a 2×32 grid; the most is 30×30',
            at: '16',
        });
        assert.deepEqual(await faultOf('tile(input, 0, 1)', AB), { message: 'tile: rows must be at least 1, not 0', at: '0' });
    });
});

describe('scale', () => {
    it('turns every cell into a factor×factor block', async () => {
        assert.deepEqual(await output('scale(input, 2)', AB), rows('1 1 2 2 | 1 1 2 2 | 3 3 4 4 | 3 3 4 4'));
        assert.deepEqual(await output('scale(input, 1)', AB), AB);
        assert.deepEqual(await output('scale(input, 3)', rows('8')), rows('8 8 8 | 8 8 8 | 8 8 8'));
    });

    it('refuses a factor below 1 or a result over 30×30', async () => {
        assert.deepEqual(await faultOf('scale(input, 0)', AB), { message: 'scale: factor must be at least 1, not 0', at: '0' });
        assert.deepEqual(await faultOf('scale(input, 16)', AB), {
            message: 'scale: the result would be a 32×32 grid; the most is 30×30',
            at: '16',
        });
    });
});
