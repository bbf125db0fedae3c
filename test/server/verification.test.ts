import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver';
import { FLIP_TASK, services, validated } from './lsp.js';

/** `line:col message` (1-based), the compact form to assert on. */
function summary(diagnostics: Diagnostic[] | undefined): string[] {
    return (diagnostics ?? []).map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`);
}

describe('verification diagnostics', () => {
    it('reports nothing when the program solves every pair', async () => {
        const document = await validated(`${FLIP_TASK}\noutput = flip(input)\n`);
        assert.deepEqual(summary(document.diagnostics), []);
        const verification = services.verification.Verifier.get(document.parseResult.value);
        assert.equal(verification?.status, 'pass');
        assert.equal(verification?.summary, '3/3 pairs pass');
    });

    it('reports each mismatching pair on the output statement, naming the first differing cell', async () => {
        const document = await validated(`${FLIP_TASK}\noutput = rotate(input, turns: 2)\n`);
        assert.deepEqual(summary(document.diagnostics), [
            '7:1 train 1: 2 cells differ, first at row 0, col 2',
            '7:1 train 2: 4 cells differ, first at row 0, col 1',
            '7:1 test 1: 4 cells differ, first at row 0, col 1',
        ]);
        const [first] = document.diagnostics ?? [];
        assert.equal(first.severity, 1);
        assert.equal(first.code, 'verification-mismatch');
        assert.deepEqual(first.range.end, { line: 6, character: 32 });
    });

    it('reports a size mismatch', async () => {
        const document = await validated(`${FLIP_TASK}\noutput = grid [1 2 | 3 4 | 5 6]\n`);
        assert.deepEqual(summary(document.diagnostics), [
            '7:1 train 1: expected 2×3, got 3×2',
            '7:1 train 2: expected 2×3, got 3×2',
            '7:1 test 1: expected 2×3, got 3×2',
        ]);
    });

    it('reports a runtime error once at its range, naming every pair it happened on', async () => {
        const document = await validated(`${FLIP_TASK}\noutput = rotate(input, turns: 1 / 0)\n`);
        assert.deepEqual(summary(document.diagnostics), ['7:35 train 1, train 2, test 1: division by zero']);
        assert.equal(document.diagnostics?.[0].code, 'runtime-error');
    });

    it('cuts a runaway program with the step budget, and does not run it on the other pairs', async () => {
        const program = 'let b = blank(30, 30)\nlet all = map(points(b, 0), p => count(map(points(b, 0), q => 1)))\noutput = b\n';
        const document = await validated(`${FLIP_TASK}\n${program}`);
        assert.deepEqual(summary(document.diagnostics), [
            "8:5 'all' is never used",
            '8:40 train 1: map: the program ran more than 200000 steps',
        ]);
        const verification = services.verification.Verifier.get(document.parseResult.value);
        assert.deepEqual(
            verification?.pairs.map((p) => [p.status, p.message]),
            [
                ['error', 'map: the program ran more than 200000 steps'],
                ['not-run', 'not run: train 1 ran out of budget'],
                ['not-run', 'not run: train 1 ran out of budget'],
            ],
        );
    });

    it('does not run a program the checker rejects', async () => {
        const document = await validated(`${FLIP_TASK}\noutput = flip(inpt)\n`);
        assert.deepEqual(summary(document.diagnostics), ["7:15 unknown name 'inpt'. Did you mean 'input'?"]);
        const verification = services.verification.Verifier.get(document.parseResult.value);
        assert.equal(verification?.ran, false);
        assert.equal(verification?.status, 'invalid');
        assert.equal(verification?.pairs[0].status, 'not-run');
    });

    it('runs a test pair without an expected output but checks nothing', async () => {
        const document = await validated('task "t" {\n  train [1 2] -> [2 1]\n  test [3 4]\n}\noutput = flip(input)\n');
        assert.deepEqual(summary(document.diagnostics), []);
        const verification = services.verification.Verifier.get(document.parseResult.value);
        assert.deepEqual(
            verification?.pairs.map((p) => [p.label, p.status, p.actual?.toRows()]),
            [
                ['train 1', 'pass', [[2, 1]]],
                ['test 1', 'unchecked', [[4, 3]]],
            ],
        );
    });

    it('keeps the value of every let per pair for previews and hovers', async () => {
        const document = await validated(`${FLIP_TASK}\nlet f = flip(input)\nlet n = width(f)\noutput = f\n`);
        const verification = services.verification.Verifier.get(document.parseResult.value);
        const lets = verification?.pairs[1].trace.lets.map(({ name, value }) => [name, typeof value === 'number' ? value : 'grid']);
        assert.deepEqual(lets, [
            ['f', 'grid'],
            ['n', 3],
        ]);
    });
});
