import * as vscode from 'vscode';
import { cliProcess, displayCommand } from './arcdsl-process.js';
import { type LoadedPty, loadNodePty } from './pty-loader.js';
import { type StageOutcome, StageTerminal } from './stage-terminal.js';

export interface StageRequest {
    /** Shown in the terminal's name: `ARC DSL: <name>`. */
    name: string;
    /** `arcdsl` arguments, the subcommand first. */
    args: string[];
    cwd?: string;
    /** Added to the extension host's environment. */
    env?: Record<string, string>;
}

export interface StageResult extends StageOutcome {
    terminal: vscode.Terminal;
}

let pty: LoadedPty | undefined | null = null;
let log: vscode.LogOutputChannel | undefined;

/**
 * Runs `arcdsl ARGS` in a new terminal and resolves when it exits. Every pipeline feature of the
 * extension goes through here, so the editor runs exactly what the command line runs.
 */
export async function runStage(context: vscode.ExtensionContext, request: StageRequest): Promise<StageResult> {
    log ??= vscode.window.createOutputChannel('ARC DSL Pipeline', { log: true });
    if (pty === null) {
        pty = loadNodePty(vscode.env.appRoot);
        log.info(pty ? `node-pty loaded from ${pty.from}` : 'node-pty did not load; stages run on pipes (no progress bars)');
    }
    const cliPath = vscode.workspace.getConfiguration('arcdsl').get<string>('cliPath')?.trim() || undefined;
    const spec = cliProcess(
        { extensionPath: context.extensionPath, cliPath, execPath: process.execPath },
        request.args,
        request.cwd,
        request.env,
    );
    const commandLine = displayCommand(request.args);
    log.info(`run: ${commandLine} (cwd ${request.cwd ?? '-'})`);
    const stage = new StageTerminal(spec, commandLine, pty?.pty);
    const terminal = vscode.window.createTerminal({
        name: `ARC DSL: ${request.name}`,
        pty: stage,
        iconPath: new vscode.ThemeIcon('beaker'),
    });
    terminal.show();
    const outcome = await stage.done;
    log.info(`exit ${outcome.exitCode}${outcome.cancelled ? ' (cancelled)' : ''}: ${commandLine}`);
    return { ...outcome, terminal };
}
