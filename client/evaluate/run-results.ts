import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { CandidateRecord, FailureKind } from '../../evaluator/candidates-log.js';
import { type BarsLayout, familyBarsLayout, type LineChartLayout, passAtKLayout } from '../../evaluator/chart-layout.js';
import { CANDIDATES_FILE, SUMMARY_FILE, type Summary } from '../../evaluator/evaluate.js';
import type { Metrics } from '../../evaluator/scoring.js';
import { type EvalTask, loadTasks, type Rows } from '../../evaluator/task.js';
import { openDataset } from '../../generators/dataset/read-dataset.js';

/** One row of the metrics table: `all` first, then each family. */
export interface MetricsRow {
    name: string;
    metrics: Metrics;
}

/** An evaluation run as the Evaluate Model view shows it (everything here is plain JSON for the webview). */
export interface RunResults {
    folder: string;
    name: string;
    settings: Summary['settings'];
    tasks: number;
    candidateCount: number;
    seconds: number;
    ks: number[];
    rows: MetricsRow[];
    omitted: Summary['scores']['passAtKOmitted'];
    chart: LineChartLayout | undefined;
    bars: BarsLayout;
    families: string[];
    /** Things worth telling that did not stop the run from opening (a damaged log line, a missing dataset). */
    problems: string[];
}

/** A candidate with its task's test grids (when the dataset could be read). */
export interface CandidateView {
    task: string;
    sample: number;
    family: string;
    program: string;
    functional: boolean;
    exact: boolean;
    failure: FailureKind | null;
    message?: string;
    input?: Rows;
    expected?: Rows;
    got?: Rows;
}

/** A run opened: what the view shows, the candidates, and the tasks to open a candidate as a document. */
export interface OpenedRun {
    results: RunResults;
    candidates: CandidateRecord[];
    tasks: Map<string, EvalTask>;
}

export type ReadResult<T> = { ok: true; value: T } | { ok: false; message: string };

/** Reads summary.json; a folder without one, or a file that is not an evaluation summary, is a message. */
export function readSummary(folder: string): ReadResult<Summary> {
    const path = join(folder, SUMMARY_FILE);
    if (!existsSync(folder) || !statSync(folder).isDirectory()) return { ok: false, message: `${folder} is not a folder` };
    if (!existsSync(path)) {
        const running = existsSync(join(folder, CANDIDATES_FILE));
        return {
            ok: false,
            message: running
                ? `${folder} has no ${SUMMARY_FILE} yet: the evaluation is running or was stopped (re-run it with the same --out to finish)`
                : `${folder} is not an evaluation run: it has no ${SUMMARY_FILE}`,
        };
    }
    let value: unknown;
    try {
        value = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
        return { ok: false, message: `${path}: not valid JSON (${(error as Error).message})` };
    }
    const missing = summaryProblem(value);
    if (missing) return { ok: false, message: `${path}: not an evaluation summary (${missing})` };
    return { ok: true, value: value as Summary };
}

function summaryProblem(value: unknown): string | undefined {
    const summary = value as Partial<Summary> | null;
    if (typeof summary !== 'object' || summary === null || Array.isArray(summary)) return 'not a JSON object';
    if (typeof summary.settings !== 'object' || summary.settings === null) return 'no "settings"';
    if (!Number.isInteger(summary.settings.n) || !Array.isArray(summary.settings.ks)) return '"settings" lacks n or ks';
    if (typeof summary.scores?.overall !== 'object' || summary.scores.overall === null) return 'no "scores.overall"';
    if (typeof summary.scores.byFamily !== 'object' || summary.scores.byFamily === null) return 'no "scores.byFamily"';
    if (typeof summary.scores.overall.passAtK !== 'object' || typeof summary.scores.overall.functional !== 'number') {
        return '"scores.overall" lacks functional or passAtK';
    }
    if (!Number.isInteger(summary.tasks)) return 'no "tasks" count';
    return undefined;
}

/**
 * The complete lines of candidates.jsonl. A line still being written (no newline yet) is left for
 * the next read; a damaged line is reported by number and skipped. The file is never modified.
 */
export function readCandidates(folder: string): { records: CandidateRecord[]; problems: string[] } {
    const path = join(folder, CANDIDATES_FILE);
    if (!existsSync(path)) return { records: [], problems: [] };
    const text = readFileSync(path, 'utf8');
    const lines = text.slice(0, text.lastIndexOf('\n') + 1).split('\n');
    lines.pop();
    const records: CandidateRecord[] = [];
    const problems: string[] = [];
    lines.forEach((line, i) => {
        if (line.trim() === '') return;
        let value: Partial<CandidateRecord> | null;
        try {
            value = JSON.parse(line) as Partial<CandidateRecord> | null;
        } catch {
            problems.push(`${path}:${i + 1}: not a JSON line, skipped`);
            return;
        }
        if (typeof value?.task !== 'string' || !Number.isInteger(value.sample) || typeof value.functional !== 'boolean') {
            problems.push(`${path}:${i + 1}: not a candidate record (needs task, sample, functional), skipped`);
            return;
        }
        records.push(value as CandidateRecord);
    });
    return { records, problems };
}

/** Candidates written so far (complete lines), cheaply: for live progress while a run is going. */
export function countCandidates(folder: string): number {
    const path = join(folder, CANDIDATES_FILE);
    if (!existsSync(path)) return 0;
    const bytes = readFileSync(path);
    let count = 0;
    for (let i = bytes.indexOf(0x0a); i !== -1; i = bytes.indexOf(0x0a, i + 1)) count++;
    return count;
}

/** How many candidates a run of this dataset split will write (tasks × n), or undefined if the dataset cannot say. */
export async function expectedCandidates(dataset: string, split: string, n: number, limit?: number): Promise<number | undefined> {
    try {
        const info = openDataset(dataset).splits.find((s) => s.name === split);
        if (!info) return undefined;
        const rows = info.rows ?? (await loadTasks(dataset, split)).length;
        return Math.min(rows, limit ?? rows) * n;
    } catch {
        return undefined;
    }
}

/** The view's data for a run folder, or a message saying why it is not a run. */
export async function openRun(folder: string): Promise<ReadResult<OpenedRun>> {
    const summary = readSummary(folder);
    if (!summary.ok) return summary;
    const { settings, scores } = summary.value;
    const { records, problems } = readCandidates(folder);
    const tasks = new Map<string, EvalTask>();
    try {
        for (const task of await loadTasks(settings.dataset, settings.split, settings.limit ?? undefined)) tasks.set(task.id, task);
    } catch (error) {
        problems.push(
            `the dataset ${settings.dataset} (split ${settings.split}) could not be read, so candidates show without their test grids: ${(error as Error).message}`,
        );
    }
    const families = Object.keys(scores.byFamily);
    const ks = Object.keys(scores.overall.passAtK)
        .map(Number)
        .sort((a, b) => a - b);
    const familyRows = families.map((f): [string, Metrics] => [f, scores.byFamily[f]]);
    const results: RunResults = {
        folder,
        name: basename(folder),
        settings,
        tasks: summary.value.tasks,
        candidateCount: summary.value.candidates,
        seconds: summary.value.seconds,
        ks,
        rows: [{ name: 'all', metrics: scores.overall }, ...familyRows.map(([name, metrics]) => ({ name, metrics }))],
        omitted: scores.passAtKOmitted ?? [],
        chart: ks.length > 0 ? passAtKLayout(scores.overall, familyRows, ks) : undefined,
        bars: familyBarsLayout(familyRows),
        families,
        problems,
    };
    const candidates = records.filter((r) => r.sample < settings.n && (tasks.size === 0 || tasks.has(r.task)));
    candidates.sort((a, b) => a.task.localeCompare(b.task) || a.sample - b.sample);
    return { ok: true, value: { results, candidates, tasks } };
}

export type Outcome = 'all' | 'functional' | 'failing' | FailureKind;

export interface CandidateFilter {
    family?: string;
    outcome?: Outcome;
}

export interface CandidatePage {
    total: number;
    offset: number;
    candidates: CandidateView[];
}

/** One page of a run's candidates that pass the filter, with their test grids. */
export function candidatePage(run: OpenedRun, filter: CandidateFilter, offset: number, limit: number): CandidatePage {
    const outcome = filter.outcome ?? 'all';
    const matching = run.candidates.filter(
        (c) =>
            (!filter.family || c.family === filter.family) &&
            (outcome === 'all' ||
                (outcome === 'functional' && c.functional) ||
                (outcome === 'failing' && !c.functional) ||
                c.failure === outcome),
    );
    const start = Math.max(0, Math.min(offset, Math.max(0, matching.length - 1)));
    return {
        total: matching.length,
        offset: start,
        candidates: matching.slice(start, start + limit).map((record) => candidateView(record, run.tasks.get(record.task))),
    };
}

function candidateView(record: CandidateRecord, task: EvalTask | undefined): CandidateView {
    const view: CandidateView = {
        task: record.task,
        sample: record.sample,
        family: record.family,
        program: record.program,
        functional: record.functional,
        exact: record.exact,
        failure: record.failure,
    };
    if (record.message !== undefined) view.message = record.message;
    if (task) {
        view.input = task.test.input;
        view.expected = task.test.output;
    }
    // A functional candidate's output is the expected one; the log keeps only wrong outputs.
    const got = record.got ?? (record.functional ? task?.test.output : undefined);
    if (got) view.got = got;
    return view;
}
