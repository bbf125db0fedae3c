import { createRequire } from 'node:module';
import { join } from 'node:path';

/** The part of node-pty's API a stage uses. */
export interface PtyProcess {
    readonly pid: number;
    onData(listener: (data: string) => void): { dispose(): void };
    onExit(listener: (event: { exitCode: number; signal?: number }) => void): { dispose(): void };
    write(data: string): void;
    resize(columns: number, rows: number): void;
    kill(signal?: string): void;
}

export interface NodePty {
    spawn(
        file: string,
        args: string[],
        options: { name?: string; cols?: number; rows?: number; cwd?: string; env?: Record<string, string> },
    ): PtyProcess;
}

export interface LoadedPty {
    pty: NodePty;
    /** Where it was loaded from (for the log). */
    from: string;
}

/**
 * node-pty from the first place it loads: the extension's own node_modules (a development checkout;
 * the .vsix carries no node_modules), then VS Code's copy in `appRoot` (VS Code and code-server ship
 * one for their integrated terminal). Undefined when none loads: the stage then runs on pipes.
 */
export function loadNodePty(appRoot?: string): LoadedPty | undefined {
    const candidates = ['node-pty'];
    if (appRoot) candidates.push(join(appRoot, 'node_modules', 'node-pty'), join(appRoot, 'node_modules.asar.unpacked', 'node-pty'));
    const load = createRequire(import.meta.url);
    for (const from of candidates) {
        try {
            const pty = load(from) as NodePty;
            if (typeof pty.spawn === 'function') return { pty, from };
        } catch {
            // not installed there, or built for another ABI: try the next place
        }
    }
    return undefined;
}
