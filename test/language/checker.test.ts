import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diagnosticsOf } from '../helpers.js';

describe('checker', () => {
    it('accepts a well-typed program', async () => {
        assert.deepEqual(await diagnosticsOf('let objs = objects(input, connectivity: 8)\noutput = input |> crop(largest(objs))\n'), []);
    });

    it('reports an unknown name with its range', async () => {
        assert.deepEqual(await diagnosticsOf('let a = input\noutput = b\n'), [
            "2:10 error unknown name 'b'. Did you mean 'a'?",
            "1:5 warning 'a' is never used",
        ]);
    });

    it('reports a missing output', async () => {
        assert.deepEqual(await diagnosticsOf('let a = input\n'), [
            '1:1 error the program has no `output = …` statement',
            "1:5 warning 'a' is never used",
        ]);
    });
});
