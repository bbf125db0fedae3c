import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { StageResult } from './run-stage.js';

/** What "Open result" does for each stage. */
export type ResultKind = 'generate' | 'dataset' | 'finetune' | 'evaluate';

/**
 * Tells the user how a stage ended, without waiting for them: success offers "Open result", failure
 * shows the run's last message and offers the terminal, a cancel only says so.
 */
export function announce(title: string, kind: ResultKind, result: StageResult, out: string, shownOut: string): void {
    if (result.exitCode === 0) {
        void vscode.window.showInformationMessage(`ARC DSL: ${title} finished: ${shownOut}`, 'Open result').then((choice) => {
            if (choice) void openResult(kind, out);
        });
    } else if (result.cancelled) {
        const note = kind === 'evaluate' ? ' Run it again with the same output folder to resume.' : '';
        void vscode.window.showInformationMessage(`ARC DSL: ${title} cancelled.${note}`);
    } else {
        const message = result.message ? `: ${result.message.replace(/^arcdsl: /, '')}` : '';
        void vscode.window
            .showErrorMessage(`ARC DSL: ${title} failed (exit code ${result.exitCode})${message}`, 'Show terminal')
            .then((choice) => {
                if (choice) result.terminal.show();
            });
    }
}

export async function openResult(kind: ResultKind, out: string): Promise<void> {
    const file = (name: string) => vscode.Uri.file(join(out, name));
    switch (kind) {
        case 'generate':
            return reveal(out);
        case 'dataset':
            if (existsSync(join(out, 'README.md'))) await vscode.commands.executeCommand('markdown.showPreview', file('README.md'));
            else await reveal(out);
            return;
        case 'finetune':
            if (existsSync(join(out, 'metrics.jsonl'))) await vscode.window.showTextDocument(file('metrics.jsonl'));
            else await reveal(out);
            return;
        case 'evaluate': {
            const report = join(out, 'report.html');
            // A file: URI only means this machine when VS Code runs here (not in a browser or remote window).
            const local = vscode.env.remoteName === undefined && vscode.env.uiKind === vscode.UIKind.Desktop;
            if (local && existsSync(report) && (await vscode.env.openExternal(vscode.Uri.file(report)))) return;
            return reveal(existsSync(report) ? report : out);
        }
    }
}

async function reveal(path: string): Promise<void> {
    await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(path));
}
