import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Grid } from '../../language/grid.js';
import { formatCompletion, formatPrompt, PROMPT_FORMATS } from '../../language/prompt.js';

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

    it('takes grids as cells (a Grid, or cells among others from a start) and writes them exactly as rows', () => {
        const cellsOf = (rows: number[][]) => ({ height: rows.length, width: rows[0].length, cells: Uint8Array.from(rows.flat()) });
        const test = task.test.input;
        const shared = Uint8Array.from([9, 9, ...test.flat(), 9]);
        const asCells = {
            train: task.train.map((pair) => ({ input: cellsOf(pair.input), output: Grid.fromRows(pair.output) })),
            test: { input: { height: test.length, width: test[0].length, cells: shared, start: 2 } },
        };
        for (const format of PROMPT_FORMATS) assert.equal(formatPrompt(asCells, format), formatPrompt(task, format));
    });

    it('writes prompts of any size, one after another, each whole', () => {
        const wide = Array.from({ length: 30 }, (_, r) => Array.from({ length: 30 }, (_, c) => (r + c) % 10));
        const many = { train: Array.from({ length: 40 }, () => ({ input: wide, output: wide })), test: { input: wide } };
        const rowText = (r: number) => Array.from({ length: 30 }, (_, c) => (r + c) % 10).join('');
        const gridText = `${Array.from({ length: 30 }, (_, r) => rowText(r)).join('\n')}\n`;
        const big = formatPrompt(many);
        assert.equal(big, `task\n${`in\n${gridText}out\n${gridText}`.repeat(40)}test\n${gridText}program\n`);
        assert.equal(formatPrompt(task), 'task\nin\n01\n23\nout\n20\n31\nin\n500\nout\n5\n0\n0\ntest\n789\n001\nprogram\n');
    });

    it('completion: the canonical program without the final newline, line endings normalised', () => {
        assert.equal(formatCompletion('let a = rotate(input, 1)\noutput = a\n'), 'let a = rotate(input, 1)\noutput = a');
        assert.equal(formatCompletion('output = input\r\n\r\n'), 'output = input');
    });
});
