import * as vscode from 'vscode';
import { FAMILIES } from '../../language/colors.js';
import { taskDocumentText } from '../../language/task-document.js';
import { webviewHtml, webviewRoots } from '../webview/webview-html.js';
import { DatasetSource, type ExplorerRecord, type RecordFilter } from './dataset-source.js';

const PAGE_SIZE = 25;

/**
 * The context key listing the paths of the workspace folders that hold a dataset_dict.json: the
 * Explorer menu shows the command on them. Paths, not URIs: in a remote window (code-server) the
 * workbench's `resource` is a vscode-remote: URI while the extension host sees file: URIs.
 */
const DATASET_FOLDERS_KEY = 'arcdsl.datasetFolders';

/** Messages from the webview (client/dataset-explorer/media/explorer.js). */
type WebviewMessage =
    | { type: 'ready' }
    | { type: 'query'; request: number; filter: RecordFilter; offset: number }
    | { type: 'openTask'; location: string };

/** "ARC DSL: Open Dataset Explorer": the command, the Explorer menu's context key, one panel per dataset. */
export function registerDatasetExplorer(context: vscode.ExtensionContext): void {
    const panels = new Map<string, DatasetExplorerPanel>();
    const open = async (uri?: vscode.Uri) => {
        const target = uri ?? (await pickDataset());
        if (!target) return;
        const key = target.toString();
        const existing = panels.get(key);
        if (existing) {
            existing.reveal();
            return;
        }
        const panel = new DatasetExplorerPanel(context.extensionUri, target);
        panels.set(key, panel);
        panel.onDidDispose(() => panels.delete(key));
    };
    const watcher = vscode.workspace.createFileSystemWatcher('**/dataset_dict.json');
    const refresh = () => void updateDatasetFolders();
    context.subscriptions.push(
        vscode.commands.registerCommand('arcdsl.openDatasetExplorer', (uri?: vscode.Uri) => open(uri)),
        watcher,
        watcher.onDidCreate(refresh),
        watcher.onDidDelete(refresh),
        {
            dispose: () => {
                for (const panel of panels.values()) panel.dispose();
            },
        },
    );
    refresh();
}

async function updateDatasetFolders(): Promise<void> {
    const files = await vscode.workspace.findFiles('**/dataset_dict.json', '**/node_modules/**', 1000);
    // `resourcePath` is the fsPath of a local file and the path of any other URI.
    const folders = files.map((file) => vscode.Uri.joinPath(file, '..')).flatMap((folder) => [folder.path, folder.fsPath]);
    await vscode.commands.executeCommand('setContext', DATASET_FOLDERS_KEY, folders);
}

async function pickDataset(): Promise<vscode.Uri | undefined> {
    const picked = await vscode.window.showOpenDialog({
        title: 'Open Dataset Explorer: a dataset folder (dataset_dict.json), a .jsonl file or a folder of them',
        openLabel: 'Explore',
        canSelectFiles: true,
        canSelectFolders: true,
        canSelectMany: false,
        defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    });
    return picked?.[0];
}

/**
 * A webview over one dataset. The extension host holds the DatasetSource (a stream reader) and only
 * the current page of records; the webview asks for pages and draws them (media/explorer.js).
 */
class DatasetExplorerPanel {
    private readonly panel: vscode.WebviewPanel;
    private source: Promise<DatasetSource>;
    /** The records of the page last sent, by location: what "Open as task" opens. */
    private shown = new Map<string, ExplorerRecord>();
    private running: AbortController | undefined;

    constructor(
        extensionUri: vscode.Uri,
        private readonly dataset: vscode.Uri,
    ) {
        const name = dataset.path.split('/').filter(Boolean).at(-1) ?? dataset.fsPath;
        this.panel = vscode.window.createWebviewPanel('arcdsl.datasetExplorer', `Dataset: ${name}`, vscode.ViewColumn.Active, {
            enableScripts: true,
            localResourceRoots: webviewRoots(extensionUri),
        });
        this.panel.webview.html = webviewHtml(this.panel.webview, extensionUri, {
            title: 'Dataset Explorer',
            scripts: ['dataset-explorer/media/explorer.js'],
            styles: ['dataset-explorer/media/explorer.css'],
            body: '<main id="explorer" aria-busy="true" aria-label="Dataset Explorer"><p class="empty">Reading the dataset…</p></main>',
        });
        this.source = DatasetSource.open(dataset.fsPath);
        this.source.catch(() => undefined); // reported to the webview when it is ready
        this.panel.webview.onDidReceiveMessage((message: WebviewMessage) => void this.onMessage(message));
        this.panel.onDidDispose(() => this.running?.abort());
    }

    readonly onDidDispose = (listener: () => void) => this.panel.onDidDispose(listener);

    reveal(): void {
        this.panel.reveal();
    }

    dispose(): void {
        this.panel.dispose();
    }

    private post(message: unknown): void {
        void this.panel.webview.postMessage(message);
    }

    private async onMessage(message: WebviewMessage): Promise<void> {
        if (message.type === 'ready') {
            try {
                const source = await this.source;
                this.post({ type: 'summary', summary: source.summary, pageSize: PAGE_SIZE });
            } catch (error) {
                this.post({ type: 'error', message: (error as Error).message });
            }
        } else if (message.type === 'query') {
            await this.query(message.request, message.filter, message.offset);
        } else if (message.type === 'openTask') {
            const record = this.shown.get(message.location);
            if (record) await openAsTask(record, this.dataset);
        }
    }

    /** One page scan at a time: a newer query cancels the one running. */
    private async query(request: number, filter: RecordFilter, offset: number): Promise<void> {
        this.running?.abort();
        const running = new AbortController();
        this.running = running;
        try {
            const source = await this.source;
            const page = await source.page(filter, Math.max(0, offset), PAGE_SIZE, running.signal);
            this.shown = new Map(page.records.map((record) => [record.location, record]));
            this.post({ type: 'page', request, page });
        } catch (error) {
            if (!running.signal.aborted) this.post({ type: 'pageError', request, message: (error as Error).message });
        }
    }
}

/** Opens a record as an untitled `<id>.arcdsl` document (saved beside the workspace) with the Grid Preview. */
async function openAsTask(record: ExplorerRecord, dataset: vscode.Uri): Promise<void> {
    const family = (FAMILIES as readonly string[]).includes(record.family) ? record.family : undefined;
    const text = taskDocumentText(
        { train: record.train, test: [record.test] },
        { name: record.id, family, program: record.solution, note: `${record.location} of ${dataset.fsPath}` },
    );
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.joinPath(dataset, '..');
    let document: vscode.TextDocument;
    try {
        document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, `${record.id}.arcdsl`).with({ scheme: 'untitled' }));
        // Opened before, it may hold the user's edits: only a fresh document is filled.
        if (document.getText().length === 0) {
            const edit = new vscode.WorkspaceEdit();
            edit.insert(document.uri, new vscode.Position(0, 0), text);
            await vscode.workspace.applyEdit(edit);
        }
    } catch {
        // A file of that name exists already: an untitled document without a name then.
        document = await vscode.workspace.openTextDocument({ language: 'arcdsl', content: text });
    }
    if (document.languageId !== 'arcdsl') document = await vscode.languages.setTextDocumentLanguage(document, 'arcdsl');
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside });
    await vscode.commands.executeCommand('arcdsl.openPreview', document.uri);
}
