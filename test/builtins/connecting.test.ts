import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { output, rows } from './run.js';

// Two red pairs in a row and a column, and a blue pair on a diagonal.
const PAIRS = rows('2 0 0 2 | 0 0 0 0 | 0 1 0 0 | 2 0 1 0');

describe('connect_along', () => {
    it('joins pairs along one direction only', async () => {
        assert.deepEqual(await output('connect_along(input, horizontal)', PAIRS), rows('2 2 2 2 | 0 0 0 0 | 0 1 0 0 | 2 0 1 0'));
        assert.deepEqual(await output('connect_along(input, vertical, 3)', PAIRS), rows('2 0 0 2 | 3 0 0 0 | 3 1 0 0 | 2 0 1 0'));
        assert.deepEqual(await output('connect_along(input, diagonal, 3)', PAIRS), PAIRS);
        assert.deepEqual(await output('connect_along(input, diagonal, 3)', rows('1 0 0 | 0 0 0 | 0 0 1')), rows('1 0 0 | 0 3 0 | 0 0 1'));
        assert.deepEqual(await output('connect_along(input, antidiagonal)', rows('0 0 4 | 0 0 0 | 4 0 0')), rows('0 0 4 | 0 4 0 | 4 0 0'));
    });

    it('does not cross other colours, and changes only bg cells', async () => {
        assert.deepEqual(await output('connect_along(input, horizontal)', rows('1 0 2 0 1 | 0 0 0 0 0')), rows('1 0 2 0 1 | 0 0 0 0 0'));
        assert.deepEqual(
            await output('connect_along(input, horizontal, 3, bg: 5)', rows('1 5 5 1 0 1 | 5 5 5 5 5 5')),
            rows('1 3 3 1 0 1 | 5 5 5 5 5 5'),
        );
    });

    it('with rows and columns overlaid, columns win where lines cross', async () => {
        const cross = rows('0 2 0 | 3 0 3 | 0 2 0');
        assert.deepEqual(
            await output('overlay(connect_along(input, horizontal), connect_along(input, vertical))', cross),
            rows('0 2 0 | 3 2 3 | 0 2 0'),
        );
        assert.deepEqual(await output('connect_pairs(input)', cross), rows('0 2 0 | 3 3 3 | 0 2 0'));
    });
});

describe('move_to', () => {
    it("puts the object's top-left corner at the point, leaving bg behind", async () => {
        const G = rows('0 0 0 0 | 0 1 1 0 | 0 0 1 0 | 0 0 0 0');
        assert.deepEqual(await output('move_to(input, largest(objects(input)), (2, 0))', G), rows('0 0 0 0 | 0 0 0 0 | 1 1 0 0 | 0 1 0 0'));
    });

    it('paints over what is there and drops cells leaving the grid', async () => {
        const G = rows('3 0 0 | 0 0 0 | 0 0 4');
        assert.deepEqual(await output('move_to(input, cells_of(input, green), (2, 2))', G), rows('0 0 0 | 0 0 0 | 0 0 3'));
        assert.deepEqual(await output('move_to(input, cells_of(input, green), (5, 0))', G), rows('0 0 0 | 0 0 0 | 0 0 4'));
        assert.deepEqual(await output('move_to(input, cells_of(input, red), (1, 1))', G), G);
    });
});
