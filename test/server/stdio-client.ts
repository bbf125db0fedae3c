import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
    createProtocolConnection,
    DidChangeTextDocumentNotification,
    DidOpenTextDocumentNotification,
    ExitNotification,
    InitializedNotification,
    InitializeRequest,
    type ProtocolConnection,
    PublishDiagnosticsNotification,
    type PublishDiagnosticsParams,
    ShutdownRequest,
    StreamMessageReader,
    StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { STATUS_NOTIFICATION, type StatusParams } from '../../server/preview-protocol.js';

export const SERVER_BUNDLE = fileURLToPath(new URL('../../dist/server.cjs', import.meta.url));

/**
 * The bundled language server in a child process (`node dist/server.cjs --stdio`), driven the way an
 * editor drives it. Remembers the latest diagnostics and status per document, and lets a caller wait
 * for the next ones.
 */
export class StdioClient {
    readonly connection: ProtocolConnection;
    private readonly child: ChildProcess;
    private readonly waiters: { matches: () => boolean; resolve: () => void }[] = [];
    readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
    readonly statuses = new Map<string, StatusParams>();
    readonly stderr: string[] = [];
    private versions = new Map<string, number>();

    constructor() {
        if (!existsSync(SERVER_BUNDLE)) throw new Error(`${SERVER_BUNDLE} is missing: run 'npm run build' first`);
        this.child = spawn(process.execPath, [SERVER_BUNDLE, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
        this.child.stderr?.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
        this.connection = createProtocolConnection(
            new StreamMessageReader(this.child.stdout as NodeJS.ReadableStream),
            new StreamMessageWriter(this.child.stdin as NodeJS.WritableStream),
        );
        this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
            this.diagnostics.set(params.uri, params);
            this.wake();
        });
        this.connection.onNotification(STATUS_NOTIFICATION, (params: StatusParams) => {
            this.statuses.set(params.uri, params);
            this.wake();
        });
        this.connection.listen();
    }

    async initialize(): Promise<void> {
        await this.connection.sendRequest(InitializeRequest.type, {
            processId: process.pid,
            rootUri: null,
            workspaceFolders: null,
            capabilities: {
                textDocument: {
                    hover: { contentFormat: ['markdown', 'plaintext'] },
                    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
                    publishDiagnostics: { relatedInformation: true },
                    signatureHelp: { signatureInformation: { parameterInformation: { labelOffsetSupport: true } } },
                },
            },
        });
        await this.connection.sendNotification(InitializedNotification.type, {});
    }

    async open(uri: string, text: string): Promise<void> {
        this.versions.set(uri, 1);
        await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
            textDocument: { uri, languageId: 'arcdsl', version: 1, text },
        });
    }

    /** Replaces the whole text (a full-content change); returns the new version. */
    async change(uri: string, text: string): Promise<number> {
        const version = (this.versions.get(uri) ?? 1) + 1;
        this.versions.set(uri, version);
        await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
            textDocument: { uri, version },
            contentChanges: [{ text }],
        });
        return version;
    }

    /** Resolves when `matches` holds after a diagnostics or status notification (or already holds). */
    until(matches: () => boolean, timeoutMs = 10_000): Promise<void> {
        if (matches()) return Promise.resolve();
        return new Promise((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`timed out; server stderr: ${this.stderr.join('')}`)), timeoutMs);
            this.waiters.push({
                matches,
                resolve: () => {
                    clearTimeout(timer);
                    resolve();
                },
            });
        });
    }

    /** The diagnostics published for a document version (Langium sends each validated version's). */
    diagnosticsOf(uri: string, version: number): PublishDiagnosticsParams | undefined {
        const params = this.diagnostics.get(uri);
        const status = this.statuses.get(uri);
        return params && status && status.version >= version ? params : undefined;
    }

    /** Shuts down and waits for the process to exit; resolves to its exit code. */
    async shutdown(): Promise<number | null> {
        const exited = new Promise<number | null>((resolve) => this.child.once('exit', (code) => resolve(code)));
        await this.connection.sendRequest(ShutdownRequest.type);
        await this.connection.sendNotification(ExitNotification.type);
        const code = await exited;
        this.connection.dispose();
        return code;
    }

    kill(): void {
        this.child.kill();
    }

    private wake(): void {
        for (const waiter of [...this.waiters]) {
            if (waiter.matches()) {
                this.waiters.splice(this.waiters.indexOf(waiter), 1);
                waiter.resolve();
            }
        }
    }
}
