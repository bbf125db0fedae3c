import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { faultOf, output, rows, runProgram } from './run.js';

const G23 = rows('1 2 3 | 4 5 6');
// An L of two colours in a 5×5 grid, its box at (1, 1), 3 tall and 2 wide.
const L = rows('0 0 0 0 0 | 0 1 0 0 0 | 0 1 0 0 0 | 0 2 1 0 0 | 0 0 0 0 0');
const SHAPE = 'largest(objects(input, by_color: false))';

describe('rotate and flip', () => {
    it('rotate turns clockwise by quarter turns, negative anticlockwise', async () => {
        assert.deepEqual(await output('rotate(input)', G23), rows('4 1 | 5 2 | 6 3'));
        assert.deepEqual(await output('rotate(input, 2)', G23), rows('6 5 4 | 3 2 1'));
        assert.deepEqual(await output('rotate(input, -1)', G23), rows('3 6 | 2 5 | 1 4'));
        assert.deepEqual(await output('rotate(input, 4)', G23), G23);
    });

    it('flip mirrors across each axis', async () => {
        assert.deepEqual(await output('flip(input)', G23), rows('3 2 1 | 6 5 4'));
        assert.deepEqual(await output('flip(input, horizontal)', G23), rows('4 5 6 | 1 2 3'));
        assert.deepEqual(await output('flip(input, diagonal)', G23), rows('1 4 | 2 5 | 3 6'));
        assert.deepEqual(await output('flip(input, antidiagonal)', G23), rows('6 3 | 5 2 | 4 1'));
    });
});

describe('crop', () => {
    it("keeps the object's bounding box, other cells included", async () => {
        assert.deepEqual(await output('crop(input, largest(objects(input)))', rows('0 0 0 | 0 3 3 | 0 4 3')), rows('3 3 | 4 3'));
        assert.deepEqual(await output('crop(input, nth(objects(input, bg: 0), 0))', rows('5')), rows('5'));
    });

    it('names an object that lies outside the grid', async () => {
        assert.deepEqual(await faultOf('crop(input, shift(nth(objects(input), 0), (3, 0)))', rows('1 0 | 0 0')), {
            message: 'crop: the object lies outside the 2×2 grid',
            at: 'shift(nth(objects(input), 0), (3, 0))',
        });
    });
});

describe('rotate_object', () => {
    it('rotates the object clockwise, keeping its top-left corner', async () => {
        assert.deepEqual(
            await output(`rotate_object(input, ${SHAPE})`, L),
            rows('0 0 0 0 0 | 0 2 1 1 0 | 0 1 0 0 0 | 0 0 0 0 0 | 0 0 0 0 0'),
        );
        assert.deepEqual(await output(`rotate_object(input, ${SHAPE}, 4)`, L), L);
    });

    for (const turns of [1, 2, 3, -1]) {
        it(`by ${turns} matches rotating the cropped grid`, async () => {
            const rotated = await output(`rotate(crop(input, ${SHAPE}), ${turns})`, L);
            const inPlace = await runProgram(
                `let g = rotate_object(input, ${SHAPE}, ${turns})\noutput = crop(g, largest(objects(g, by_color: false)))`,
                L,
            );
            assert.deepEqual(inPlace, rotated);
        });
    }

    it('drops cells that leave the grid and leaves other objects alone', async () => {
        const edge = rows('0 0 0 | 5 0 0 | 0 0 0 | 0 0 7 | 0 0 7');
        assert.deepEqual(await output('rotate_object(input, nth(objects(input), 1))', edge), rows('0 0 0 | 5 0 0 | 0 0 0 | 0 0 7 | 0 0 0'));
    });
});

describe('flip_object', () => {
    it('mirrors the object inside its own bounding box', async () => {
        assert.deepEqual(
            await output(`flip_object(input, ${SHAPE})`, L),
            rows('0 0 0 0 0 | 0 0 1 0 0 | 0 0 1 0 0 | 0 1 2 0 0 | 0 0 0 0 0'),
        );
        assert.deepEqual(
            await output(`flip_object(input, ${SHAPE}, horizontal)`, L),
            rows('0 0 0 0 0 | 0 2 1 0 0 | 0 1 0 0 0 | 0 1 0 0 0 | 0 0 0 0 0'),
        );
    });

    for (const axis of ['vertical', 'horizontal', 'diagonal', 'antidiagonal']) {
        it(`across ${axis} matches flipping the cropped grid`, async () => {
            const flipped = await output(`flip(crop(input, ${SHAPE}), ${axis})`, L);
            const inPlace = await runProgram(
                `let g = flip_object(input, ${SHAPE}, ${axis})\noutput = crop(g, largest(objects(g, by_color: false)))`,
                L,
            );
            assert.deepEqual(inPlace, flipped);
        });
    }

    it('paints the background where the object was, bg given or not', async () => {
        const bar = rows('0 0 0 | 4 4 4 | 0 0 0');
        assert.deepEqual(await output('flip_object(input, nth(objects(input), 0), diagonal)', bar), rows('0 0 0 | 4 0 0 | 4 0 0'));
        assert.deepEqual(await output('flip_object(input, nth(objects(input), 0), diagonal, bg: 9)', bar), rows('0 0 0 | 4 9 9 | 4 0 0'));
    });
});
