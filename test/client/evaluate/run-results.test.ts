import assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { compareRuns } from '../../../client/evaluate/compare-runs.js';
import {
    candidatePage,
    countCandidates,
    expectedCandidates,
    type OpenedRun,
    openRun,
    readSummary,
} from '../../../client/evaluate/run-results.js';
import type { Summary } from '../../../evaluator/evaluate.js';
import { tempDir } from '../../evaluator/fixtures.js';
import { makeEvaluationRun, N, TASKS } from './evaluation-run.js';

const round = (v: number) => Math.round(v * 1e9) / 1e9;
const rounded = (values: Record<string, number>) => Object.fromEntries(Object.entries(values).map(([k, v]) => [k, round(v)]));

function opened(result: Awaited<ReturnType<typeof openRun>>): OpenedRun {
    if (!result.ok) assert.fail(result.message);
    return result.value;
}

describe('an evaluation run as the Evaluate Model view reads it', () => {
    let dir: string;
    let out: string;
    let dataset: string;
    let summary: Summary;

    before(async () => {
        dir = tempDir('arcdsl-view-');
        ({ out, dataset } = await makeEvaluationRun(dir));
        summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as Summary;
    });

    it('shows the metrics summary.json holds: all first, then each family', async () => {
        const { results } = opened(await openRun(out));
        assert.equal(results.tasks, TASKS);
        assert.equal(results.candidateCount, TASKS * N);
        assert.deepEqual(results.ks, [1, 2, 5]);
        assert.deepEqual(
            results.rows.map((r) => r.name),
            ['all', 'MirrorShape', 'RotateShape'],
        );
        assert.deepEqual(results.rows[0].metrics, summary.scores.overall);
        // One functional candidate of five per task: pass@1 = 1/5, pass@2 = 1 - C(4,2)/C(5,2) = 0.4, pass@5 = 1.
        const all = results.rows[0].metrics;
        assert.equal(all.functional, 0.2);
        assert.deepEqual(rounded(all.passAtK), { 1: 0.2, 2: 0.4, 5: 1 });
        assert.deepEqual(results.problems, []);
    });

    it('lays out the pass@k chart and the family bars from the same numbers', async () => {
        const { results } = opened(await openRun(out));
        const chart = results.chart!;
        assert.deepEqual(
            chart.series.map((s) => [s.name, s.emphasis, s.points.map((p) => round(p.value))]),
            [
                ['all', true, [0.2, 0.4, 1]],
                ['MirrorShape', false, [0.2, 0.4, 1]],
                ['RotateShape', false, [0.2, 0.4, 1]],
            ],
        );
        const { plot } = chart;
        const [p1, , p5] = chart.series[0].points;
        assert.equal(p1.x, plot.left, 'k=1 at the left edge');
        assert.equal(p5.x, plot.left + plot.width, 'k=5 at the right edge');
        assert.equal(p5.y, plot.top, '100% at the top');
        assert.ok(Math.abs(p1.y - (plot.top + 0.8 * plot.height)) < 1e-6, '20% a fifth up');
        assert.deepEqual(
            chart.xTicks.map((t) => t.label),
            ['1', '2', '5'],
        );
        const bars = results.bars.groups.map((g) => [
            g.family,
            g.bars.map((b) => [b.measure, round(b.value), round(b.width / b.fullWidth)]),
        ]);
        assert.deepEqual(bars, [
            [
                'MirrorShape',
                [
                    ['functional', 0.2, 0.2],
                    ['exact', 0.2, 0.2],
                    ['verifiedAt1', 1, 1],
                ],
            ],
            [
                'RotateShape',
                [
                    ['functional', 0.2, 0.2],
                    ['exact', 0.2, 0.2],
                    ['verifiedAt1', 1, 1],
                ],
            ],
        ]);
    });

    it('pages candidates with their test grids, filtered by family and outcome', async () => {
        const run = opened(await openRun(out));
        const firstPage = candidatePage(run, {}, 0, 12);
        assert.equal(firstPage.total, TASKS * N);
        assert.equal(firstPage.candidates.length, 12);
        const functional = candidatePage(run, { outcome: 'functional' }, 0, 100);
        assert.equal(functional.total, TASKS);
        for (const c of functional.candidates) {
            const task = run.tasks.get(c.task)!;
            assert.deepEqual(c.input, task.test.input);
            assert.deepEqual(c.got, task.test.output, 'a functional candidate shows the expected output as what it got');
        }
        const wrong = candidatePage(run, { outcome: 'wrong_output', family: 'RotateShape' }, 0, 100);
        assert.equal(wrong.total, TASKS / 2);
        for (const c of wrong.candidates) {
            assert.equal(c.family, 'RotateShape');
            assert.equal(c.program, 'output = rotate(input, 3)');
            assert.ok(c.got && c.expected && JSON.stringify(c.got) !== JSON.stringify(c.expected));
        }
        const parse = candidatePage(run, { outcome: 'parse' }, 0, 100);
        assert.equal(parse.total, TASKS);
        assert.ok(parse.candidates.every((c) => c.got === undefined && c.input !== undefined && c.message));
        const last = candidatePage(run, {}, 36, 12);
        assert.equal(last.candidates.length, 4);
        assert.equal(candidatePage(run, {}, 1000, 12).offset, TASKS * N - 1, 'an offset past the end shows the last candidate');
    });

    it('counts the candidates a run writes and the total it will write', async () => {
        assert.equal(countCandidates(out), TASKS * N);
        assert.equal(countCandidates(join(dir, 'nothing')), 0);
        assert.equal(await expectedCandidates(dataset, 'train', N), TASKS * N);
        assert.equal(await expectedCandidates(dataset, 'train', N, 3), 3 * N);
        assert.equal(await expectedCandidates(dataset, 'nope', N), undefined);
        assert.equal(await expectedCandidates(join(dir, 'no-dataset'), 'train', N), undefined);
    });

    it('reads a log that is being written: a torn last line waits, a damaged line is reported by number', async () => {
        const copy = join(dir, 'damaged');
        cpSync(out, copy, { recursive: true });
        const log = join(copy, 'candidates.jsonl');
        const lines = readFileSync(log, 'utf8').split('\n');
        lines[2] = '{"task": "broken';
        writeFileSync(log, `${lines.join('\n')}{"task": "torn`);
        const before = readFileSync(log, 'utf8');
        const run = opened(await openRun(copy));
        assert.deepEqual(run.results.problems, [`${log}:3: not a JSON line, skipped`]);
        assert.equal(candidatePage(run, {}, 0, 100).total, TASKS * N - 1);
        assert.equal(countCandidates(copy), TASKS * N, 'the torn line is not counted');
        assert.equal(readFileSync(log, 'utf8'), before, 'reading never changes the log');
    });

    it('shows candidates without grids, and says why, when the dataset is gone', async () => {
        const copy = join(dir, 'moved');
        cpSync(join(dir, 'dataset'), join(dir, 'dataset-copy'), { recursive: true });
        cpSync(out, copy, { recursive: true });
        const summaryFile = join(copy, 'summary.json');
        const moved = JSON.parse(readFileSync(summaryFile, 'utf8')) as Summary;
        moved.settings.dataset = join(dir, 'dataset-copy');
        writeFileSync(summaryFile, JSON.stringify(moved));
        renameSync(join(dir, 'dataset-copy'), join(dir, 'dataset-gone'));
        const run = opened(await openRun(copy));
        assert.equal(run.results.problems.length, 1);
        assert.match(
            run.results.problems[0],
            /dataset-copy \(split train\) could not be read, so candidates show without their test grids/,
        );
        const page = candidatePage(run, {}, 0, 100);
        assert.equal(page.total, TASKS * N);
        assert.ok(page.candidates.every((c) => c.input === undefined && c.expected === undefined));
    });

    it('says what is wrong with a folder that is not a run, without throwing', async () => {
        const empty = join(dir, 'empty');
        mkdirSync(empty);
        const message = async (folder: string) => {
            const result = await openRun(folder);
            assert.equal(result.ok, false);
            return (result as { message: string }).message;
        };
        assert.equal(await message(empty), `${empty} is not an evaluation run: it has no summary.json`);
        assert.equal(await message(join(dir, 'missing')), `${join(dir, 'missing')} is not a folder`);
        appendFileSync(join(empty, 'candidates.jsonl'), '');
        assert.match(await message(empty), /has no summary.json yet: the evaluation is running or was stopped/);
        writeFileSync(join(empty, 'summary.json'), '{"settings": ');
        assert.match(await message(empty), /summary.json: not valid JSON/);
        writeFileSync(join(empty, 'summary.json'), '{"settings": {"n": 2, "ks": [1]}, "tasks": 1}');
        assert.equal(await message(empty), `${join(empty, 'summary.json')}: not an evaluation summary (no "scores.overall")`);
        writeFileSync(join(empty, 'summary.json'), '[1, 2]');
        assert.equal(await message(empty), `${join(empty, 'summary.json')}: not an evaluation summary (not a JSON object)`);
    });

    it('compares runs side by side, marking the best score', async () => {
        const other = join(dir, 'other');
        cpSync(out, other, { recursive: true });
        const better = JSON.parse(readFileSync(join(other, 'summary.json'), 'utf8')) as Summary;
        better.scores.overall.functional = 0.5;
        better.settings.temperature = 0.2;
        writeFileSync(join(other, 'summary.json'), JSON.stringify(better));
        const runs = [out, other].map((folder) => {
            const read = readSummary(folder);
            assert.ok(read.ok);
            return { name: folder.split('/').at(-1)!, folder, summary: read.value };
        });
        const comparison = compareRuns(runs);
        assert.deepEqual(
            comparison.runs.map((r) => r.name),
            ['eval-1', 'other'],
        );
        const row = (label: string) =>
            comparison.scores.find((r) => r.label === label) ?? comparison.settings.find((r) => r.label === label);
        assert.deepEqual(row('functional'), { label: 'functional', values: ['20.0%', '50.0%'], best: [1] });
        assert.deepEqual(row('pass@2'), { label: 'pass@2', values: ['40.0%', '40.0%'], best: [0, 1] });
        assert.deepEqual(row('temperature')?.values, ['0.8', '0.2']);
        assert.deepEqual(
            comparison.scores.map((r) => r.label),
            ['exact', 'valid', 'functional', 'train-consistent', 'pass@1', 'pass@2', 'pass@5', 'verified@1'],
        );
    });
});
