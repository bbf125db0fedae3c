import { type ChildProcess, spawn } from 'node:child_process';
import * as vscode from 'vscode';

/**
 * "ARC DSL: Run Program": saves the document and runs `arcdsl run FILE` (the bundled CLI,
 * dist/cli.cjs) in a terminal, so the editor runs exactly what the command line runs.
 */
export async function runProgram(context: vscode.ExtensionContext, uri?: vscode.Uri): Promise<void> {
    const document = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
    if (document?.languageId !== 'arcdsl') {
        void vscode.window.showWarningMessage('ARC DSL: open an .arcdsl file to run its program.');
        return;
    }
    if (document.isUntitled || document.uri.scheme !== 'file') {
        void vscode.window.showWarningMessage('ARC DSL: save the file first; the program runs from disk.');
        return;
    }
    if (document.isDirty && !(await document.save())) return;
    const cli = context.asAbsolutePath('dist/cli.cjs');
    const cwd = vscode.workspace.getWorkspaceFolder(document.uri)?.uri.fsPath;
    const terminal = vscode.window.createTerminal({
        name: `ARC DSL: ${vscode.workspace.asRelativePath(document.uri)}`,
        pty: new CliRun(cli, ['run', document.uri.fsPath], cwd),
    });
    terminal.show(true);
}

/**
 * One CLI run in a terminal: the output (in colour), then the exit code; the terminal stays open
 * until a key is pressed. The CLI runs on the extension host's own Node (VS Code's Electron in Node
 * mode), so no `node` on PATH is needed and nothing goes through a shell.
 */
class CliRun implements vscode.Pseudoterminal {
    private readonly writer = new vscode.EventEmitter<string>();
    private readonly closer = new vscode.EventEmitter<number>();
    readonly onDidWrite = this.writer.event;
    readonly onDidClose = this.closer.event;
    private child: ChildProcess | undefined;
    private done = false;
    private exitCode = 0;

    constructor(
        private readonly cli: string,
        private readonly args: string[],
        private readonly cwd: string | undefined,
    ) {}

    open(): void {
        this.writer.fire(`\x1b[2m$ arcdsl ${this.args.join(' ')}\x1b[0m\r\n`);
        const child = spawn(process.execPath, [this.cli, ...this.args], {
            cwd: this.cwd,
            env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', FORCE_COLOR: '1' },
        });
        this.child = child;
        const forward = (chunk: Buffer) => this.writer.fire(chunk.toString('utf8').replace(/\r?\n/g, '\r\n'));
        child.stdout?.on('data', forward);
        child.stderr?.on('data', forward);
        child.on('error', (error) => this.finish(`could not start the CLI: ${error.message}`, 1));
        child.on('close', (code) => this.finish(`exit code ${code ?? 'none'}`, code ?? 1));
    }

    private finish(line: string, exitCode: number): void {
        if (this.done) return;
        this.done = true;
        this.exitCode = exitCode;
        this.writer.fire(`\r\n\x1b[2m[${line}] Press any key to close.\x1b[0m\r\n`);
    }

    handleInput(data: string): void {
        if (this.done) this.closer.fire(this.exitCode);
        else if (data === '\x03') this.child?.kill();
    }

    close(): void {
        if (!this.done) this.child?.kill();
        this.writer.dispose();
        this.closer.dispose();
    }
}
