import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COLOR_HEX } from '../../language/colors.js';
import { buildPreview } from '../../server/preview.js';
import { services, validated } from './lsp.js';

async function previewOf(text: string) {
    const document = await validated(text);
    return buildPreview(document, services.verification.Verifier.get(document.parseResult.value));
}

describe('grid preview data', () => {
    it('gives every pair with input, expected, actual, the differing cells and the let grids', async () => {
        const preview = await previewOf(
            'task "swap" family MirrorShape {\n  train [1 0 | 0 2] -> [0 1 | 2 0]\n  test [3 0 | 0 0] -> [0 0 | 0 3]\n}\nlet f = flip(input)\nlet n = width(f)\noutput = f\n',
        );
        assert.equal(preview.title, 'swap');
        assert.equal(preview.family, 'MirrorShape');
        assert.equal(preview.status, 'fail');
        assert.equal(preview.summary, '1/2 pairs pass');
        assert.deepEqual(preview.palette, [...COLOR_HEX]);
        assert.deepEqual(preview.problems, []);
        const [train, test] = preview.pairs;
        assert.deepEqual(train, {
            label: 'train 1',
            kind: 'train',
            status: 'pass',
            message: undefined,
            input: [
                [1, 0],
                [0, 2],
            ],
            expected: [
                [0, 1],
                [2, 0],
            ],
            actual: [
                [0, 1],
                [2, 0],
            ],
            diff: [],
            lets: [
                {
                    name: 'f',
                    rows: [
                        [0, 1],
                        [2, 0],
                    ],
                    line: 4,
                },
            ],
            line: 1,
        });
        assert.equal(test.status, 'fail');
        assert.equal(test.message, '2 cells differ, first at row 0, col 1');
        assert.deepEqual(test.diff, [
            [0, 1],
            [1, 1],
        ]);
    });

    it('still shows the task grids and the errors when the program cannot run', async () => {
        const preview = await previewOf('task "t" {\n  train [1 2] -> [2 1]\n}\noutput = flip(inptu)\n');
        assert.equal(preview.status, 'invalid');
        assert.equal(preview.summary, 'the program has 1 error');
        assert.deepEqual(preview.problems, [{ message: "unknown name 'inptu'.", line: 3 }]);
        assert.deepEqual(
            preview.pairs.map((p) => [p.label, p.status, p.input, p.expected, p.actual]),
            [['train 1', 'not-run', [[1, 2]], [[2, 1]], undefined]],
        );
    });

    it('has no pairs without a task', async () => {
        const preview = await previewOf('output = input\n');
        assert.equal(preview.status, 'no-task');
        assert.deepEqual(preview.pairs, []);
    });
});
