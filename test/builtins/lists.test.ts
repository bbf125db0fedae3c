import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluate, faultOf, output, rows } from './run.js';

// Objects in reading order: blue (1 cell), red (2), green (2), yellow (1).
const G = rows('1 0 2 2 | 0 0 0 0 | 3 0 0 4 | 3 0 0 0');

describe('map, filter and count', () => {
    it('apply a lambda to every item and keep the order', async () => {
        assert.deepEqual(await evaluate('map(objects(input), o => size(o))', G), [1, 2, 2, 1]);
        assert.deepEqual(await evaluate('map(filter(objects(input), o => size(o) == 1), o => color_of(o))', G), [1, 4]);
        assert.equal(await evaluate('count(filter(objects(input), o => size(o) > 5))', G), 0);
        assert.deepEqual(await evaluate('map([], n => n + 1)', G), []);
    });
});

describe('argmax and argmin', () => {
    it('pick by key, ties going to the first item', async () => {
        assert.equal(await evaluate('color_of(argmax(objects(input), o => size(o)))', G), 2);
        assert.equal(await evaluate('color_of(argmin(objects(input), o => size(o)))', G), 1);
        assert.equal(await evaluate('argmax([3, -1, 3], n => n * n)', G), 3);
    });

    it('fail on an empty list', async () => {
        assert.deepEqual(await faultOf('crop(input, argmax(with_color(objects(input), 9), o => size(o)))', G), {
            message: 'argmax: the list is empty',
            at: 'with_color(objects(input), 9)',
        });
    });
});

describe('fold', () => {
    it('threads a value through the items', async () => {
        assert.equal(await evaluate('fold([1, 2, 3], 10, (sum, n) => sum + n)', G), 16);
        assert.deepEqual(
            await output('fold(objects(input), input, (g, o) => recolor(g, color_of(o), 5))', G),
            rows('5 0 5 5 | 0 0 0 0 | 5 0 0 5 | 5 0 0 0'),
        );
        assert.deepEqual(await output('fold(with_color(objects(input), 9), input, (g, o) => erase(g, o))', G), G);
    });
});

describe('nth', () => {
    it('counts from the start, or from the end when negative', async () => {
        assert.deepEqual(await evaluate('[nth([5, 6, 7], 0), nth([5, 6, 7], -1), nth([5, 6, 7], -3)]', G), [5, 7, 5]);
    });

    it('names the index outside the list', async () => {
        assert.deepEqual(await faultOf('blank(1, 1, nth([5, 6, 7], 3))', G), {
            message: 'nth: index 3 is outside a list of 3 items',
            at: '3',
        });
    });
});

describe('sort_by', () => {
    it('sorts ascending by key', async () => {
        assert.deepEqual(await evaluate('sort_by([3, -1, 2, 0], n => n)', G), [-1, 0, 2, 3]);
        assert.deepEqual(await evaluate('sort_by([3, -1, 2, 0], n => 0 - n)', G), [3, 2, 0, -1]);
    });

    it('keeps equal keys in their order (stable)', async () => {
        assert.deepEqual(await evaluate('map(sort_by(objects(input), o => size(o)), o => color_of(o))', G), [1, 4, 2, 3]);
        assert.deepEqual(await evaluate('map(sort_by(objects(input), o => 0 - size(o)), o => color_of(o))', G), [2, 3, 1, 4]);
    });

    it('accepts an empty list', async () => {
        assert.deepEqual(await evaluate('sort_by(filter(objects(input), o => size(o) > 9), o => size(o))', G), []);
    });
});

describe('choose', () => {
    it('returns then when the condition holds, else otherwise', async () => {
        assert.deepEqual(await evaluate('[choose(true, 1, 2), choose(false, 1, 2)]', G), [1, 2]);
        assert.deepEqual(await output('choose(width(input) > height(input), rotate(input), input)', rows('1 2 3')), rows('1 | 2 | 3'));
        assert.deepEqual(await output('choose(width(input) > height(input), rotate(input), input)', rows('1 | 2')), rows('1 | 2'));
    });

    it('evaluates only the branch taken: a fault in the other one does not stop the run', async () => {
        assert.deepEqual(await output('choose(true, input, tile(input, 31, 1))', rows('1')), rows('1'));
        assert.deepEqual(
            await output('choose(count(objects(input)) > 0, crop(input, largest(objects(input))), input)', rows('0 0')),
            rows('0 0'),
        );
        assert.deepEqual(await faultOf('choose(false, input, tile(input, 31, 1))', rows('1')), {
            message: 'tile: the result would be a 31×1 grid; the most is 30×30',
            at: '31',
        });
    });
});
