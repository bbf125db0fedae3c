import { isAbsolute, join } from 'node:path';
import * as vscode from 'vscode';
import { type Candidate, runSolve } from './solve-process.js';

const CHOOSE_MODEL = 'Choose Model Folder…';
const OPEN_SETTINGS = 'Open Settings';

/**
 * "ARC DSL: Solve with Model": samples programs for the document's task from an exported model
 * (`arcdsl solve`), lets the user pick one of them, ranked by the train pairs they reproduce, and
 * replaces the program after the task block with it; the Grid Preview then shows it on every pair.
 */
export async function solveWithModel(context: vscode.ExtensionContext, uri?: vscode.Uri): Promise<void> {
    const document = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
    if (document?.languageId !== 'arcdsl') {
        void vscode.window.showWarningMessage('ARC DSL: open an .arcdsl file with a task block to solve it with a model.');
        return;
    }
    if (document.isUntitled || document.uri.scheme !== 'file') {
        void vscode.window.showWarningMessage('ARC DSL: save the file first; the task is read from disk.');
        return;
    }
    if (document.isDirty && !(await document.save())) return;
    const model = await modelFolder(document.uri);
    if (model) await solveDocument(context, document, model);
}

async function solveDocument(context: vscode.ExtensionContext, document: vscode.TextDocument, model: string): Promise<void> {
    const config = vscode.workspace.getConfiguration('arcdsl', document.uri);
    const samples = Math.max(1, Math.floor(config.get<number>('solve.samples') ?? 16));

    const outcome = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'ARC DSL: Solving with the model', cancellable: true },
        (progress, token) => {
            progress.report({ message: `sampling ${samples} programs…` });
            let reported = 0;
            return runSolve(
                {
                    extensionPath: context.extensionPath,
                    cliPath: vscode.workspace.getConfiguration('arcdsl').get<string>('cliPath')?.trim() || undefined,
                    file: document.uri.fsPath,
                    model,
                    samples,
                    cwd: vscode.workspace.getWorkspaceFolder(document.uri)?.uri.fsPath,
                    onSampled: (sampled, total) => {
                        progress.report({
                            message: `sampled ${sampled}/${total} programs…`,
                            increment: (100 * (sampled - reported)) / total,
                        });
                        reported = sampled;
                    },
                },
                token,
            );
        },
    );
    if (outcome.kind === 'cancelled') return;
    if (outcome.kind === 'refused') {
        const retryWith = await showRefusal(outcome.message);
        if (retryWith) await solveDocument(context, document, retryWith);
        return;
    }
    const chosen = await pickCandidate(outcome.candidates);
    if (chosen) await applyProgram(document, chosen);
}

/** The `arcdsl.solve.model` folder (relative to the workspace folder), or one the user chooses now. */
async function modelFolder(uri: vscode.Uri): Promise<string | undefined> {
    const configured = vscode.workspace.getConfiguration('arcdsl', uri).get<string>('solve.model')?.trim();
    const base = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath;
    if (configured) return isAbsolute(configured) || !base ? configured : join(base, configured);
    return chooseModelFolder();
}

async function chooseModelFolder(): Promise<string | undefined> {
    const picked = await vscode.window.showOpenDialog({
        canSelectFolders: true,
        canSelectFiles: false,
        canSelectMany: false,
        title: 'Choose an exported model folder (written by arcdsl export-onnx)',
        openLabel: 'Use this model',
    });
    const folder = picked?.[0]?.fsPath;
    if (folder) {
        void vscode.window.showInformationMessage(`Use ${folder} for Solve with Model from now on?`, 'Save in Settings').then((answer) => {
            if (answer) void vscode.workspace.getConfiguration('arcdsl').update('solve.model', folder, vscode.ConfigurationTarget.Global);
        });
    }
    return folder;
}

/** The CLI's own one-line message, with the actions that fix a model problem; a model folder chosen now is returned. */
async function showRefusal(message: string): Promise<string | undefined> {
    const actions = message.includes('--model') ? [CHOOSE_MODEL, OPEN_SETTINGS] : [];
    const answer = await vscode.window.showErrorMessage(`ARC DSL: Solve with Model: ${message}`, ...actions);
    if (answer === OPEN_SETTINGS) await vscode.commands.executeCommand('workbench.action.openSettings', 'arcdsl.solve.model');
    return answer === CHOOSE_MODEL ? chooseModelFolder() : undefined;
}

interface CandidateItem extends vscode.QuickPickItem {
    candidate: Candidate;
}

/** A quick pick of the valid programs, best first; the title says how the sampling went. */
async function pickCandidate(candidates: readonly Candidate[]): Promise<Candidate | undefined> {
    const sampled = candidates.reduce((sum, c) => sum + c.count, 0);
    const valid = candidates.filter((c) => c.status !== 'parse' && c.status !== 'type');
    const consistent = valid.filter((c) => c.trainPassed === c.trainTotal);
    const total = candidates[0]?.trainTotal ?? 0;
    const best = Math.max(0, ...valid.map((c) => c.trainPassed));
    const summary =
        consistent.length > 0
            ? `${consistent.length} of ${candidates.length} distinct programs reproduce every train pair (${sampled} sampled)`
            : `No candidate reproduces the train pairs; ${sampled} sampled, best ${best}/${total}`;
    if (valid.length === 0) {
        void vscode.window.showWarningMessage(`ARC DSL: ${summary}; none of them is a valid program.`);
        return undefined;
    }
    const items: CandidateItem[] = valid.map((candidate) => ({
        label: candidate.text.split('\n').join('  ⏎  '),
        description: describe(candidate),
        candidate,
    }));
    const picked = await vscode.window.showQuickPick(items, {
        title: `Solve with Model: ${summary}`,
        placeHolder: 'Pick a program to replace the one after the task block',
        matchOnDescription: true,
    });
    return picked?.candidate;
}

/** `3/3 train pairs · test ✓ · ×5`. */
export function describe(candidate: Candidate): string {
    const parts = [`${candidate.trainPassed}/${candidate.trainTotal} train pairs`];
    if (candidate.testPassed !== null) parts.push(`test ${candidate.testPassed === candidate.testTotal ? '✓' : '✗'}`);
    parts.push(`×${candidate.count}`);
    if (candidate.status !== 'ok') parts.push(`${candidate.status}${candidate.message ? `: ${candidate.message}` : ''}`);
    return parts.join(' · ');
}

/** Replaces everything after the task block (its range comes from the language server's outline). */
async function applyProgram(document: vscode.TextDocument, candidate: Candidate): Promise<void> {
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>(
        'vscode.executeDocumentSymbolProvider',
        document.uri,
    );
    const task = symbols?.find((s) => s.kind === vscode.SymbolKind.Module);
    if (!task) {
        void vscode.window.showErrorMessage('ARC DSL: Solve with Model: the document has no task block any more; nothing was changed.');
        return;
    }
    const end = document.lineAt(document.lineCount - 1).range.end;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(task.range.end, end), `\n\n${candidate.text}\n`);
    if (!(await vscode.workspace.applyEdit(edit))) return;
    await vscode.commands.executeCommand('arcdsl.openPreview', document.uri);
    vscode.window.setStatusBarMessage(`Solve with Model: program applied (${describe(candidate)}); undo with Ctrl+Z`, 8000);
}
