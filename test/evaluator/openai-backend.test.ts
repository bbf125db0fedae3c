import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CandidateRecord } from '../../evaluator/candidates-log.js';
import type { Summary } from '../../evaluator/evaluate.js';
import { type EvalTask, loadTasks } from '../../evaluator/task.js';
import { type CompletionRequest, type CompletionsServer, startCompletionsServer } from './completions-server.js';
import { fixtureDataset, runCli, tempDir } from './fixtures.js';

const TASKS = 8;

/** What the fake model answers, by choice index: one of each outcome, the solution third. */
function answers(solution: string): string[] {
    return [
        'output = rotate(input, 3)', // runs, wrong output
        'output = = input', // parse error
        solution,
        'output = count(input)', // type error
        'let o = objects(input)\noutput = crop(input, nth(o, 500))', // runtime error
    ];
}

function readLog(out: string): CandidateRecord[] {
    return readFileSync(join(out, 'candidates.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as CandidateRecord);
}

describe('evaluate --backend openai', () => {
    let dataset: string;
    let tasks: EvalTask[];
    let solutionOf: Map<string, string>;
    let server: CompletionsServer;

    before(async () => {
        dataset = await fixtureDataset(tempDir(), TASKS);
        tasks = await loadTasks(dataset, 'train');
        solutionOf = new Map(tasks.map((t) => [t.prompt, t.solution]));
        server = await startCompletionsServer((request: CompletionRequest, index) => answers(solutionOf.get(request.prompt)!)[index % 5]);
    });
    after(() => server.close());

    it('samples n per task from the endpoint and scores every candidate', async () => {
        const out = join(tempDir(), 'eval');
        const args = ['evaluate', '--backend', 'openai', '--base-url', `${server.url}/v1/`, '--model-name', 'tiny', '--dataset', dataset];
        const result = await runCli([
            ...args,
            '--split',
            'train',
            '--n',
            '5',
            '--k',
            '1,2,5',
            '--temperature',
            '0.7',
            '--top-p',
            '0.9',
            '--max-new-tokens',
            '64',
            '--stop',
            '\\n\\n',
            '--out',
            out,
        ]);
        assert.equal(result.code, 0, result.stderr);

        assert.equal(server.requests.length, TASKS);
        for (const request of server.requests) {
            assert.deepEqual(
                {
                    model: request.model,
                    n: request.n,
                    temperature: request.temperature,
                    top_p: request.top_p,
                    max_tokens: request.max_tokens,
                    stop: request.stop,
                },
                { model: 'tiny', n: 5, temperature: 0.7, top_p: 0.9, max_tokens: 64, stop: ['\n\n'] },
            );
        }
        assert.deepEqual(new Set(server.requests.map((r) => r.prompt)), new Set(tasks.map((t) => t.prompt)));

        const log = readLog(out);
        assert.equal(log.length, TASKS * 5);
        for (const task of tasks) {
            const mine = log.filter((r) => r.task === task.id).sort((a, b) => a.sample - b.sample);
            assert.deepEqual(
                mine.map((r) => [r.sample, r.program, r.failure, r.valid, r.exact, r.trainConsistent]),
                [
                    [0, 'output = rotate(input, 3)', 'wrong_output', true, false, false],
                    [1, 'output = = input', 'parse', false, false, false],
                    [2, task.solution, null, true, true, true],
                    [3, 'output = count(input)', 'type', false, false, false],
                    [4, 'let o = objects(input)\noutput = crop(input, nth(o, 500))', 'runtime', true, false, false],
                ],
            );
            assert.equal(mine[0].got?.length, task.test.input[0].length, 'rotate(input, 3) turns the test grid');
        }

        const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as Summary;
        const m = summary.scores.overall;
        assert.equal(summary.candidates, TASKS * 5);
        assert.deepEqual([m.exact, m.valid, m.functional, m.trainConsistent, m.verifiedAt1], [0.2, 0.6, 0.2, 0.2, 1]);
        assert.deepEqual(Object.keys(m.passAtK), ['1', '2', '5']);
        assert.ok(Math.abs(m.passAtK[1] - 0.2) < 1e-12 && Math.abs(m.passAtK[2] - 0.4) < 1e-12 && m.passAtK[5] === 1);
        assert.deepEqual(m.failures, { parse: TASKS, type: TASKS, runtime: TASKS, budget: 0, timeout: 0, crash: 0, wrong_output: TASKS });
        assert.deepEqual(Object.keys(summary.scores.byFamily), ['MirrorShape', 'RotateShape']);
        assert.match(result.stdout, /pass@1 20\.0% {2}pass@2 40\.0% {2}pass@5 100\.0% {2}verified@1 100\.0%/);

        const report = readFileSync(join(out, 'report.html'), 'utf8');
        const has = (pattern: RegExp) => assert.ok(pattern.test(report), `report.html lacks ${pattern}`);
        has(/<svg[^>]*aria-label="pass@k"/);
        has(/<svg[^>]*aria-label="scores by family"/);
        has(new RegExp(`<tr><td>all</td><td>${TASKS * 5}</td>${'<td>8</td>'.repeat(3)}<td>0</td><td>0</td><td>0</td><td>8</td></tr>`));
        // Failing examples: input, expected and got drawn as grids in the ARC palette.
        assert.equal(report.match(/<figcaption>got<\/figcaption>/g)?.length, 6, 'three examples per family');
        has(
            /<rect x="18" y="0" width="18" height="18" fill="#(?:000000|0074D9|FF4136|2ECC40|FFDC00|AAAAAA|F012BE|FF851B|7FDBFF|870C25)"\/>/,
        );
    });

    it('fills every sample from a server that answers one choice at a time', async () => {
        const stingy = await startCompletionsServer((request) => solutionOf.get(request.prompt)!, { choicesPerAnswer: 1 });
        try {
            const out = join(tempDir(), 'eval');
            const result = await runCli([
                'evaluate',
                '--backend',
                'openai',
                '--base-url',
                stingy.url,
                '--model-name',
                'tiny',
                '--dataset',
                dataset,
                '--split',
                'train',
                '--n',
                '3',
                '--limit',
                '2',
                '--out',
                out,
            ]);
            assert.equal(result.code, 0, result.stderr);
            for (const prompt of new Set(stingy.requests.map((r) => r.prompt))) {
                assert.deepEqual(
                    stingy.requests.filter((r) => r.prompt === prompt).map((r) => r.n),
                    [3, 2, 1],
                );
            }
            const log = readLog(out);
            assert.equal(log.length, 6);
            assert.ok(log.every((r) => r.functional && r.exact));
        } finally {
            await stingy.close();
        }
    });

    it('stops with one line naming the endpoint when nothing listens there, writing nothing', async () => {
        const closed = await startCompletionsServer(() => '');
        await closed.close();
        const out = join(tempDir(), 'eval');
        const result = await runCli([
            'evaluate',
            '--backend',
            'openai',
            '--base-url',
            closed.url,
            '--model-name',
            'm',
            '--dataset',
            dataset,
            '--split',
            'train',
            '--n',
            '2',
            '--out',
            out,
        ]);
        assert.equal(result.code, 2);
        assert.match(
            result.stderr,
            new RegExp(`^arcdsl: evaluate: ${closed.url}/v1/completions: cannot reach the endpoint \\(ECONNREFUSED\\)\\n$`),
        );
        assert.equal(existsSync(out), false);
    });
});
