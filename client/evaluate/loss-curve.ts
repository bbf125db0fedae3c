import { type LineChartLayout, lineChartLayout, niceTicks } from '../../evaluator/chart-layout.js';

/** One line of a fine-tuning run's metrics.jsonl (docs/trainer.md): step, epoch, time, and the logged values. */
export type MetricsRecord = { step: number } & Record<string, number>;

export interface LossCurve {
    /** train_loss and eval_loss by step. */
    train: { step: number; value: number }[];
    eval: { step: number; value: number }[];
    /** The newest generative scores (exact_match, functional_accuracy, pass@k) and the step they were logged at. */
    latest: { name: string; value: number; step: number }[];
    lastStep: number | undefined;
    /** Damaged lines, by number: skipped, never fatal. */
    problems: string[];
    /** Undefined until a loss has been logged. */
    chart: LineChartLayout | undefined;
}

const GENERATIVE = /^(exact_match|functional_accuracy|pass@\d+)$/;

/**
 * Reads metrics.jsonl text as it grows: the last line without its newline is still being written and
 * is left for the next read; a line that is not a JSON object with a numeric step is reported by
 * number and skipped.
 */
export function parseMetricsLog(text: string, path = 'metrics.jsonl'): { records: MetricsRecord[]; problems: string[] } {
    const lines = text.slice(0, text.lastIndexOf('\n') + 1).split('\n');
    lines.pop();
    const records: MetricsRecord[] = [];
    const problems: string[] = [];
    lines.forEach((line, i) => {
        if (line.trim() === '') return;
        let value: unknown;
        try {
            value = JSON.parse(line);
        } catch {
            problems.push(`${path}:${i + 1}: not a JSON line, skipped`);
            return;
        }
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
            problems.push(`${path}:${i + 1}: not a JSON object, skipped`);
            return;
        }
        const record = value as Record<string, unknown>;
        if (typeof record.step !== 'number' || !Number.isFinite(record.step)) {
            problems.push(`${path}:${i + 1}: no numeric "step", skipped`);
            return;
        }
        const numeric: Record<string, number> = {};
        for (const [key, v] of Object.entries(record)) if (typeof v === 'number' && Number.isFinite(v)) numeric[key] = v;
        records.push(numeric as MetricsRecord);
    });
    return { records, problems };
}

/** The loss curve of a fine-tuning run: train and eval loss against step, and the newest generative scores. */
export function lossCurve(text: string, path?: string): LossCurve {
    const { records, problems } = parseMetricsLog(text, path);
    const train = records.filter((r) => 'train_loss' in r).map((r) => ({ step: r.step, value: r.train_loss }));
    const evalLoss = records.filter((r) => 'eval_loss' in r).map((r) => ({ step: r.step, value: r.eval_loss }));
    const latest = new Map<string, { name: string; value: number; step: number }>();
    for (const record of records) {
        for (const [name, value] of Object.entries(record)) if (GENERATIVE.test(name)) latest.set(name, { name, value, step: record.step });
    }
    return {
        train,
        eval: evalLoss,
        latest: [...latest.values()],
        lastStep: records.at(-1)?.step,
        problems,
        chart: lossChart(train, evalLoss),
    };
}

function lossChart(train: LossCurve['train'], evalLoss: LossCurve['eval']): LineChartLayout | undefined {
    const all = [...train, ...evalLoss];
    if (all.length === 0) return undefined;
    const steps = all.map((p) => p.step);
    const values = all.map((p) => p.value);
    const xTicks = niceTicks(Math.min(...steps), Math.max(...steps), 5);
    const yTicks = niceTicks(Math.min(0, ...values), Math.max(...values), 4, true);
    const yMax = Math.max(...values, ...yTicks);
    const series = [
        { name: 'train loss', emphasis: true, points: train.map((p) => ({ x: p.step, y: p.value, label: `step ${p.step}` })) },
        { name: 'eval loss', points: evalLoss.map((p) => ({ x: p.step, y: p.value, label: `step ${p.step}` })) },
    ].filter((s) => s.points.length > 0);
    return lineChartLayout({
        series,
        x: { min: Math.min(...steps), max: Math.max(...steps), ticks: xTicks.map((v) => ({ value: v, label: String(v) })), title: 'step' },
        y: { min: Math.min(0, ...values, ...yTicks), max: yMax, ticks: yTicks.map((v) => ({ value: v, label: String(v) })) },
        legendWidth: 110,
        width: 460,
        height: 240,
    });
}
