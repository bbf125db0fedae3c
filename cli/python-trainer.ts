import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from './command.js';

/** The repository root: dist/cli.cjs lives in <root>/dist. */
export function repoRoot(): string {
    const here = typeof __dirname === 'string' ? __dirname : dirname(new URL(import.meta.url).pathname);
    for (let dir = here; ; dir = dirname(dir)) {
        if (existsSync(join(dir, 'trainer', 'install.sh'))) return dir;
        if (dirname(dir) === dir) throw new UsageError('cannot find the trainer/ folder next to this arcdsl install');
    }
}

/**
 * Creates or reuses the trainer's venv (trainer/install.sh: torch 2.13.0 CPU, transformers, TRL, PEFT…)
 * and returns its python. ARCDSL_VENV chooses another venv.
 */
export function trainerPython(): string {
    const root = repoRoot();
    const venv = resolve(process.env.ARCDSL_VENV ?? join(root, '.venv'));
    const python = join(venv, 'bin', 'python');
    process.stderr.write(`arcdsl: using the Python venv at ${venv} (set ARCDSL_VENV to use another)\n`);
    if (!existsSync(python)) checkInterpreter(venv);
    const install = spawnSync('bash', [join(root, 'trainer', 'install.sh')], {
        stdio: ['ignore', 'inherit', 'inherit'],
        env: { ...process.env, ARCDSL_VENV: venv },
    });
    if (install.status !== 0 || !existsSync(python)) {
        throw new UsageError(
            `could not set up the trainer's venv at ${venv} (needs python3 with venv and pip). Fix the error above, then run: bash ${join(root, 'trainer', 'install.sh')}`,
            1,
        );
    }
    return python;
}

/** Before a venv is created: the interpreter that creates it (PYTHON, default python3) must exist. */
function checkInterpreter(venv: string): void {
    const interpreter = process.env.PYTHON || 'python3';
    const probe = spawnSync(interpreter, ['--version'], { stdio: 'ignore' });
    if (probe.error || probe.status !== 0) {
        throw new UsageError(
            `no Python interpreter '${interpreter}' to create the trainer's venv at ${venv}. Install Python 3.11 with venv and pip ` +
                `(Debian/Ubuntu: sudo apt-get install python3 python3-venv python3-pip), or set PYTHON to one ` +
                '(VS Code: the arcdsl.python.interpreter setting), or ARCDSL_VENV to an existing venv',
            1,
        );
    }
}

/** Runs `python -m arcdsl_trainer <args>` with inherited stdio; resolves to its exit code. */
export function runTrainer(args: string[]): Promise<number> {
    const python = trainerPython();
    const root = repoRoot();
    return new Promise((resolvePromise) => {
        const child = spawn(python, ['-m', 'arcdsl_trainer', ...args], {
            stdio: 'inherit',
            env: { ...process.env, ARCDSL_CLI: process.env.ARCDSL_CLI ?? join(root, 'dist', 'cli.cjs') },
        });
        const forward = (signal: NodeJS.Signals) => child.kill(signal);
        process.on('SIGINT', forward);
        process.on('SIGTERM', forward);
        child.on('error', (error) => {
            process.stderr.write(`arcdsl: could not start ${python}: ${error.message}\n`);
            resolvePromise(1);
        });
        child.on('exit', (code, signal) => {
            process.off('SIGINT', forward);
            process.off('SIGTERM', forward);
            resolvePromise(code ?? (signal ? 130 : 1));
        });
    });
}
