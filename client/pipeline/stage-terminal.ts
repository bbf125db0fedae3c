import * as vscode from 'vscode';
import type { ProcessSpec } from './arcdsl-process.js';
import type { NodePty } from './pty-loader.js';
import { lastMessage, StageProcess } from './stage-process.js';

export interface StageOutcome {
    exitCode: number;
    /** The user pressed Ctrl+C or closed the terminal. */
    cancelled: boolean;
    /** The last message of a failed run (the CLI's one-line error), for the notification. */
    message?: string;
}

const TAIL = 8000;

/**
 * A terminal showing one stage: the process runs in a pty (or on pipes), keystrokes go to it (so
 * Ctrl+C interrupts it the usual way), closing the terminal stops its whole process tree. After the
 * exit line, any key closes the terminal.
 */
export class StageTerminal implements vscode.Pseudoterminal {
    private readonly writer = new vscode.EventEmitter<string>();
    private readonly closer = new vscode.EventEmitter<number | undefined>();
    readonly onDidWrite = this.writer.event;
    readonly onDidClose = this.closer.event;
    readonly done: Promise<StageOutcome>;
    private settle!: (outcome: StageOutcome) => void;
    private process: StageProcess | undefined;
    private finished: StageOutcome | undefined;
    private cancelled = false;
    private closed = false;
    private tail = '';

    constructor(
        private readonly spec: ProcessSpec,
        private readonly commandLine: string,
        private readonly pty: NodePty | undefined,
    ) {
        this.done = new Promise((resolve) => {
            this.settle = resolve;
        });
    }

    open(dimensions: vscode.TerminalDimensions | undefined): void {
        this.write(`\x1b[2m$ ${this.commandLine}\x1b[0m\r\n`);
        this.process = new StageProcess(this.spec, {
            pty: this.pty,
            columns: dimensions?.columns,
            rows: dimensions?.rows,
            onData: (text) => this.write(text),
            onExit: (code) => this.finish(code),
        });
    }

    setDimensions(dimensions: vscode.TerminalDimensions): void {
        this.process?.resize(dimensions.columns, dimensions.rows);
    }

    handleInput(data: string): void {
        if (this.finished) {
            this.closer.fire(this.finished.exitCode);
            return;
        }
        if (data.includes('\x03')) this.cancelled = true;
        this.process?.write(data);
    }

    close(): void {
        this.closed = true;
        if (!this.finished) {
            this.cancelled = true;
            if (this.process) this.process.terminate();
            else this.finish(130);
        }
    }

    private write(text: string): void {
        this.tail = (this.tail + text).slice(-TAIL);
        if (!this.closed) this.writer.fire(text);
    }

    private finish(exitCode: number): void {
        const cancelled = this.cancelled && exitCode !== 0;
        const outcome: StageOutcome = { exitCode, cancelled, message: exitCode === 0 ? undefined : lastMessage(this.tail) };
        const status =
            exitCode === 0 ? '\x1b[32mdone\x1b[0m' : cancelled ? '\x1b[33mcancelled\x1b[0m' : `\x1b[31mexit code ${exitCode}\x1b[0m`;
        this.write(`\r\n[${status}] Press any key to close this terminal.\r\n`);
        this.finished = outcome;
        this.settle(outcome);
    }
}
