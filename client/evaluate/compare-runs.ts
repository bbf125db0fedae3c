import type { Summary } from '../../evaluator/evaluate.js';
import type { Metrics } from '../../evaluator/scoring.js';

export interface ComparedRun {
    name: string;
    folder: string;
    summary: Summary;
}

export interface ComparisonRow {
    label: string;
    values: string[];
    /** Indices of the best value in a score row (ties all count); empty for settings rows. */
    best: number[];
}

export interface Comparison {
    runs: { name: string; folder: string }[];
    settings: ComparisonRow[];
    scores: ComparisonRow[];
}

const RATES: [string, (m: Metrics) => number][] = [
    ['exact', (m) => m.exact],
    ['valid', (m) => m.valid],
    ['functional', (m) => m.functional],
    ['train-consistent', (m) => m.trainConsistent],
    ['verified@1', (m) => m.verifiedAt1],
];

/** Two or more runs side by side: their settings, then every overall score (pass@k for each k any run reports). */
export function compareRuns(runs: readonly ComparedRun[]): Comparison {
    const setting = (label: string, value: (s: Summary) => string | number): ComparisonRow => ({
        label,
        values: runs.map((r) => String(value(r.summary))),
        best: [],
    });
    const score = (label: string, value: (m: Metrics) => number | undefined): ComparisonRow => {
        const numbers = runs.map((r) => value(r.summary.scores.overall));
        const top = Math.max(...numbers.map((v) => v ?? Number.NEGATIVE_INFINITY));
        return {
            label,
            values: numbers.map((v) => (v === undefined ? '—' : percent(v))),
            best: runs.length > 1 && Number.isFinite(top) ? numbers.flatMap((v, i) => (v === top ? [i] : [])) : [],
        };
    };
    const ks = [...new Set(runs.flatMap((r) => Object.keys(r.summary.scores.overall.passAtK).map(Number)))].sort((a, b) => a - b);
    return {
        runs: runs.map((r) => ({ name: r.name, folder: r.folder })),
        settings: [
            setting('model', (s) => s.settings.model),
            setting('dataset', (s) => `${s.settings.dataset} (${s.settings.split})`),
            setting('tasks × n', (s) => `${s.tasks} × ${s.settings.n}`),
            setting('temperature', (s) => s.settings.temperature),
            setting('candidates', (s) => s.candidates),
        ],
        scores: [
            ...RATES.slice(0, 4).map(([label, value]) => score(label, value)),
            ...ks.map((k) => score(`pass@${k}`, (m) => m.passAtK[k])),
            score(RATES[4][0], RATES[4][1]),
        ],
    };
}

export function percent(value: number): string {
    return `${(100 * value).toFixed(1)}%`;
}
