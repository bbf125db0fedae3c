import { spawn } from 'node:child_process';
import type * as vscode from 'vscode';
import type { SolveCandidate } from '../../evaluator/solve.js';
import { cliProcess } from '../pipeline/arcdsl-process.js';

/** One distinct sampled program, one JSON line of `arcdsl solve --json`. */
export type Candidate = SolveCandidate;

export type SolveOutcome =
    | { kind: 'candidates'; candidates: Candidate[] }
    /** The CLI refused (exit 2: missing model files, no task block…) or the task block has errors: its own words. */
    | { kind: 'refused'; message: string }
    | { kind: 'cancelled' };

export interface SolveRun {
    extensionPath: string;
    cliPath?: string;
    file: string;
    model: string;
    samples: number;
    cwd?: string;
    onSampled(sampled: number, total: number): void;
}

/**
 * Runs `arcdsl solve FILE --model DIR --n N --json` (the same CLI as the terminal, on the extension
 * host's Node) and reads its JSON lines; cancelling kills it.
 */
export function runSolve(run: SolveRun, token: vscode.CancellationToken): Promise<SolveOutcome> {
    const spec = cliProcess(
        { extensionPath: run.extensionPath, cliPath: run.cliPath, execPath: process.execPath },
        ['solve', run.file, '--model', run.model, '--n', String(run.samples), '--json'],
        run.cwd,
        { NO_COLOR: '1' },
    );
    return new Promise((resolve) => {
        const child = spawn(spec.file, spec.args, { cwd: spec.cwd, env: spec.env, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        let pending = '';
        child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
        child.stderr.setEncoding('utf8').on('data', (text: string) => {
            stderr += text;
            pending += text;
            const lines = pending.split('\n');
            pending = lines.pop() ?? '';
            for (const line of lines) {
                const progress = /^solve: sampled (\d+)\/(\d+) programs$/.exec(line);
                if (progress) run.onSampled(Number(progress[1]), Number(progress[2]));
            }
        });
        const cancel = token.onCancellationRequested(() => child.kill());
        child.on('error', (error) => {
            cancel.dispose();
            resolve({ kind: 'refused', message: `could not start the arcdsl CLI (${spec.file}): ${error.message}` });
        });
        child.on('close', (code) => {
            cancel.dispose();
            if (token.isCancellationRequested) return resolve({ kind: 'cancelled' });
            const problems = stderr
                .split('\n')
                .filter((line) => line.trim() !== '' && !line.startsWith('solve: sampled '))
                .map((line) => line.replace(/^arcdsl: (solve: )?/, ''));
            if (code === 0 || (code === 1 && stdout.trim() !== '')) {
                const candidates = stdout
                    .split('\n')
                    .filter((line) => line.trim() !== '')
                    .map((line) => JSON.parse(line) as Candidate);
                return resolve({ kind: 'candidates', candidates });
            }
            resolve({ kind: 'refused', message: problems.join(' ') || `arcdsl solve stopped (exit code ${code ?? 'none'})` });
        });
    });
}
