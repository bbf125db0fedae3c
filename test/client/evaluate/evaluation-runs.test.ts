import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { findEvaluationRuns, findTrainingRuns } from '../../../client/evaluate/evaluation-runs.js';
import { FileFollower } from '../../../client/evaluate/follow-file.js';
import { tempDir } from '../../evaluator/fixtures.js';

function folder(...parts: string[]): string {
    const path = join(...parts);
    mkdirSync(path, { recursive: true });
    return path;
}

describe('finding earlier runs', () => {
    it('lists evaluation folders newest first, a run without summary.json as incomplete, skipping tool folders', () => {
        const root = tempDir('arcdsl-runs-');
        const old = folder(root, 'models', 'evaluations', 'eval-1');
        writeFileSync(join(old, 'summary.json'), '{}');
        utimesSync(join(old, 'summary.json'), new Date(2020, 0, 1), new Date(2020, 0, 1));
        const recent = folder(root, 'models', 'evaluations', 'eval-2');
        writeFileSync(join(recent, 'summary.json'), '{}');
        const running = folder(root, 'elsewhere', 'eval-3');
        writeFileSync(join(running, 'candidates.jsonl'), '');
        writeFileSync(join(folder(root, 'node_modules', 'x'), 'summary.json'), '{}');
        writeFileSync(join(folder(root, 'a', 'b', 'c', 'd'), 'summary.json'), '{}');
        utimesSync(join(recent, 'summary.json'), new Date(2021, 0, 1), new Date(2021, 0, 1));
        const runs = findEvaluationRuns([join(root, 'models', 'evaluations'), root]);
        assert.deepEqual(
            runs.map((r) => [r.label, r.complete]),
            [
                ['elsewhere/eval-3', false],
                ['eval-2', true],
                ['eval-1', true],
            ],
        );
        assert.equal(
            runs.find((r) => r.label === 'eval-2')?.folder,
            recent,
            'a folder found under two roots is listed once, by its first root',
        );
        assert.deepEqual(findEvaluationRuns([join(root, 'nope')]), []);
        assert.ok(!findEvaluationRuns([root], 4).some((r) => r.label.startsWith('node_modules')), 'node_modules is never searched');
        assert.ok(
            findEvaluationRuns([root], 4).some((r) => r.label === 'a/b/c/d'),
            'deeper with a larger depth',
        );
    });

    it('lists fine-tuning runs (metrics.jsonl), not their checkpoints', () => {
        const root = tempDir('arcdsl-runs-');
        const run = folder(root, 'models', 'run-1');
        writeFileSync(join(run, 'metrics.jsonl'), '');
        writeFileSync(join(folder(run, 'checkpoint-10'), 'metrics.jsonl'), '');
        assert.deepEqual(
            findTrainingRuns([root]).map((r) => r.label),
            ['models/run-1'],
        );
        assert.deepEqual(
            findTrainingRuns([run]).map((r) => r.label),
            ['run-1'],
            'a root that is itself a run is named by its folder',
        );
    });
});

describe('FileFollower', () => {
    it('reports a file that appears and each time it grows', async () => {
        const dir = tempDir('arcdsl-follow-');
        const path = join(dir, 'later', 'candidates.jsonl');
        let calls = 0;
        const changed = () =>
            new Promise<void>((resolve, reject) => {
                const start = calls;
                const deadline = Date.now() + 5000;
                const check = () =>
                    calls > start ? resolve() : Date.now() > deadline ? reject(new Error('no change seen')) : setTimeout(check, 20);
                check();
            });
        const follower = new FileFollower(path, () => calls++, 50);
        try {
            assert.equal(calls, 1, 'called once at the start (the file is missing)');
            folder(dir, 'later');
            const appeared = changed();
            writeFileSync(path, '{"a": 1}\n');
            await appeared;
            const grew = changed();
            appendFileSync(path, '{"a": 2}\n');
            await grew;
            const seen = calls;
            await new Promise((resolve) => setTimeout(resolve, 200));
            assert.equal(calls, seen, 'no calls while nothing changes');
        } finally {
            follower.dispose();
        }
    });
});
