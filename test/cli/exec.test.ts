import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { describe, it } from 'node:test';
import { arcdsl, assertUsageError, CLI } from './run-cli.js';

const GRID = [
    [0, 1],
    [2, 3],
];

describe('arcdsl exec --jsonl', () => {
    it('answers every line in order, good or bad, and exits 0 at the end of input', () => {
        const requests = [
            JSON.stringify({ id: 1, program: 'output = rotate(input)', input: GRID }),
            'this is not json',
            JSON.stringify({ id: 'no-program', input: GRID }),
            '',
            JSON.stringify({ id: 3, program: 'output = rotat(input)', input: GRID }),
            JSON.stringify({ id: 4, program: 'output = cell(input, (7, 2)) |> blank(1, 1)', input: GRID }),
            JSON.stringify({
                id: 5,
                program: 'let n = fold(points(input, 0), 0, (a, p) => a + 1)\noutput = input',
                input: GRID,
                limits: { maxSteps: 2 },
            }),
            JSON.stringify({ id: 6, program: 'output = input', input: [[1, 2], [3]] }),
            JSON.stringify({ id: 7, program: 'output = input', input: [[12]] }),
            JSON.stringify({ id: 8, program: 'output = rotate(input', input: GRID }),
            JSON.stringify({ id: 9, program: 'output = input', input: GRID, limits: { maxSteps: -1 } }),
            JSON.stringify({ id: 10, program: 'output = rotate(input)', input: [[5]] }),
        ];
        const result = arcdsl(['exec', '--jsonl'], { input: `${requests.join('\n')}\n` });
        assert.equal(result.code, 0, result.stderr);
        const answers = result.stdout
            .trimEnd()
            .split('\n')
            .map((line) => JSON.parse(line));
        assert.equal(answers.length, 11, 'one answer per non-blank line');
        const range = (line: number, start: number, end: number) => ({ start: { line, character: start }, end: { line, character: end } });
        assert.deepEqual(answers[0], {
            id: 1,
            output: [
                [2, 0],
                [3, 1],
            ],
        });
        assert.deepEqual(answers[1].id, null);
        assert.equal(answers[1].error.kind, 'request');
        assert.equal(answers[1].error.line, 2);
        assert.match(answers[1].error.message, /^line 2: not JSON \(column 2\): Unexpected token 'h'$/);
        assert.deepEqual(answers[2], {
            id: 'no-program',
            error: { kind: 'request', message: 'line 3: missing "program"', range: null, line: 3 },
        });
        assert.deepEqual(answers[3], {
            id: 3,
            error: { kind: 'type', message: "unknown builtin 'rotat'. Did you mean 'rotate'?", range: range(0, 9, 14) },
        });
        assert.deepEqual(answers[4], {
            id: 4,
            error: { kind: 'runtime', message: 'cell: point (7, 2) is outside the 2×2 grid', range: range(0, 21, 27) },
        });
        assert.equal(answers[5].id, 5);
        assert.equal(answers[5].error.kind, 'budget');
        assert.deepEqual(answers[5].error.range, range(0, 8, 50));
        assert.deepEqual(answers[6], {
            id: 6,
            error: { kind: 'request', message: 'line 8: "input" is ragged: row 1 has 1 cells, row 0 has 2', range: null, line: 8 },
        });
        assert.deepEqual(answers[7].error.message, 'line 9: "input" row 0, col 0: 12 is not a colour 0–9');
        assert.equal(answers[8].error.kind, 'parse');
        assert.equal(answers[9].error.message, 'line 11: "limits.maxSteps" must be a positive integer');
        assert.deepEqual(answers[10], { id: 10, output: [[5]] });
    });

    it('answers each request as soon as it is read (the trainer waits for one answer at a time)', async () => {
        const child = spawn(process.execPath, [CLI, 'exec', '--jsonl'], { stdio: ['pipe', 'pipe', 'inherit'] });
        const answers = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
        for (let turns = 0; turns < 4; turns++) {
            child.stdin.write(`${JSON.stringify({ id: turns, program: `output = rotate(input, turns: ${turns})`, input: GRID })}\n`);
            const { value } = await answers.next();
            const expected = [
                GRID,
                [
                    [2, 0],
                    [3, 1],
                ],
                [
                    [3, 2],
                    [1, 0],
                ],
                [
                    [1, 3],
                    [0, 2],
                ],
            ][turns];
            assert.deepEqual(JSON.parse(value as string), { id: turns, output: expected });
        }
        child.stdin.end();
        const [code] = await once(child, 'exit');
        assert.equal(code, 0);
    });

    it('survives a program nested too deeply for the parser, and goes on answering', () => {
        const requests = [
            { id: 'deep', program: `output = ${'('.repeat(200)}input${')'.repeat(200)}`, input: GRID },
            { id: 'minus', program: `let a = ${'-'.repeat(2000)}1\noutput = input`, input: GRID },
            { id: 'after', program: 'output = flip(input)', input: GRID },
        ];
        const result = arcdsl(['exec', '--jsonl'], { input: requests.map((r) => `${JSON.stringify(r)}\n`).join('') });
        assert.equal(result.code, 0, result.stderr);
        const answers = result.stdout
            .trimEnd()
            .split('\n')
            .map((line) => JSON.parse(line));
        assert.equal(answers[0].error.kind, 'parse');
        assert.equal(answers[1].error.kind, 'parse');
        assert.match(answers[0].error.message, /nests too deeply/);
        assert.deepEqual(answers[2], {
            id: 'after',
            output: [
                [1, 0],
                [3, 2],
            ],
        });
    });

    it('has no other mode', () => {
        assertUsageError(arcdsl(['exec']), /exec: the only mode is --jsonl/);
    });
});
