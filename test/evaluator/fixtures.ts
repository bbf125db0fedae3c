import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SandboxTask } from '../../evaluator/outcome.js';
import { buildDataset } from '../../generators/dataset/build-dataset.js';
import { readSplit } from '../../generators/dataset/read-dataset.js';
import { runProgram } from '../helpers.js';

export type Rows = number[][];

export const REPO = join(import.meta.dirname, '..', '..');
export const CLI = join(REPO, 'dist', 'cli.cjs');
export const VENV_PYTHON = join(REPO, '.venv', 'bin', 'python');

export function tempDir(prefix = 'arcdsl-eval-'): string {
    return mkdtempSync(join(tmpdir(), prefix));
}

/** A small seeded generator, so fixtures are the same on every run. */
export function seeded(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
        return state / 4294967296;
    };
}

/** A 10×10 grid of scattered single cells on black: many small objects. */
export function scatteredGrid(random: () => number, side = 10): Rows {
    return Array.from({ length: side }, () => Array.from({ length: side }, () => (random() < 0.3 ? 1 + Math.floor(random() * 9) : 0)));
}

export const FIXTURE_PROGRAMS: { family: string; solution: string }[] = [
    { family: 'RotateShape', solution: 'output = rotate(input, 1)' },
    { family: 'RotateShape', solution: 'output = rotate(input, 2)' },
    { family: 'MirrorShape', solution: 'output = flip(input, horizontal)' },
    { family: 'MirrorShape', solution: 'output = flip(input, vertical)' },
];

/** Generator-style records (2 train pairs + test, side×side), outputs made by running the solution. */
export async function fixtureRecords(count: number, seed = 1, side = 10): Promise<Record<string, unknown>[]> {
    const random = seeded(seed);
    const records: Record<string, unknown>[] = [];
    for (let i = 0; i < count; i++) {
        const { family, solution } = FIXTURE_PROGRAMS[i % FIXTURE_PROGRAMS.length];
        const record: Record<string, unknown> = { id: `${family}-${seed}-${i}`, task_type: family, sub_rule: 'grid' };
        for (const name of ['train_input1', 'train_input2', 'test_input']) {
            const input = scatteredGrid(random, side);
            record[name] = input;
            record[name.replace('input', 'output')] = await runProgram(solution, input);
        }
        record.solution = `${solution}\n`;
        records.push(record);
    }
    return records;
}

/** A DatasetDict on disk with every record in the `train` split, made by the dataset builder. */
export async function fixtureDataset(dir: string, count: number, seed = 1, side = 10): Promise<string> {
    const input = join(dir, 'records');
    mkdirSync(input, { recursive: true });
    const records = await fixtureRecords(count, seed, side);
    for (const family of new Set(records.map((r) => r.task_type as string))) {
        const lines = records.filter((r) => r.task_type === family).map((r) => JSON.stringify(r));
        writeFileSync(join(input, `${family}.jsonl`), `${lines.join('\n')}\n`);
    }
    const out = join(dir, 'dataset');
    await buildDataset({ input, out, split: [100, 0, 0] });
    return out;
}

/** A sandbox task around one input grid (its expected output is the grid itself). */
export function identityTask(id: string, grid: Rows): SandboxTask {
    return { id, solution: 'output = input', train: [{ input: grid, output: grid }], test: { input: grid, output: grid } };
}

/**
 * The trainer's virtualenv python (ARCDSL_PYTHON, else <repo>/.venv); a test that needs it fails with
 * the way to make it rather than skipping silently.
 */
export function venvPython(): string {
    const python = process.env.ARCDSL_PYTHON || VENV_PYTHON;
    if (!existsSync(python)) {
        throw new Error(`${python} is missing: run 'bash trainer/install.sh' to create the trainer's virtualenv`);
    }
    return python;
}

/** Builds the tiny GPT-2 of fixtures/tiny_model.py, which has memorised a dataset split's completions. */
export async function tinyModel(dataset: string, split: string, out: string): Promise<string> {
    const examples: { prompt: unknown; completion: unknown }[] = [];
    for await (const row of readSplit(dataset, split)) examples.push({ prompt: row.prompt, completion: row.completion });
    const file = join(out, '..', 'tiny-model-examples.json');
    writeFileSync(file, JSON.stringify(examples));
    const result = spawnSync(venvPython(), [join(import.meta.dirname, 'fixtures', 'tiny_model.py'), file, out], {
        encoding: 'utf8',
        cwd: REPO,
    });
    if (result.status !== 0) throw new Error(`tiny_model.py failed (${result.status}):\n${result.stderr}`);
    return out;
}

export interface CliResult {
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
}

/**
 * Runs the bundled CLI without blocking this process (a test's HTTP server must keep answering).
 * `onStart` gets the child, e.g. to kill it.
 */
export function runCli(args: string[], onStart?: (child: ChildProcess) => void): Promise<CliResult> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
        child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
        child.on('error', reject);
        child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
        onStart?.(child);
    });
}
