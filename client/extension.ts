import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { registerDatasetExplorer } from './dataset-explorer/explorer-panel.js';
import { registerEvaluateView } from './evaluate/evaluate-view.js';
import { registerPipeline } from './pipeline/commands.js';
import { GridPreview } from './preview-panel.js';
import { runProgram } from './run-program.js';
import { registerSolveWithModel } from './solve/register-solve.js';
import { VerificationStatus } from './status-bar.js';

let client: LanguageClient | undefined;

/** A thin client: the language server (dist/server.cjs over IPC) does the work; this adds commands, a status item and the preview. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
    const module = context.asAbsolutePath('dist/server.cjs');
    const serverOptions: ServerOptions = {
        run: { module, transport: TransportKind.ipc },
        debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    const clientOptions: LanguageClientOptions = {
        documentSelector: [
            { scheme: 'file', language: 'arcdsl' },
            { scheme: 'untitled', language: 'arcdsl' },
        ],
    };
    client = new LanguageClient('arcdsl', 'ARC DSL Language Server', serverOptions, clientOptions);

    const preview = new GridPreview(context.extensionUri, client);
    const status = new VerificationStatus(client);
    context.subscriptions.push(
        preview,
        status,
        vscode.commands.registerCommand('arcdsl.openPreview', (uri?: string | vscode.Uri) => preview.open(toUri(uri))),
        vscode.commands.registerCommand('arcdsl.runProgram', (uri?: vscode.Uri) => runProgram(context, toUri(uri))),
    );
    registerEvaluateView(context);
    registerPipeline(context);
    registerDatasetExplorer(context);
    registerSolveWithModel(context);
    await client.start();
}

export function deactivate(): Thenable<void> | undefined {
    return client?.stop();
}

/** Commands get a Uri from menus, a string from code lenses, nothing from the palette. */
function toUri(uri: string | vscode.Uri | undefined): vscode.Uri | undefined {
    return typeof uri === 'string' ? vscode.Uri.parse(uri) : uri;
}
