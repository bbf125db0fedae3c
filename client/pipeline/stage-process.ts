import { type ChildProcess, spawn } from 'node:child_process';
import { constants } from 'node:os';
import type { ProcessSpec } from './arcdsl-process.js';
import type { NodePty, PtyProcess } from './pty-loader.js';

export interface StageProcessOptions {
    /** node-pty, when it loaded; otherwise (or if it fails to start) the process runs on pipes. */
    pty?: NodePty;
    columns?: number;
    rows?: number;
    /** Terminal text: with pipes, newlines become \r\n so lines start at the left edge. */
    onData(text: string): void;
    /** Exit code; 128 + N when a signal N ended it. Called once. */
    onExit(exitCode: number): void;
}

/**
 * One stage's process, in a pseudo-terminal (node-pty: a real TTY, so progress bars redraw in place
 * and Ctrl+C is the terminal's own interrupt) or, as a fallback, on pipes. Either way it leads its own
 * process group, so `terminate` stops everything it started (the Python trainer, sandbox workers).
 */
export class StageProcess {
    readonly mode: 'pty' | 'pipes';
    private readonly term: PtyProcess | undefined;
    private readonly child: ChildProcess | undefined;
    private exited = false;
    private killTimer: NodeJS.Timeout | undefined;

    constructor(
        spec: ProcessSpec,
        private readonly options: StageProcessOptions,
    ) {
        let term: PtyProcess | undefined;
        if (options.pty) {
            try {
                term = options.pty.spawn(spec.file, spec.args, {
                    name: 'xterm-256color',
                    cols: options.columns ?? 100,
                    rows: options.rows ?? 30,
                    cwd: spec.cwd,
                    env: spec.env,
                });
            } catch (error) {
                options.onData(`\x1b[2m[node-pty could not start the process (${(error as Error).message}); using pipes]\x1b[0m\r\n`);
            }
        }
        if (term) {
            this.mode = 'pty';
            this.term = term;
            term.onData((data) => options.onData(data));
            term.onExit(({ exitCode, signal }) => this.exit(signal ? 128 + signal : exitCode));
        } else {
            this.mode = 'pipes';
            const child = spawn(spec.file, spec.args, {
                cwd: spec.cwd,
                env: { FORCE_COLOR: '1', ...spec.env },
                detached: true,
                stdio: ['pipe', 'pipe', 'pipe'],
            });
            this.child = child;
            const forward = (chunk: Buffer) => options.onData(chunk.toString('utf8').replace(/\r?\n/g, '\r\n'));
            child.stdout?.on('data', forward);
            child.stderr?.on('data', forward);
            child.stdin?.on('error', () => {});
            child.on('error', (error) => {
                options.onData(`could not start ${spec.file}: ${error.message}\r\n`);
                this.exit(127);
            });
            child.on('close', (code, signal) => this.exit(code ?? 128 + signalNumber(signal)));
        }
    }

    get pid(): number | undefined {
        return this.term?.pid ?? this.child?.pid;
    }

    get running(): boolean {
        return !this.exited;
    }

    /** Keystrokes from the terminal. With pipes, Ctrl+C is turned into SIGINT for the process group. */
    write(data: string): void {
        if (this.exited) return;
        if (this.term) {
            this.term.write(data);
            return;
        }
        if (data.includes('\x03')) this.signalGroup('SIGINT');
        else this.child?.stdin?.write(data.replace(/\r/g, '\n'));
    }

    /** Ctrl+C, as the user would press it. */
    interrupt(): void {
        this.write('\x03');
    }

    resize(columns: number, rows: number): void {
        if (!this.exited && this.term) this.term.resize(columns, rows);
    }

    /** Stops the whole process tree: SIGTERM to the group, SIGKILL after `graceMs`. */
    terminate(graceMs = 3000): void {
        if (this.exited) return;
        this.signalGroup('SIGTERM');
        this.killTimer = setTimeout(() => this.signalGroup('SIGKILL'), graceMs);
        this.killTimer.unref();
    }

    private signalGroup(signal: NodeJS.Signals): void {
        const pid = this.pid;
        if (pid === undefined) return;
        try {
            process.kill(-pid, signal);
        } catch {
            try {
                process.kill(pid, signal);
            } catch {
                // already gone
            }
        }
    }

    private exit(code: number): void {
        if (this.exited) return;
        this.exited = true;
        clearTimeout(this.killTimer);
        this.options.onExit(code);
    }
}

function signalNumber(signal: NodeJS.Signals | null): number {
    return signal ? (constants.signals[signal] ?? 1) : 1;
}

const ANSI_ESCAPE = new RegExp(`${String.fromCharCode(27)}\\[[0-9;?]*[A-Za-z]`, 'g');

/**
 * The message a failed run ended with — the CLI's last `arcdsl: …` line (a one-line user error), else
 * the last non-empty line — with colours and cursor codes removed, for the failure notification.
 */
export function lastMessage(output: string): string | undefined {
    const lines = output
        .replace(ANSI_ESCAPE, '')
        .split(/\r\n|\r|\n/)
        .map((line) => line.trim())
        .filter(Boolean);
    return lines.findLast((line) => line.startsWith('arcdsl: ') && !line.startsWith('arcdsl: using ')) ?? lines.at(-1);
}
