import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Budget } from '../../language/budget.js';
import { BUILTINS } from '../../language/builtins/table.js';
import { GridObject } from '../../language/values.js';
import { evaluate, faultOf, rows } from './run.js';

// Two red L shapes, a blue L mirrored, a green bar.
const SHAPES = rows('2 0 0 0 1 1 | 2 2 0 0 0 1 | 0 0 0 0 0 0 | 0 2 0 3 3 3 | 0 2 2 0 0 0');

function object(cells: [number, number][]): GridObject {
    return new GridObject(
        Int32Array.from(cells, ([r]) => r),
        Int32Array.from(cells, ([, c]) => c),
        new Uint8Array(cells.length).fill(1),
    );
}

const call = (name: string, ...args: Parameters<NonNullable<ReturnType<typeof BUILTINS.get>>['impl']>[0]) =>
    BUILTINS.get(name)!.impl(args, new Budget());

describe('with_color', () => {
    it('keeps the objects of one colour, in order, possibly none', async () => {
        assert.deepEqual(await evaluate('map(with_color(objects(input), red), o => position(o))', SHAPES), [
            [0, 0],
            [3, 1],
        ]);
        assert.deepEqual(await evaluate('with_color(objects(input), maroon)', SHAPES), []);
    });
});

describe('odd_one_out', () => {
    it('returns the one item whose key nobody shares', async () => {
        assert.equal(await evaluate('odd_one_out([3, 3, 5, 3], n => n)', SHAPES), 5);
        assert.equal(await evaluate('odd_one_out([1, 1, 2, 2, 3], n => n)', SHAPES), 3);
        assert.deepEqual(await evaluate('position(odd_one_out(objects(input), o => width(o)))', SHAPES), [3, 3]);
    });

    it('a lone item is its own odd one out', async () => {
        assert.equal(await evaluate('odd_one_out([4], n => n)', SHAPES), 4);
    });

    it('fails, pointing at the key, when no key or several keys are unique', async () => {
        assert.deepEqual(await faultOf('blank(1, 1, odd_one_out([1, 2, 3], n => n))', SHAPES), {
            message: 'odd_one_out: there is no single odd one out: 3 keys are unique (keys: 1, 2, 3)',
            at: 'n => n',
        });
        assert.deepEqual(await faultOf('blank(1, 1, odd_one_out([1, 1, 2, 2], n => n))', SHAPES), {
            message: 'odd_one_out: there is no single odd one out: no key is unique (keys: 1, 1, 2, 2)',
            at: 'n => n',
        });
    });

    it('fails on an empty list', async () => {
        assert.deepEqual(await faultOf('crop(input, odd_one_out(objects(input), o => size(o)))', rows('0 0')), {
            message: 'odd_one_out: the list is empty',
            at: 'objects(input)',
        });
    });
});

describe('same_shape', () => {
    it('compares cells relative to the top-left corner, ignoring colour and position', async () => {
        // The first red L and the blue corner are mirror images; the two red Ls are the same shape.
        assert.deepEqual(await evaluate('map(objects(input), o => same_shape(o, nth(objects(input), 0)))', SHAPES), [
            true,
            false,
            true,
            false,
        ]);
    });

    it('tells apart shapes with the same box and cell count', () => {
        assert.equal(
            call(
                'same_shape',
                object([
                    [0, 0],
                    [1, 1],
                ]),
                object([
                    [0, 1],
                    [1, 0],
                ]),
            ),
            false,
        );
        assert.equal(call('same_shape', object([[5, 5]]), object([[0, 9]])), true);
    });

    it('answers each call on its own cells, whatever the calls before it', () => {
        const diagonal = object([
            [0, 0],
            [1, 1],
        ]);
        const antidiagonal = object([
            [0, 1],
            [1, 0],
        ]);
        // A mask left over from the first call would let the antidiagonal match the diagonal.
        assert.equal(call('same_shape', antidiagonal, antidiagonal), true);
        assert.equal(
            call(
                'same_shape',
                antidiagonal,
                object([
                    [3, 4],
                    [4, 3],
                ]),
            ),
            true,
        );
        assert.equal(call('same_shape', diagonal, antidiagonal), false);
        assert.equal(call('same_shape', antidiagonal, diagonal), false);
    });

    it('holds for an object and itself, in a lambda over the objects', async () => {
        assert.equal(await evaluate('count(filter(objects(input), o => same_shape(o, o)))', SHAPES), 4);
    });
});

describe('touches', () => {
    const bar = object([
        [0, 0],
        [0, 1],
    ]);
    it('is true for cells that share an edge or overlap', () => {
        assert.equal(call('touches', bar, object([[1, 1]])), true);
        assert.equal(call('touches', bar, object([[0, 2]])), true);
        assert.equal(call('touches', object([[0, 2]]), bar), true);
        assert.equal(call('touches', bar, object([[0, 1]])), true);
        assert.equal(call('touches', object([[-1, 0]]), bar), true);
    });

    it('is false for corners only, and for distant objects', () => {
        assert.equal(call('touches', bar, object([[1, 2]])), false);
        assert.equal(call('touches', bar, object([[-1, -1]])), false);
        assert.equal(call('touches', bar, object([[29, 29]])), false);
    });

    it('works on objects from a grid', async () => {
        // Each object touches only itself: the lower red L meets the green bar at a corner only.
        assert.deepEqual(
            await evaluate('map(objects(input), o => count(filter(objects(input), p => touches(o, p))))', SHAPES),
            [1, 1, 1, 1],
        );
        assert.equal(await evaluate('touches(nth(objects(input), 0), shift(nth(objects(input), 0), (0, 2)))', SHAPES), true);
    });
});

describe('is_rectangle', () => {
    it('is true when the object fills its bounding box', async () => {
        assert.deepEqual(await evaluate('map(objects(input), o => is_rectangle(o))', SHAPES), [false, false, false, true]);
        assert.deepEqual(await evaluate('map(objects(input), o => is_rectangle(o))', rows('1 0 2 2 | 0 0 2 2 | 0 0 0 0')), [true, true]);
    });
});
