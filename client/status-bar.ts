import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { STATUS_NOTIFICATION, type StatusParams, type TaskStatus } from '../server/preview-protocol.js';

const ICONS: Record<TaskStatus, string> = { pass: '$(pass)', fail: '$(error)', invalid: '$(warning)', 'no-task': '$(circle-outline)' };

/** A status bar item with the verification state of the active .arcdsl document (from the server's notifications). */
export class VerificationStatus implements vscode.Disposable {
    private readonly item = vscode.window.createStatusBarItem('arcdsl.verification', vscode.StatusBarAlignment.Left, 100);
    private readonly latest = new Map<string, StatusParams>();
    private readonly disposables: vscode.Disposable[] = [];

    constructor(client: LanguageClient) {
        this.item.name = 'ARC DSL Verification';
        this.item.command = 'arcdsl.openPreview';
        this.disposables.push(
            this.item,
            client.onNotification(STATUS_NOTIFICATION, (params: StatusParams) => {
                this.latest.set(params.uri, params);
                this.update();
            }),
            vscode.window.onDidChangeActiveTextEditor(() => this.update()),
            vscode.workspace.onDidCloseTextDocument((document) => this.latest.delete(document.uri.toString())),
        );
        this.update();
    }

    private update(): void {
        const document = vscode.window.activeTextEditor?.document;
        if (document?.languageId !== 'arcdsl') {
            this.item.hide();
            return;
        }
        const status = this.latest.get(document.uri.toString());
        this.item.text = status ? `${ICONS[status.status]} ${status.summary}` : '$(sync~spin) verifying';
        this.item.tooltip = status ? `ARC DSL: ${status.summary} — open the Grid Preview` : 'ARC DSL: verifying the program on the task';
        this.item.backgroundColor = status?.status === 'fail' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
        this.item.show();
    }

    dispose(): void {
        for (const disposable of this.disposables) disposable.dispose();
    }
}
