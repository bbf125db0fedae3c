import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatCompletion, formatPrompt } from '../../language/prompt.js';

const task = {
    train: [
        {
            input: [
                [0, 1],
                [2, 3],
            ],
            output: [
                [2, 0],
                [3, 1],
            ],
        },
        { input: [[5, 0, 0]], output: [[5], [0], [0]] },
    ],
    test: {
        input: [
            [7, 8, 9],
            [0, 0, 1],
        ],
    },
};

describe('prompt format', () => {
    it('seed: reproduces the original layout with Python-printed JSON grids', () => {
        assert.equal(
            formatPrompt(task, 'seed'),
            'Training Example 1:\nInput: [[0, 1], [2, 3]]\nOutput: [[2, 0], [3, 1]]\n' +
                'Training Example 2:\nInput: [[5, 0, 0]]\nOutput: [[5], [0], [0]]\n' +
                'Test Input: [[7, 8, 9], [0, 0, 1]]\nTest Output: ',
        );
    });

    it('compact (the default): rows of digits, one row a line, word markers, ending before the program', () => {
        const expected = 'task\nin\n01\n23\nout\n20\n31\nin\n500\nout\n5\n0\n0\ntest\n789\n001\nprogram\n';
        assert.equal(formatPrompt(task), expected);
        assert.equal(formatPrompt(task, 'compact'), expected);
    });

    it('numbers the seed layout on for every train pair given', () => {
        const five = { train: Array.from({ length: 5 }, (_, i) => ({ input: [[i]], output: [[i + 1]] })), test: { input: [[9]] } };
        const prompt = formatPrompt(five, 'seed');
        assert.match(prompt, /Training Example 5:\nInput: \[\[4\]\]\nOutput: \[\[5\]\]\nTest Input: \[\[9\]\]\nTest Output: $/);
        assert.equal(prompt.match(/Training Example/g)?.length, 5);
    });

    it('is shorter than the seed layout: a 10×10 task in about a third of the characters', () => {
        const grid = Array.from({ length: 10 }, (_, r) => Array.from({ length: 10 }, (_, c) => (r * c) % 10));
        const big = {
            train: [
                { input: grid, output: grid },
                { input: grid, output: grid },
            ],
            test: { input: grid },
        };
        assert.ok(formatPrompt(big).length * 2.5 < formatPrompt(big, 'seed').length);
    });

    it('completion: the canonical program without the final newline, line endings normalised', () => {
        assert.equal(formatCompletion('let a = rotate(input, 1)\noutput = a\n'), 'let a = rotate(input, 1)\noutput = a');
        assert.equal(formatCompletion('output = input\r\n\r\n'), 'output = input');
    });
});
