import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lossCurve, parseMetricsLog } from '../../../client/evaluate/loss-curve.js';
import { niceTicks } from '../../../evaluator/chart-layout.js';

// Lines as trainer/arcdsl_trainer/metrics.py's MetricsLog writes them (copied from a real run).
const LOG = [
    '{"step": 10, "epoch": 0.2778, "train_loss": 5.609571838378907, "grad_norm": 2.380115509033203, "learning_rate": 0.0026970258409203594, "time": 1795659302.722}',
    '{"step": 20, "epoch": 0.5556, "train_loss": 4.286335754394531, "grad_norm": 2.0488319396972656, "learning_rate": 0.0015, "time": 1795659354.173}',
    '{"step": 30, "epoch": 0.8333, "train_loss": 3.8182186126708983, "grad_norm": 1.4412258863449097, "learning_rate": 0.00030297415907964075, "time": 1795659399.66}',
    '{"step": 36, "epoch": 1.0, "eval_loss": 3.7648987770080566, "eval_runtime": 0.5024, "time": 1795659426.022}',
    '{"step": 36, "epoch": 1.0, "exact_match": 0.0, "functional_accuracy": 0.25, "pass@1": 0.25, "pass@2": 0.5, "time": 1795659694.961}',
    '{"step": 36, "epoch": 1.0, "train_runtime": 443.6016, "mean_train_loss": 4.424166149563259, "time": 1795659695.199}',
];

describe('the loss curve of a fine-tuning run (metrics.jsonl)', () => {
    it('plots train and eval loss against step, and keeps the newest generative scores', () => {
        const curve = lossCurve(`${LOG.join('\n')}\n`);
        assert.deepEqual(
            curve.train.map((p) => p.step),
            [10, 20, 30],
        );
        assert.deepEqual(curve.eval, [{ step: 36, value: 3.7648987770080566 }]);
        assert.deepEqual(
            curve.latest.map((m) => [m.name, m.value, m.step]),
            [
                ['exact_match', 0, 36],
                ['functional_accuracy', 0.25, 36],
                ['pass@1', 0.25, 36],
                ['pass@2', 0.5, 36],
            ],
        );
        assert.equal(curve.lastStep, 36);
        assert.deepEqual(curve.problems, []);
        const chart = curve.chart!;
        assert.deepEqual(
            chart.series.map((s) => s.name),
            ['train loss', 'eval loss'],
        );
        const [first, , third] = chart.series[0].points;
        const [evalPoint] = chart.series[1].points;
        assert.equal(first.x, chart.plot.left, 'the first step at the left edge');
        assert.equal(evalPoint.x, chart.plot.left + chart.plot.width, 'the last step at the right edge');
        assert.ok(first.y < third.y, 'a falling loss is drawn falling (a larger y is lower)');
        for (const p of [...chart.series[0].points, evalPoint]) {
            assert.ok(p.y >= chart.plot.top && p.y <= chart.plot.top + chart.plot.height, `point ${p.label} inside the plot`);
        }
        assert.deepEqual(
            chart.yTicks.map((t) => t.label),
            ['0', '2', '4', '6'],
        );
    });

    it('leaves a line still being written for the next read', () => {
        const growing = `${LOG.slice(0, 2).join('\n')}\n${LOG[2].slice(0, 30)}`;
        const curve = lossCurve(growing);
        assert.equal(curve.train.length, 2);
        assert.deepEqual(curve.problems, []);
        assert.equal(lossCurve(`${LOG.slice(0, 3).join('\n')}\n`).train.length, 3, 'the next read has it');
    });

    it('reports damaged lines by number and keeps the rest', () => {
        const text = [LOG[0], '{"step": 15, "train_loss": 5.0', '[1, 2]', '{"epoch": 1, "train_loss": 3}', '', LOG[1], ''].join('\n');
        const { records, problems } = parseMetricsLog(text, 'run/metrics.jsonl');
        assert.deepEqual(
            records.map((r) => r.step),
            [10, 20],
        );
        assert.deepEqual(problems, [
            'run/metrics.jsonl:2: not a JSON line, skipped',
            'run/metrics.jsonl:3: not a JSON object, skipped',
            'run/metrics.jsonl:4: no numeric "step", skipped',
        ]);
    });

    it('has no chart before the first loss', () => {
        assert.equal(lossCurve('').chart, undefined);
        assert.equal(lossCurve('{"step": 0, "learning_rate": 0.001}\n').chart, undefined);
    });
});

describe('niceTicks', () => {
    it('gives round values 1, 2 or 5 × a power of ten apart, covering the range', () => {
        assert.deepEqual(niceTicks(0, 5.6, 4), [0, 2, 4]);
        assert.deepEqual(niceTicks(10, 36, 5), [10, 20, 30]);
        assert.deepEqual(niceTicks(10, 36, 8), [10, 15, 20, 25, 30, 35]);
        assert.deepEqual(niceTicks(0, 1, 4), [0, 0.5, 1]);
        assert.deepEqual(niceTicks(0, 5.6, 4, true), [0, 2, 4, 6], 'extended to the round value above the range');
        assert.deepEqual(niceTicks(0.13, 0.61, 5, true), [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]);
        assert.deepEqual(niceTicks(3, 3), [3]);
        assert.deepEqual(niceTicks(0, Number.NaN), []);
    });
});
