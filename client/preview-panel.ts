import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { PREVIEW_REQUEST, type PreviewResult, STATUS_NOTIFICATION, type StatusParams } from '../server/preview-protocol.js';
import { webviewHtml, webviewRoots } from './webview/webview-html.js';

/** Re-request this long after the last keystroke (the server's status notification usually comes first). */
const DEBOUNCE_MS = 40;

/** Messages from the webview (client/preview/preview.js). */
type WebviewMessage = { type: 'ready' } | { type: 'reveal'; line: number };

/**
 * The Grid Preview: a webview beside the editor (like the Markdown preview) that follows the active
 * .arcdsl editor and shows every pair as input / expected / actual, plus the `let` grids. The data
 * comes from the server's `arcdsl/preview` request; the drawing is client/preview/preview.js.
 */
export class GridPreview implements vscode.Disposable {
    private panel: vscode.WebviewPanel | undefined;
    private document: vscode.Uri | undefined;
    private latest: PreviewResult | undefined;
    private timer: NodeJS.Timeout | undefined;
    private inFlight = false;
    private again = false;
    private readonly disposables: vscode.Disposable[] = [];

    constructor(
        private readonly extensionUri: vscode.Uri,
        private readonly client: LanguageClient,
    ) {
        this.disposables.push(
            vscode.window.onDidChangeActiveTextEditor((editor) => {
                if (this.panel && editor?.document.languageId === 'arcdsl') this.follow(editor.document.uri);
            }),
            vscode.workspace.onDidChangeTextDocument((event) => {
                if (this.panel && event.document.uri.toString() === this.document?.toString()) this.schedule();
            }),
            client.onNotification(STATUS_NOTIFICATION, (params: StatusParams) => {
                if (this.panel && params.uri === this.document?.toString()) this.schedule(0);
            }),
        );
    }

    open(uri?: vscode.Uri): void {
        const target = uri ?? this.activeArcDslDocument();
        if (!target) {
            void vscode.window.showInformationMessage('ARC DSL: open an .arcdsl file to preview its grids.');
            return;
        }
        if (this.panel) {
            this.panel.reveal(undefined, true);
        } else {
            this.panel = this.createPanel();
        }
        this.follow(target);
    }

    private activeArcDslDocument(): vscode.Uri | undefined {
        const document = vscode.window.activeTextEditor?.document;
        return document?.languageId === 'arcdsl' ? document.uri : undefined;
    }

    private createPanel(): vscode.WebviewPanel {
        const panel = vscode.window.createWebviewPanel(
            'arcdsl.preview',
            'Grid Preview',
            { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
            { enableScripts: true, localResourceRoots: webviewRoots(this.extensionUri) },
        );
        panel.webview.html = webviewHtml(panel.webview, this.extensionUri, {
            title: 'Grid Preview',
            scripts: ['preview/preview.js'],
            styles: ['preview/preview.css'],
            body: '<main id="preview" aria-busy="true" aria-label="Grid Preview"><p class="empty">Verifying…</p></main>',
        });
        panel.webview.onDidReceiveMessage((message: WebviewMessage) => this.onMessage(message), undefined, this.disposables);
        panel.onDidDispose(() => {
            this.panel = undefined;
            this.latest = undefined;
        });
        return panel;
    }

    private follow(uri: vscode.Uri): void {
        this.document = uri;
        if (this.panel) this.panel.title = `Grid Preview: ${uri.path.split('/').at(-1)}`;
        this.schedule(0);
    }

    private schedule(delay = DEBOUNCE_MS): void {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.refresh(), delay);
    }

    /** One request at a time; a change during a request asks again when it returns. */
    private async refresh(): Promise<void> {
        if (!this.panel || !this.document) return;
        if (this.inFlight) {
            this.again = true;
            return;
        }
        this.inFlight = true;
        const uri = this.document.toString();
        try {
            const result = await this.client.sendRequest<PreviewResult | null>(PREVIEW_REQUEST, { uri });
            if (result && result.uri === this.document?.toString()) {
                this.latest = result;
                void this.panel?.webview.postMessage({ type: 'preview', data: result });
            }
        } catch {
            // The document changed or closed under the request; the next change or notification asks again.
        } finally {
            this.inFlight = false;
            if (this.again) {
                this.again = false;
                this.schedule(0);
            }
        }
    }

    private onMessage(message: WebviewMessage): void {
        if (message.type === 'ready') {
            if (this.latest) void this.panel?.webview.postMessage({ type: 'preview', data: this.latest });
            else this.schedule(0);
        } else if (message.type === 'reveal' && this.document) {
            const position = new vscode.Position(message.line, 0);
            void vscode.window.showTextDocument(this.document, {
                viewColumn: vscode.ViewColumn.One,
                selection: new vscode.Range(position, position),
            });
        }
    }

    dispose(): void {
        clearTimeout(this.timer);
        this.panel?.dispose();
        for (const disposable of this.disposables) disposable.dispose();
    }
}
