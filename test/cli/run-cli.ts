import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after } from 'node:test';

const root = resolve(import.meta.dirname, '../..');
export const CLI = join(root, 'dist/cli.cjs');

export interface CliResult {
    code: number | null;
    stdout: string;
    stderr: string;
}

export interface CliOptions {
    input?: string;
    env?: Record<string, string>;
    cwd?: string;
    /**
     * The largest file the CLI may write, in KiB (`ulimit -f`): a write past it fails with EFBIG as
     * one past the end of a full disk fails with ENOSPC — a real refusal by the operating system.
     */
    fileSizeLimitKib?: number;
}

/** Runs the built `arcdsl` CLI (dist/cli.cjs), as a user would. */
export function arcdsl(args: string[], options: CliOptions = {}): CliResult {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build it first with 'npm run build' (scripts/test.sh does)`);
    const env = { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...options.env };
    const command = [process.execPath, CLI, ...args];
    if (options.fileSizeLimitKib !== undefined) command.unshift('bash', '-c', `ulimit -f ${options.fileSizeLimitKib} && exec "$0" "$@"`);
    const result = spawnSync(command[0], command.slice(1), {
        input: options.input,
        env,
        cwd: options.cwd ?? root,
        encoding: 'utf8',
        timeout: 60_000,
    });
    if (result.error) throw result.error;
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh temporary directory, removed when the test file ends. */
export function tempDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'arcdsl-cli-test-'));
    after(() => rmSync(dir, { recursive: true, force: true }));
    return dir;
}

/** A user mistake: exit 2 and one line on stderr, no stack trace. */
export function assertUsageError(result: CliResult, pattern: RegExp): void {
    const lines = result.stderr.trimEnd().split('\n');
    if (result.code !== 2 || lines.length !== 1 || !pattern.test(lines[0]) || /\bat .*:\d+:\d+/.test(result.stderr)) {
        throw new Error(`expected exit 2 and one line matching ${pattern}, got exit ${result.code}:\n${result.stderr}`);
    }
}

/** The public ARC tasks used for development (read at test time, never copied into the repo). */
// CI lays shared/ beside the clone; the tasks are read at test time, never copied into the repo.
export const ARC_DEV = process.env.ARC_DEV ?? resolve(root, '../shared/arc-dev');
