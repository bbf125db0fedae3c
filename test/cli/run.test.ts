import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { arcdsl, assertUsageError, CLI, tempDir } from './run-cli.js';

const dir = tempDir();
const TASK = `task "turn" family RotateShape {
  train [1 2 | 3 4] -> [3 1 | 4 2]
  test  [0 5 | 0 0] -> [0 0 | 0 5]
}
`;

function file(name: string, text: string): string {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
}

describe('arcdsl run', () => {
    const good = file('good.arcdsl', `${TASK}\noutput = rotate(input)\n`);

    it('stops quietly with the status of SIGPIPE when its reader goes away (`| head`)', async () => {
        // The pipe's reading end is closed before the CLI starts writing, so its first write fails with EPIPE.
        const child = spawn(process.execPath, [CLI, 'run', good], { stdio: ['ignore', 'pipe', 'pipe'] });
        child.stdout.destroy();
        let stderr = '';
        child.stderr.on('data', (chunk) => {
            stderr += chunk;
        });
        const [code] = (await once(child, 'close')) as [number];
        assert.equal(stderr, '');
        assert.equal(code, 141);
    });

    it('runs every pair and says each matches', () => {
        const result = arcdsl(['run', good]);
        assert.equal(result.code, 0, result.stderr);
        assert.match(result.stdout, /^train 1: matches\n {2}input 2×2 {3}output 2×2\n {2}1 2 {9}3 1\n {2}3 4 {9}4 2\n/);
        assert.match(result.stdout, /test 1: matches/);
        assert.match(result.stdout, /2\/2 pairs match\n$/);
    });

    it('shows the expected grid beside a wrong output and exits 1', () => {
        const result = arcdsl(['run', file('wrong.arcdsl', `${TASK}\noutput = flip(input)\n`), '--pair', 'train1']);
        assert.equal(result.code, 1);
        assert.match(
            result.stdout,
            /^train 1: does not match: 2 cells differ, first at row 0, col 0\n {2}input 2×2 {3}output 2×2 {3}expected 2×2\n {2}1 2 {9}2 1 {10}3 1\n/,
        );
        assert.doesNotMatch(result.stdout, /test 1/);
    });

    it('runs on a grid file and prints the output as digits, or colours on request', () => {
        const grid = join(dir, 'grid.json');
        writeFileSync(grid, '[[0, 1], [2, 3]]');
        const plain = arcdsl(['run', good, '--input', grid]);
        assert.equal(plain.code, 0, plain.stderr);
        assert.equal(plain.stdout, '2 0\n3 1\n');
        const coloured = arcdsl(['run', good, '--input', grid], { env: { FORCE_COLOR: '1' } });
        // red (#FF4136) then black, then blue (#0074D9): one escape per colour change, reset at row end
        assert.equal(coloured.stdout.split('\n')[0], '\x1b[48;2;255;65;54m  \x1b[48;2;0;0;0m  \x1b[0m');
        assert.equal(coloured.stdout.split('\n')[1], '\x1b[48;2;46;204;64m  \x1b[48;2;0;116;217m  \x1b[0m');
        const noColor = arcdsl(['run', good, '--input', grid], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
        assert.equal(noColor.stdout, '2 0\n3 1\n');
        const json = arcdsl(['run', good, '--input', grid, '--json']);
        assert.deepEqual(JSON.parse(json.stdout), {
            output: [
                [2, 0],
                [3, 1],
            ],
        });
    });

    it('prints pair results as JSON', () => {
        const result = arcdsl(['run', good, '--json', '--pair', 'test1']);
        assert.equal(result.code, 0);
        assert.deepEqual(JSON.parse(result.stdout), {
            pairs: [
                {
                    pair: 'test1',
                    status: 'pass',
                    output: [
                        [0, 0],
                        [0, 5],
                    ],
                    expected: [
                        [0, 0],
                        [0, 5],
                    ],
                },
            ],
        });
    });

    it('reports a runtime error at its place in the file', () => {
        const path = file('fault.arcdsl', 'output = cell(input, (7, 2)) |> blank(1, 1)\n');
        const grid = join(dir, 'small.json');
        writeFileSync(grid, '[[1, 2, 3]]');
        const result = arcdsl(['run', path, '--input', grid]);
        assert.equal(result.code, 1);
        assert.equal(result.stderr, `${path}:1:22: error: cell: point (7, 2) is outside the 1×3 grid\n`);
    });

    it('refuses a program with errors, printing them', () => {
        const path = file('typo.arcdsl', `${TASK}\noutput = rotat(input)\n`);
        const result = arcdsl(['run', path]);
        assert.equal(result.code, 1);
        assert.equal(result.stderr, `${path}:6:10: error: unknown builtin 'rotat'. Did you mean 'rotate'?\n`);
    });

    it('treats usage mistakes as one line and exit 2', () => {
        assertUsageError(arcdsl(['run', file('bare.arcdsl', 'output = input\n')]), /has no task pairs to run on; give --input GRID\.json/);
        assertUsageError(arcdsl(['run', good, '--pair', 'train9']), /has no pair 'train9'; its pairs are train1, test1/);
        assertUsageError(arcdsl(['run', join(dir, 'missing.arcdsl')]), /cannot read .*missing\.arcdsl: no such file/);
        assertUsageError(arcdsl(['run', good, '--colour']), /unknown option '--colour'/);
        assertUsageError(arcdsl(['run', good, '--input']), /--input needs a value/);
        const ragged = join(dir, 'ragged.json');
        writeFileSync(ragged, '[[1, 2], [3]]');
        assertUsageError(arcdsl(['run', good, '--input', ragged]), /ragged\.json is ragged: row 1 has 1 cells, row 0 has 2/);
    });
});
