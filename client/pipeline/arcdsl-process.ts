import { join } from 'node:path';

/** A program to start: the file, its arguments, where, with which environment. */
export interface ProcessSpec {
    file: string;
    args: string[];
    cwd?: string;
    env: Record<string, string>;
}

export interface CliLocation {
    /** The extension's folder; its dist/cli.cjs is the CLI unless `cliPath` is set. */
    extensionPath: string;
    /** The `arcdsl.cliPath` setting: a .js/.cjs bundle (run on `execPath`) or an executable such as bin/arcdsl. */
    cliPath?: string;
    /** The extension host's own Node (VS Code's Electron in Node mode), so no `node` on PATH is needed. */
    execPath: string;
}

/**
 * How to start `arcdsl ARGS`: by default the extension's own dist/cli.cjs — the bundle `bin/arcdsl`
 * runs — on the extension host's executable with ELECTRON_RUN_AS_NODE=1. The stage gets its own
 * environment: the host's, plus `env`; ARCDSL_NODE tells the Python trainer which Node runs the
 * interpreter subprocess (the same one, so it needs no `node` on PATH either).
 */
export function cliProcess(
    location: CliLocation,
    args: readonly string[],
    cwd?: string,
    env: Record<string, string | undefined> = {},
): ProcessSpec {
    const cli = location.cliPath?.trim() || join(location.extensionPath, 'dist', 'cli.cjs');
    const runsOnNode = /\.[cm]?js$/.test(cli);
    const merged: Record<string, string> = {};
    for (const [key, value] of Object.entries({ ...process.env, ELECTRON_RUN_AS_NODE: '1', ARCDSL_NODE: location.execPath, ...env })) {
        if (value !== undefined) merged[key] = value;
    }
    return runsOnNode
        ? { file: location.execPath, args: [cli, ...args], cwd, env: merged }
        : { file: cli, args: [...args], cwd, env: merged };
}

/** The command line as a person would type it, for the terminal's first line. */
export function displayCommand(args: readonly string[]): string {
    return ['arcdsl', ...args].map((a) => (/^[\w./:=,@+-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}
