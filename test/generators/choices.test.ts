import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { paletteExcept } from '../../generators/choices.js';

describe('paletteExcept', () => {
    it('lists the colours 0–9 in order, without the excluded ones', () => {
        assert.deepEqual(paletteExcept(), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        assert.deepEqual(paletteExcept(0), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
        assert.deepEqual(paletteExcept(9, 3), [0, 1, 2, 4, 5, 6, 7, 8]);
        assert.deepEqual(paletteExcept(4, 4), [0, 1, 2, 3, 5, 6, 7, 8, 9]);
    });

    it('gives each call its own array, so a caller may change it', () => {
        const first = paletteExcept(2);
        first.pop();
        assert.deepEqual(paletteExcept(2), [0, 1, 3, 4, 5, 6, 7, 8, 9]);
    });
});
