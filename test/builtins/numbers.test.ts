import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluate, faultOf, output, rows } from './run.js';

const ONE = rows('0');

describe('abs and sign', () => {
    it('give the size and the sign of a number', async () => {
        assert.deepEqual(await evaluate('[abs(-3), abs(0), abs(4)]', ONE), [3, 0, 4]);
        assert.deepEqual(await evaluate('[sign(-7), sign(0), sign(2)]', ONE), [-1, 0, 1]);
    });

    it('step a cell towards another (sign of the difference)', async () => {
        const G = rows('3 0 0 0 | 0 0 0 0 | 0 0 0 4');
        const program = 'move(input, cells_of(input, green), (sign(2 - 0), sign(3 - 0)))';
        assert.deepEqual(await output(program, G), rows('0 0 0 0 | 0 3 0 0 | 0 0 0 4'));
    });
});

describe('lookup', () => {
    it('returns the value paired with the key, of any type', async () => {
        assert.deepEqual(await evaluate('lookup(8, [3, 8, 2], [magenta, yellow, blue])', ONE), 4);
        assert.deepEqual(await evaluate('lookup(2, [3, 8, 2], [up, down, left])', ONE), 'left');
        assert.deepEqual(await evaluate('lookup(3, [3, 3], [1, 2])', ONE), 1);
    });

    it('recolours each object by a table', async () => {
        const G = rows('1 0 2 | 0 0 0 | 2 0 1');
        assert.deepEqual(
            await output('fold(objects(input), input, (g, o) => paint(g, o, lookup(color_of(o), [1, 2], [5, 6])))', G),
            rows('5 0 6 | 0 0 0 | 6 0 5'),
        );
    });

    it('names a missing key and lists of different lengths', async () => {
        assert.deepEqual(await faultOf('blank(1, 1, lookup(4, [3, 8], [1, 2]))', ONE), {
            message: 'lookup: 4 is not among the keys [3, 8]',
            at: '4',
        });
        assert.deepEqual(await faultOf('blank(1, 1, lookup(3, [3, 8], [1]))', ONE), {
            message: 'lookup: values has 1 items but keys has 2; they pair up one to one',
            at: '[1]',
        });
    });
});
