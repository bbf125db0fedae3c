import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, test } from 'node:test';
import { cliProcess } from '../../client/pipeline/arcdsl-process.js';
import { loadNodePty, type NodePty } from '../../client/pipeline/pty-loader.js';
import { StageProcess } from '../../client/pipeline/stage-process.js';

// A stage's process part without VS Code: the real CLI (dist/cli.cjs) in a real pty (node-pty), and
// on pipes, the fallback. Ctrl+C must stop `generate` with nothing left behind, and the next run work.

const root = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'arcdsl-stage-'));
after(() => rmSync(work, { recursive: true, force: true }));

interface Run {
    stage: StageProcess;
    output: () => string;
    exit: Promise<number>;
}

function start(args: string[], pty: NodePty | undefined): Run {
    const spec = cliProcess({ extensionPath: root, execPath: process.execPath }, args, work);
    delete spec.env.NODE_TEST_CONTEXT;
    let output = '';
    let exited: (code: number) => void = () => {};
    const exit = new Promise<number>((r) => {
        exited = r;
    });
    const stage = new StageProcess(spec, {
        pty,
        columns: 120,
        rows: 30,
        onData: (text) => (output += text),
        onExit: (code) => exited(code),
    });
    return { stage, output: () => output, exit };
}

async function waitFor(run: Run, pattern: RegExp, what: string): Promise<void> {
    const deadline = Date.now() + 60_000;
    while (!pattern.test(run.output())) {
        if (!run.stage.running) assert.fail(`the process exited before ${what}; output:\n${run.output()}`);
        if (Date.now() > deadline) assert.fail(`no ${what} within 60 s; output:\n${run.output()}`);
        await new Promise((r) => setTimeout(r, 50));
    }
}

function alive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch {
        return false;
    }
}

const loaded = loadNodePty();
/** A bar redrawn in place: carriage return, erase line, `[###...]  12%`. */
const REDRAWN_BAR = new RegExp(`\r${String.fromCharCode(27)}\\[K[^\r]*\\[[#.]+\\] +\\d+%`);

for (const mode of ['pty', 'pipes'] as const) {
    describe(`a stage on ${mode}`, () => {
        const pty = mode === 'pty' ? loaded?.pty : undefined;

        test('node-pty loads from node_modules (npm_config_nodedir=/usr at install)', { skip: mode === 'pipes' }, () => {
            assert.ok(loaded, 'node-pty did not load: reinstall it with npm_config_nodedir=/usr (docs: NOTES.md)');
        });

        test('Ctrl+C stops generate midway: exit 130, no files, no folder; the next run writes every file', async () => {
            const out = join(work, `${mode}-tasks`);
            const run = start(['generate', '--out', out, '--count', '2000', '--sizes', '3-30'], pty);
            assert.equal(run.stage.mode, mode);
            // The progress bar: redrawn in place on a terminal, plain lines on pipes.
            await waitFor(run, mode === 'pty' ? REDRAWN_BAR : /\d+% [\d,]+\/16,000 records/, 'a progress line');
            run.stage.interrupt();
            assert.equal(await run.exit, 130, run.output());
            assert.match(run.output(), /generate: interrupted; nothing was written/);
            assert.equal(existsSync(out), false, `left behind: ${existsSync(out) ? readdirSync(out).join(', ') : ''}`);

            const again = start(['generate', '--out', out, '--count', '2', '--sizes', '3-8', '--families', 'Connect,FloodFill'], pty);
            assert.equal(await again.exit, 0, again.output());
            assert.deepEqual(readdirSync(out).sort(), ['Connect.jsonl', 'FloodFill.jsonl', 'summary.json']);
        });

        test('terminate stops the whole process tree', async () => {
            const script =
                "const c = require('child_process').spawn('sleep', ['300'], { stdio: 'ignore' }); console.log('child ' + c.pid); setInterval(() => {}, 1000);";
            const spec = { file: process.execPath, args: ['-e', script], cwd: work, env: { PATH: process.env.PATH ?? '' } };
            let output = '';
            let exited: (code: number) => void = () => {};
            const exit = new Promise<number>((r) => {
                exited = r;
            });
            const stage = new StageProcess(spec, { pty, onData: (t) => (output += t), onExit: (c) => exited(c) });
            const run = { stage, output: () => output, exit };
            await waitFor(run, /child \d+/, 'the grandchild');
            const grandchild = Number(/child (\d+)/.exec(output)![1]);
            assert.ok(alive(grandchild));
            stage.terminate(1000);
            assert.notEqual(await exit, 0);
            const deadline = Date.now() + 5000;
            while (alive(grandchild) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
            assert.equal(alive(grandchild), false, 'the grandchild (sleep) survived');
        });
    });
}
