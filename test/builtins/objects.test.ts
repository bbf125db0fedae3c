import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluate, faultOf, output, rows } from './run.js';

const DIAGONAL = rows('1 0 0 | 0 1 0 | 0 0 2');
const G = rows('0 0 1 0 0 | 0 2 2 0 0 | 0 2 2 0 3 | 0 0 0 0 3 | 1 0 0 0 0');

describe('objects', () => {
    it('finds edge-connected single-colour shapes in reading order', async () => {
        assert.deepEqual(await evaluate('objects(input)', G), [
            [[0, 2, 1]],
            [
                [1, 1, 2],
                [1, 2, 2],
                [2, 1, 2],
                [2, 2, 2],
            ],
            [
                [2, 4, 3],
                [3, 4, 3],
            ],
            [[4, 0, 1]],
        ]);
    });

    it('joins corners with connectivity 8, and colours with by_color false', async () => {
        assert.equal(await evaluate('count(objects(input))', DIAGONAL), 3);
        assert.equal(await evaluate('count(objects(input, connectivity: 8))', DIAGONAL), 2);
        assert.equal(await evaluate('count(objects(input, connectivity: 8, by_color: false))', DIAGONAL), 1);
    });

    it('finds nothing in a one-colour grid, and the first selection then says so', async () => {
        assert.deepEqual(await evaluate('objects(input)', rows('3 3 | 3 3')), []);
        assert.deepEqual(await faultOf('crop(input, largest(objects(input)))', rows('3')), {
            message: 'largest: the object list is empty',
            at: 'objects(input)',
        });
    });

    it('rejects a connectivity other than 4 or 8', async () => {
        assert.deepEqual(await faultOf('keep(input, objects(input, connectivity: 6))', G), {
            message: 'objects: connectivity must be 4 or 8, not 6',
            at: 'connectivity: 6',
        });
    });
});

describe('largest, smallest, size and color_of', () => {
    it('pick by cell count, ties going to the first in reading order', async () => {
        assert.deepEqual(await evaluate('smallest(objects(input))', G), [[0, 2, 1]]);
        assert.equal(await evaluate('size(largest(objects(input)))', G), 4);
        assert.deepEqual(await evaluate('largest(objects(input))', rows('1 0 2 | 1 0 2')), [
            [0, 0, 1],
            [1, 0, 1],
        ]);
    });

    it('color_of is the most frequent colour, ties to the smallest number', async () => {
        assert.deepEqual(await evaluate('map(objects(input, by_color: false), o => color_of(o))', rows('3 2 0 | 0 0 0 | 4 4 5')), [2, 4]);
    });

    it('color_of, asked again, still answers for each object its own colour', async () => {
        const twice = 'map(objects(input, by_color: false), o => color_of(o) * 10 + color_of(o))';
        assert.deepEqual(await evaluate(twice, rows('3 2 0 | 0 0 0 | 4 4 5')), [22, 44]);
        assert.deepEqual(await evaluate('map(with_color(objects(input), yellow), o => color_of(o))', rows('3 0 4 | 0 0 4')), [4]);
    });
});

describe('position and center', () => {
    it('give the top-left corner and the rounded-down centre of the bounding box', async () => {
        assert.deepEqual(await evaluate('map(objects(input), o => position(o))', G), [
            [0, 2],
            [1, 1],
            [2, 4],
            [4, 0],
        ]);
        assert.deepEqual(await evaluate('map(objects(input), o => center(o))', G), [
            [0, 2],
            [1, 1],
            [2, 4],
            [4, 0],
        ]);
        assert.deepEqual(
            await evaluate('center(largest(objects(input)))', rows('0 0 0 0 0 | 0 5 5 5 0 | 0 5 5 5 0 | 0 5 5 5 0 | 0 0 0 0 0')),
            [2, 2],
        );
    });

    it('are named faults on an empty object (it has no box), not points of Infinity or NaN', async () => {
        assert.deepEqual(await faultOf('paint(input, shift(largest(objects(input)), position(cells_of(input, yellow))))', G), {
            message: 'position: an empty object has no position',
            at: 'cells_of(input, yellow)',
        });
        assert.deepEqual(await faultOf('paint(input, shift(largest(objects(input)), center(cells_of(input, yellow))))', G), {
            message: 'center: an empty object has no centre',
            at: 'cells_of(input, yellow)',
        });
        assert.deepEqual(await evaluate('(width(cells_of(input, yellow)), height(cells_of(input, yellow)))', G), [0, 0]);
    });
});

describe('shift', () => {
    it('moves every cell, keeping colours', async () => {
        assert.deepEqual(await evaluate('shift(nth(objects(input), 2), (-2, -4))', G), [
            [0, 0, 3],
            [1, 0, 3],
        ]);
    });

    it('may leave the grid; painting then drops the outside cells', async () => {
        assert.deepEqual(
            await output('paint(input, shift(largest(objects(input)), (3, 3)))', G),
            rows('0 0 1 0 0 | 0 2 2 0 0 | 0 2 2 0 3 | 0 0 0 0 3 | 1 0 0 0 2'),
        );
        assert.deepEqual(await evaluate('position(shift(largest(objects(input)), (-5, 0)))', G), [-4, 1]);
    });
});
