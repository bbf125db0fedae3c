import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { taskDocumentText } from '../../language/task-document.js';
import { findFolders, isDataset, isExportedModel } from '../pipeline/pipeline-folders.js';
import { nextFreeFolder, resolveFrom } from '../pipeline/stage-options.js';
import { webviewHtml, webviewRoots } from '../webview/webview-html.js';
import { compareRuns } from './compare-runs.js';
import { findEvaluationRuns, findTrainingRuns } from './evaluation-runs.js';
import { FileFollower } from './follow-file.js';
import { lossCurve } from './loss-curve.js';
import {
    type CandidateFilter,
    candidatePage,
    countCandidates,
    expectedCandidates,
    type OpenedRun,
    openRun,
    readSummary,
} from './run-results.js';

export const VIEW_ID = 'arcdsl.evaluateView';
const PAGE_SIZE = 12;

/** Messages from the webview (client/evaluate/media/evaluate.js). */
type ViewMessage =
    | { type: 'ready' }
    | { type: 'refresh' }
    | { type: 'browse'; field: 'model' | 'dataset' | 'run' | 'loss' }
    | { type: 'evaluate'; model: string; dataset: string; split: string; n: number; k: string }
    | { type: 'open'; folder: string }
    | { type: 'page'; filter: CandidateFilter; offset: number }
    | { type: 'openCandidate'; task: string; sample: number }
    | { type: 'compare'; folders: string[] }
    | { type: 'loss'; folder: string };

/** Where the view looks for models, datasets and runs (the pipeline's settings plus arcdsl.evaluationsFolder). */
interface Folders {
    base: string | undefined;
    models: string;
    datasets: string;
    evaluations: string;
}

/**
 * The "Evaluate Model" view in the ARC DSL Studio activity-bar container: a form that runs
 * `arcdsl.evaluateModel` (the pipeline's command, the `arcdsl evaluate` CLI in a terminal) with live
 * progress read from the run's candidates.jsonl; the results of a run (metrics, pass@k chart, family
 * bars, candidates as grids); runs side by side; a fine-tuning run's loss curve from metrics.jsonl.
 */
export class EvaluateView implements vscode.WebviewViewProvider, vscode.Disposable {
    private view: vscode.WebviewView | undefined;
    private opened: OpenedRun | undefined;
    private progress: FileFollower | undefined;
    private loss: FileFollower | undefined;
    /** A run asked for before the view was resolved (e.g. by arcdsl.openEvaluationRun). */
    private pendingOpen: string | undefined;

    constructor(private readonly extensionUri: vscode.Uri) {}

    resolveWebviewView(view: vscode.WebviewView): void {
        this.view = view;
        view.webview.options = { enableScripts: true, localResourceRoots: webviewRoots(this.extensionUri) };
        view.webview.html = webviewHtml(view.webview, this.extensionUri, {
            title: 'Evaluate Model',
            scripts: ['evaluate/media/evaluate.js'],
            styles: ['evaluate/media/evaluate.css'],
            body: '<main id="evaluate" aria-label="Evaluate Model"><p class="empty">Loading…</p></main>',
        });
        view.webview.onDidReceiveMessage((message: ViewMessage) => void this.onMessage(message));
        view.onDidDispose(() => {
            this.view = undefined;
            this.stopFollowing();
        });
    }

    /** Shows a run folder's results (reveals the view first). */
    async showRun(folder: string): Promise<void> {
        if (!this.view) {
            this.pendingOpen = folder;
            await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
            return;
        }
        this.view.show(true);
        await this.open(folder);
    }

    private post(message: Record<string, unknown>): void {
        void this.view?.webview.postMessage(message);
    }

    private async onMessage(message: ViewMessage): Promise<void> {
        try {
            switch (message.type) {
                case 'ready':
                    this.sendState();
                    if (this.pendingOpen) {
                        const folder = this.pendingOpen;
                        this.pendingOpen = undefined;
                        await this.open(folder);
                    }
                    return;
                case 'refresh':
                    return this.sendState();
                case 'browse':
                    return await this.browse(message.field);
                case 'evaluate':
                    return await this.evaluate(message);
                case 'open':
                    return await this.open(message.folder);
                case 'page':
                    if (this.opened)
                        this.post({ type: 'page', page: candidatePage(this.opened, message.filter, message.offset, PAGE_SIZE) });
                    return;
                case 'openCandidate':
                    return await this.openCandidate(message.task, message.sample);
                case 'compare':
                    return this.compare(message.folders);
                case 'loss':
                    return this.followLoss(message.folder);
            }
        } catch (error) {
            // Whatever went wrong is said in the view; the extension host never sees an exception from a message.
            this.post({ type: 'error', area: 'results', message: (error as Error).message });
        }
    }

    private folders(): Folders {
        const config = vscode.workspace.getConfiguration('arcdsl');
        const base = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file')?.uri.fsPath;
        const resolveSetting = (key: string, fallback: string) => {
            const value = config.get<string>(key)?.trim() || fallback;
            return base ? resolveFrom(base, value) : value;
        };
        const models = resolveSetting('modelsFolder', 'arcdsl-data/models');
        return {
            base,
            models,
            datasets: resolveSetting('datasetsFolder', 'arcdsl-data/datasets'),
            evaluations: config.get<string>('evaluationsFolder')?.trim()
                ? resolveSetting('evaluationsFolder', '')
                : join(models, 'evaluations'),
        };
    }

    private sendState(): void {
        const folders = this.folders();
        const roots = [folders.evaluations, folders.models, ...(folders.base ? [folders.base] : [])];
        this.post({
            type: 'state',
            runs: findEvaluationRuns(roots),
            trainingRuns: findTrainingRuns([folders.models, ...(folders.base ? [folders.base] : [])]),
            models: findFolders(folders.models, isExportedModel, 3),
            datasets: findFolders(folders.datasets, isDataset),
            evaluationsFolder: folders.evaluations,
        });
    }

    private async browse(field: 'model' | 'dataset' | 'run' | 'loss'): Promise<void> {
        const titles = {
            model: 'An exported model folder (onnx/model.onnx)',
            dataset: 'A dataset folder (dataset_dict.json)',
            run: 'An evaluation run folder (summary.json)',
            loss: 'A fine-tuning run folder (metrics.jsonl)',
        };
        const picked = await vscode.window.showOpenDialog({
            title: titles[field],
            canSelectFolders: true,
            canSelectFiles: false,
            defaultUri: this.folders().base ? vscode.Uri.file(this.folders().base!) : undefined,
        });
        const folder = picked?.[0]?.fsPath;
        if (!folder) return;
        if (field === 'run') await this.open(folder);
        else if (field === 'loss') this.followLoss(folder);
        else this.post({ type: 'field', field, value: folder });
    }

    private async open(folder: string): Promise<void> {
        const result = await openRun(folder);
        if (!result.ok) {
            this.post({ type: 'error', area: 'results', message: result.message });
            return;
        }
        this.opened = result.value;
        this.post({ type: 'results', results: result.value.results, page: candidatePage(result.value, {}, 0, PAGE_SIZE) });
    }

    /** Runs the evaluation through the pipeline's command, following candidates.jsonl for progress. */
    private async evaluate(form: Extract<ViewMessage, { type: 'evaluate' }>): Promise<void> {
        const folders = this.folders();
        const base = folders.base ?? '';
        const model = resolveFrom(base, form.model.trim());
        const dataset = resolveFrom(base, form.dataset.trim());
        const out = nextFreeFolder(folders.evaluations, 'eval');
        const total = await expectedCandidates(dataset, form.split, form.n);
        this.progress?.dispose();
        const report = (running: boolean) => this.post({ type: 'progress', folder: out, done: countCandidates(out), total, running });
        this.progress = new FileFollower(join(out, 'candidates.jsonl'), () => report(true), 500);
        let result: { exitCode: number; out: string; cancelled?: boolean } | undefined;
        let failure: string | undefined;
        try {
            result = await vscode.commands.executeCommand('arcdsl.evaluateModel', {
                model,
                dataset,
                split: form.split,
                n: form.n,
                k: form.k,
                out,
            });
        } catch (error) {
            failure = `Evaluate Model could not start: ${(error as Error).message}`;
        } finally {
            this.progress?.dispose();
            this.progress = undefined;
            report(false);
        }
        this.sendState();
        if (failure) {
            this.post({ type: 'error', area: 'run', message: failure });
        } else if (!result || result.cancelled) {
            this.post({ type: 'error', area: 'run', message: 'The evaluation was cancelled or did not start (see the notification).' });
        } else if (result.exitCode !== 0) {
            this.post({
                type: 'error',
                area: 'run',
                message: `Evaluate Model stopped with exit code ${result.exitCode}: see its terminal or notification.`,
            });
        } else {
            await this.open(result.out || out);
        }
    }

    private async openCandidate(taskId: string, sample: number): Promise<void> {
        const run = this.opened;
        const record = run?.candidates.find((c) => c.task === taskId && c.sample === sample);
        const task = run?.tasks.get(taskId);
        if (!run || !record) return;
        if (!task) {
            this.post({
                type: 'error',
                area: 'results',
                message: `The task ${taskId} is not in ${run.results.settings.dataset}: it cannot be opened.`,
            });
            return;
        }
        const text = taskDocumentText(
            { train: task.train, test: [task.test] },
            {
                name: task.id,
                family: task.family,
                program: record.program,
                note: `candidate ${sample} of evaluation ${run.results.name}: ${record.failure?.replace('_', ' ') ?? 'functional'}`,
            },
        );
        const name = `${task.id.replace(/[^\w.-]+/g, '-')}-sample-${sample}.arcdsl`;
        const uri = vscode.Uri.from({ scheme: 'untitled', path: join(this.folders().base ?? run.results.folder, name) });
        const document = await vscode.workspace.openTextDocument(uri);
        const edit = new vscode.WorkspaceEdit();
        edit.replace(uri, new vscode.Range(0, 0, document.lineCount, 0), text);
        await vscode.workspace.applyEdit(edit);
        await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, preview: false });
        await vscode.commands.executeCommand('arcdsl.openPreview', document.uri);
    }

    private compare(folders: string[]): void {
        const runs = [];
        for (const folder of folders) {
            const summary = readSummary(folder);
            if (!summary.ok) {
                this.post({ type: 'error', area: 'compare', message: summary.message });
                return;
            }
            runs.push({ name: folder.split(/[\\/]/).at(-1) ?? folder, folder, summary: summary.value });
        }
        if (runs.length < 2) {
            this.post({ type: 'error', area: 'compare', message: 'Tick two or more runs to compare them.' });
            return;
        }
        this.post({ type: 'comparison', comparison: compareRuns(runs) });
    }

    private followLoss(folder: string): void {
        const path = join(folder, 'metrics.jsonl');
        this.loss?.dispose();
        this.loss = undefined;
        if (!existsSync(path)) {
            this.post({ type: 'error', area: 'loss', message: `${folder} is not a fine-tuning run: it has no metrics.jsonl` });
            return;
        }
        this.loss = new FileFollower(path, () => {
            try {
                this.post({ type: 'loss', folder, curve: lossCurve(readFileSync(path, 'utf8'), path) });
            } catch (error) {
                this.post({ type: 'error', area: 'loss', message: `${path}: ${(error as Error).message}` });
            }
        });
    }

    private stopFollowing(): void {
        this.progress?.dispose();
        this.loss?.dispose();
        this.progress = this.loss = undefined;
    }

    dispose(): void {
        this.stopFollowing();
    }
}

/** The view, `ARC DSL: Show Evaluation` and `ARC DSL: Open Evaluation Run…`. */
export function registerEvaluateView(context: vscode.ExtensionContext): void {
    const provider = new EvaluateView(context.extensionUri);
    context.subscriptions.push(
        provider,
        vscode.window.registerWebviewViewProvider(VIEW_ID, provider, { webviewOptions: { retainContextWhenHidden: true } }),
        vscode.commands.registerCommand('arcdsl.showEvaluation', () => vscode.commands.executeCommand(`${VIEW_ID}.focus`)),
        vscode.commands.registerCommand('arcdsl.openEvaluationRun', async (uri?: vscode.Uri | string) => {
            let folder = typeof uri === 'string' ? uri : uri?.fsPath;
            if (!folder) {
                const picked = await vscode.window.showOpenDialog({
                    title: 'An evaluation run folder (summary.json)',
                    canSelectFolders: true,
                    canSelectFiles: false,
                });
                folder = picked?.[0]?.fsPath;
            }
            if (folder) await provider.showRun(folder);
        }),
    );
}
