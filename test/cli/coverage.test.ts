import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { arcdsl, assertUsageError, tempDir } from './run-cli.js';

const PAIRS = '  train [1 2 | 3 4] -> [2 1 | 4 3]\n  test [5 0 | 0 0] -> [0 5 | 0 0]\n';

function write(path: string, text: string): void {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
}

describe('arcdsl coverage', () => {
    const root = tempDir();
    const examples = join(root, 'examples');
    const tasks = join(root, 'tasks');
    write(join(examples, 'MirrorShape/m1.arcdsl'), `task "m1" family MirrorShape {\n${PAIRS}}\n\noutput = flip(input)\n`);
    write(join(examples, 'MirrorShape/m2.arcdsl'), `task "m2" family MirrorShape {\n${PAIRS}}\n\noutput = rotate(input, 2)\n`);
    write(join(examples, 'unsolved.json'), '{"m3": "needs a primitive the language lacks"}\n');
    for (const id of ['m1', 'm2', 'm3']) write(join(tasks, `MirrorShape/${id}.json`), '{}');
    write(join(tasks, 'Connect/c1.json'), '{}');

    it('tables solved, unsolved and failing pairs per family, and lists the unsolved tasks with their reasons', () => {
        const out = join(root, 'coverage.md');
        const result = arcdsl(['coverage', examples, '--tasks', tasks, '--out', out]);
        assert.equal(result.code, 1, result.stderr);
        const report = readFileSync(out, 'utf8');
        assert.match(report, /The DSL states the rule of \*\*1 of 4\*\* real ARC tasks/);
        assert.match(report, /\| Connect \| 1 \| 0 \| 1 \| 0 \| – \|/);
        assert.match(report, /\| MirrorShape \| 3 \| 1 \| 2 \| 2 \| 1 line \|/);
        assert.match(report, /\| \*\*total\*\* \| 4 \| 1 \| 3 \| 2 \| 1 line \|/);
        assert.match(report, /- \*\*MirrorShape\*\*: `m1`\n/);
        assert.match(
            report,
            /- Connect `c1`: \(no reason recorded\)\n- MirrorShape `m2`: \(no reason recorded\)\n- MirrorShape `m3`: needs a primitive/,
        );
        assert.match(result.stderr, /MirrorShape\/m2 is unsolved and has no reason/);
        assert.match(result.stderr, /1 of 4 tasks solved; 2 failing pairs; wrote /);
    });

    it('without --tasks covers the files themselves, prints to stdout and exits 0 when all pass', () => {
        const solvedOnly = join(root, 'solved-only');
        write(join(solvedOnly, 'MirrorShape/m1.arcdsl'), `task "m1" family MirrorShape {\n${PAIRS}}\n\noutput = flip(input)\n`);
        const result = arcdsl(['coverage', solvedOnly]);
        assert.equal(result.code, 0, result.stderr);
        assert.match(result.stdout, /^# ARC coverage\n/);
        assert.match(result.stdout, /\| MirrorShape \| 1 \| 1 \| 0 \| 0 \| 1 line \|/);
        assert.match(result.stdout, /## Unsolved, and what the language lacks\n\nNone\.\n/);
    });

    it('refuses a malformed unsolved.json or a missing folder, writing nothing', () => {
        const bad = join(root, 'bad');
        write(join(bad, 'MirrorShape/m1.arcdsl'), `task "m1" family MirrorShape {\n${PAIRS}}\n\noutput = flip(input)\n`);
        const out = join(root, 'never.md');
        write(join(bad, 'unsolved.json'), '["m3"]');
        assertUsageError(arcdsl(['coverage', bad, '--out', out]), /unsolved\.json: expected an object \{"task id": "reason"\}$/);
        write(join(bad, 'unsolved.json'), '{"m3": 4}');
        assertUsageError(arcdsl(['coverage', bad, '--out', out]), /unsolved\.json: "m3": the reason must be a non-empty string$/);
        write(join(bad, 'unsolved.json'), '{"m3": ');
        assertUsageError(arcdsl(['coverage', bad, '--out', out]), /unsolved\.json:1:8: not valid JSON/);
        write(join(bad, 'unsolved.json'), '{}');
        assertUsageError(arcdsl(['coverage', bad, '--tasks', join(root, 'nowhere'), '--out', out]), /--tasks .*nowhere: no such folder$/);
        assertUsageError(arcdsl(['coverage', join(root, 'nowhere')]), /nowhere: no such file or directory$/);
        assertUsageError(arcdsl(['coverage']), /coverage: expected one folder of \.arcdsl files, got none/);
        assert.ok(!existsSync(out));
    });
});
