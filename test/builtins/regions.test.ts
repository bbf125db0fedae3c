import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluate, faultOf, output, rows } from './run.js';

describe('cells_of', () => {
    it('gathers every cell of a colour into one object, connected or not, in reading order', async () => {
        const G = rows('2 0 0 | 0 1 0 | 0 0 2');
        assert.deepEqual(await evaluate('cells_of(input, red)', G), [
            [0, 0, 2],
            [2, 2, 2],
        ]);
        assert.deepEqual(await output('crop(input, cells_of(input, red))', G), G);
    });

    it('is empty for an absent colour, and cropping to it is a named fault', async () => {
        assert.deepEqual(await evaluate('size(cells_of(input, green))', rows('0 1')), 0);
        assert.deepEqual(await faultOf('crop(input, cells_of(input, green))', rows('0 1')), {
            message: 'crop: cannot crop to an empty object',
            at: 'cells_of(input, green)',
        });
    });
});

describe('holes', () => {
    const TWO_ROOMS = rows('1 1 1 1 1 0 0 | 1 0 1 0 1 0 0 | 1 1 1 0 1 0 0 | 0 0 1 1 1 0 0 | 0 0 0 0 0 0 0');

    it('lists the enclosed background regions, not the ones reaching the border', async () => {
        assert.deepEqual(await evaluate('holes(input)', TWO_ROOMS), [
            [[1, 1, 0]],
            [
                [1, 3, 0],
                [2, 3, 0],
            ],
        ]);
        assert.deepEqual(await evaluate('count(holes(input))', rows('0 1 0 | 1 0 1 | 0 1 0')), 1);
    });

    it('regions connect through edges only, so a gap at a corner does not open them; bg names their colour', async () => {
        assert.deepEqual(await evaluate('holes(input)', rows('1 1 1 0 | 1 0 1 0 | 1 1 0 0 | 0 0 0 0')), [[[1, 1, 0]]]);
        assert.deepEqual(await evaluate('holes(input, bg: 1)', rows('0 0 0 | 0 1 0 | 0 0 0')), [[[1, 1, 1]]]);
    });

    it('fills what fill_enclosed fills', async () => {
        assert.deepEqual(
            await output('fold(holes(input), input, (g, h) => paint(g, h, yellow))', TWO_ROOMS),
            await output('fill_enclosed(input, yellow)', TWO_ROOMS),
        );
    });
});

describe('split', () => {
    const PANES = rows('1 0 5 2 2 | 0 1 5 2 0 | 5 5 5 5 5 | 3 3 5 0 4');

    it('cuts the grid at whole rows and columns of the separator colour, in reading order', async () => {
        assert.deepEqual(await evaluate('split(input, grey)', PANES), [rows('1 0 | 0 1'), rows('2 2 | 2 0'), rows('3 3'), rows('0 4')]);
    });

    it('by default splits at the colour of the most whole lines', async () => {
        assert.deepEqual(await evaluate('count(split(input))', PANES), 4);
        assert.deepEqual(await evaluate('split(input)', rows('1 0 1 | 0 0 0 | 1 0 1')), [rows('1'), rows('1'), rows('1'), rows('1')]);
    });

    it('gives the grid itself when no line is all one colour, and skips empty blocks', async () => {
        assert.deepEqual(await evaluate('split(input)', rows('1 2 | 2 1')), [rows('1 2 | 2 1')]);
        assert.deepEqual(await evaluate('split(input, grey)', rows('5 1 5 5 2')), [rows('1'), rows('2')]);
        assert.deepEqual(await evaluate('count(split(input, grey))', rows('5 5 | 5 5')), 0);
    });
});
