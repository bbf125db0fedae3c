import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CandidateRecord } from '../../evaluator/candidates-log.js';
import type { Summary } from '../../evaluator/evaluate.js';
import { loadTasks } from '../../evaluator/task.js';
import { type CompletionsServer, startCompletionsServer } from './completions-server.js';
import { fixtureDataset, runCli, tempDir } from './fixtures.js';

const TASKS = 6;
const N = 8;

function childPids(pid: number): number[] {
    try {
        return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
            .split('\n')
            .map((s) => Number(s.trim()))
            .filter((p) => p > 0);
    } catch {
        return []; // ps exits 1 when there are none
    }
}

function alive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch {
        return false;
    }
}

describe('evaluate resumes after kill -9', () => {
    let dataset: string;
    let server: CompletionsServer;

    before(async () => {
        dataset = await fixtureDataset(tempDir(), TASKS);
        const solutionOf = new Map((await loadTasks(dataset, 'train')).map((t) => [t.prompt, t.solution]));
        // One choice per answer and a delay: a run takes a few seconds, long enough to be killed in.
        let calls = 0;
        server = await startCompletionsServer((request) => (++calls % 3 === 0 ? 'output = = input' : solutionOf.get(request.prompt)!), {
            choicesPerAnswer: 1,
            delayMs: 60,
        });
    });
    after(() => server.close());

    it('loses and duplicates no candidate, and its sandbox workers die with it', async () => {
        const out = join(tempDir(), 'eval');
        const log = join(out, 'candidates.jsonl');
        const args = [
            'evaluate',
            '--backend',
            'openai',
            '--base-url',
            server.url,
            '--model-name',
            'm',
            '--dataset',
            dataset,
            '--split',
            'train',
        ];
        const run = [...args, '--n', String(N), '--k', '1,8', '--batch-size', '1', '--out', out];

        let workers: number[] = [];
        const killed = await runCli(run, (child) => {
            const poll = setInterval(() => {
                const lines = existsSync(log) ? readFileSync(log, 'utf8').split('\n').length - 1 : 0;
                if (lines >= 12) {
                    clearInterval(poll);
                    workers = childPids(child.pid!);
                    child.kill('SIGKILL');
                }
            }, 10);
            child.on('exit', () => clearInterval(poll));
        });
        assert.equal(killed.signal, 'SIGKILL', `the run ended before it was killed:\n${killed.stderr}`);
        assert.equal(workers.length, 2, 'two sandbox workers were running');
        const deadline = Date.now() + 10_000;
        while (workers.some(alive) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
        assert.deepEqual(workers.filter(alive), [], 'sandbox workers outlived the killed run');

        const before = readFileSync(log, 'utf8');
        const kept = before.split('\n').length - 1;
        assert.ok(kept >= 12 && kept < TASKS * N, `${kept} candidates before the kill`);
        // As if the kill had landed in the middle of a write.
        appendFileSync(log, '{"task":"RotateShape-1-0","sample":7,"fam');

        const resumed = await runCli(run);
        assert.equal(resumed.code, 0, resumed.stderr);
        const after = readFileSync(log, 'utf8');
        assert.ok(after.startsWith(before), 'the candidates logged before the kill are kept as they were');
        const records = after
            .trim()
            .split('\n')
            .map((line) => JSON.parse(line) as CandidateRecord);
        const keys = records.map((r) => `${r.task}#${r.sample}`);
        assert.equal(records.length, TASKS * N);
        assert.equal(new Set(keys).size, TASKS * N, 'no (task, sample) twice');
        assert.ok(records.every((r) => r.sample >= 0 && r.sample < N));

        const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as Summary;
        assert.equal(summary.candidates, TASKS * N);
        assert.equal(summary.resumed, kept);
        assert.equal(summary.scores.overall.functional, records.filter((r) => r.functional).length / (TASKS * N));
        assert.equal(summary.scores.overall.failures.parse, records.filter((r) => r.failure === 'parse').length);

        // A third run has nothing left to sample and leaves the log alone.
        const again = await runCli(run);
        assert.equal(again.code, 0, again.stderr);
        assert.equal(readFileSync(log, 'utf8'), after);
        assert.match(again.stdout, new RegExp(`${TASKS * N} candidates \\(${TASKS * N} resumed\\)`));
    });

    it('refuses to resume with other sampling settings', async () => {
        const out = join(tempDir(), 'eval');
        const args = [
            'evaluate',
            '--backend',
            'openai',
            '--base-url',
            server.url,
            '--model-name',
            'm',
            '--dataset',
            dataset,
            '--split',
            'train',
        ];
        assert.equal((await runCli([...args, '--n', '1', '--limit', '1', '--out', out])).code, 0);
        const other = await runCli([...args, '--n', '1', '--limit', '1', '--temperature', '0.2', '--out', out]);
        assert.equal(other.code, 2);
        assert.match(
            other.stderr,
            /^arcdsl: evaluate: --out .* holds candidates sampled with temperature 0\.8, not 0\.2; use another --out/,
        );
    });
});
