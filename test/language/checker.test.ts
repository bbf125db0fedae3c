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

describe('checker after parse errors', () => {
    it('reports the parse error and nothing crashes when a keyword is used as a let name', async () => {
        const messages = await diagnosticsOf('let left = input\noutput = left\n');
        assert.ok(messages.length > 0);
        assert.ok(!messages.some((m) => m.includes('An error occurred during validation')), messages.join('\n'));
    });

    it('survives half-written expressions', async () => {
        for (const text of [
            'output = 1 +\n',
            'let a = rotate(input,\noutput = a\n',
            'output = map(objects(input), o =>)\n',
            'output = input |>\n',
        ]) {
            const messages = await diagnosticsOf(text);
            assert.ok(!messages.some((m) => m.includes('An error occurred during validation')), `${text}: ${messages.join('\n')}`);
        }
    });
});
