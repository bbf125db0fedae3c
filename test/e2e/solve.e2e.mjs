// End-to-end: "ARC DSL: Solve with Model" in a real VS Code (code-server + headless Chromium), with
// the packaged extension sampling from a tiny exported model on its own onnxruntime-node. See docs/e2e.md.
//
//     ARCDSL_VSIX=$PWD/out/arc-dsl-studio.vsix node --test --test-reporter=spec test/e2e/solve.e2e.mjs
//
// Env: ARCDSL_VSIX (required, packaged with --target linux-x64 so it carries the ONNX runtime),
// ARCDSL_PYTHON (the trainer's venv python that builds the tiny model; default .venv/bin/python),
// E2E_ARTIFACTS_DIR, E2E_KEEP, E2E_DEBUG as for editor.e2e.mjs.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
    findWebview,
    getEditorText,
    getProblemCounts,
    goToEnd,
    notifications,
    openFileFromExplorer,
    poll,
    REPO_ROOT,
    runCommand,
    screenshot,
    startSession,
    waitForLanguageMode,
    waitForTab,
    withSession,
} from './harness.mjs';

const EXAMPLE = path.join(REPO_ROOT, 'examples', 'families', 'RotateShape', 'rotateshape-rotate-grid-1.arcdsl');
const SOLUTION = 'output = rotate(input, 3)';
const SOLVE_COMMAND = 'ARC DSL: Solve with Model';
const CLI = path.join(REPO_ROOT, 'dist', 'cli.cjs');
const PYTHON = process.env.ARCDSL_PYTHON || path.join(REPO_ROOT, '.venv', 'bin', 'python');

const VSIX = process.env.ARCDSL_VSIX ? path.resolve(process.env.ARCDSL_VSIX) : undefined;
const PROBLEM = !VSIX
    ? 'ARCDSL_VSIX is not set: package the extension with `npm run package:vsix` and point ARCDSL_VSIX at out/arc-dsl-studio.vsix (see docs/e2e.md)'
    : !fs.existsSync(VSIX)
      ? `ARCDSL_VSIX=${VSIX} does not exist`
      : !fs.existsSync(PYTHON)
        ? `${PYTHON} is missing: run 'bash trainer/install.sh' (or set ARCDSL_PYTHON) to build the tiny model`
        : !fs.existsSync(CLI)
          ? `${CLI} is missing: run 'npm run build'`
          : undefined;

// Without what it needs this run must fail loudly, not pass with everything skipped.
test('the packaged extension, the trainer venv and the built CLI are there', () => {
    if (PROBLEM) assert.fail(PROBLEM);
});

/** The CLI run by the tests themselves (to print the prompt the tiny model memorises). */
function cli(args) {
    const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(result.status, 0, `arcdsl ${args.join(' ')}:\n${result.stderr}`);
    return result.stdout;
}

/** The rows of the open quick pick: { label, description }, and its title. */
async function quickPick(page) {
    const widget = page.locator('.quick-input-widget');
    if (!(await widget.isVisible())) return undefined;
    const title = ((await widget.locator('.quick-input-title').textContent()) ?? '').trim();
    const rows = await widget.locator('.quick-input-list .monaco-list-row').evaluateAll((els) =>
        els.map((r) => ({
            label: (r.querySelector('.label-name')?.textContent ?? '').replace(/\u00a0/g, ' ').trim(),
            description: (r.querySelector('.label-description')?.textContent ?? '').trim(),
        })),
    );
    return { title, rows };
}

describe('Solve with Model in a real VS Code', { timeout: 900_000, skip: PROBLEM ? 'missing prerequisites' : false }, () => {
    /** @type {Awaited<ReturnType<typeof startSession>> | undefined} */
    let session;
    let root;
    let model;

    before(async () => {
        root = fs.mkdtempSync(path.join(os.tmpdir(), 'arcdsl-e2e-solve-'));
        const workspace = path.join(root, 'workspace');
        fs.mkdirSync(workspace);
        // The example's task block without its program: solving writes the program.
        const text = fs.readFileSync(EXAMPLE, 'utf8');
        const task = path.join(workspace, 'rotate.arcdsl');
        fs.writeFileSync(task, text.slice(0, text.indexOf('\n}\n') + 3));

        // A tiny GPT-2 that memorised this task's prompt → SOLUTION, exported for transformers.js.
        const examples = path.join(root, 'examples.json');
        fs.writeFileSync(
            examples,
            JSON.stringify(new Array(4).fill({ prompt: cli(['solve', task, '--print-prompt']), completion: SOLUTION })),
        );
        model = path.join(root, 'model');
        const built = spawnSync(PYTHON, [path.join(REPO_ROOT, 'test', 'evaluator', 'fixtures', 'tiny_model.py'), examples, model], {
            encoding: 'utf8',
            cwd: REPO_ROOT,
        });
        assert.equal(built.status, 0, `tiny_model.py failed:\n${built.stderr}`);

        session = await startSession({
            name: 'solve',
            vsix: VSIX,
            folder: workspace,
            settings: { 'arcdsl.solve.model': model, 'arcdsl.solve.samples': 6 },
        });
        console.log(`# e2e session timings (ms): ${JSON.stringify(session.timings)}`);
    });

    after(async () => {
        await session?.dispose();
        if (root && process.env.E2E_KEEP !== '1') fs.rmSync(root, { recursive: true, force: true });
    });

    test('samples programs, lists them ranked by the train pairs they reproduce, applies the chosen one', { timeout: 300_000 }, () =>
        session.guard('candidates', async (page) => {
            await openFileFromExplorer(page, 'rotate.arcdsl');
            await waitForLanguageMode(page, 'ARC DSL', { timeoutMs: 60_000 });
            // No program yet: the checker reports the missing `output =`.
            await poll(async () => (await getProblemCounts(page)).errors >= 1, { timeoutMs: 90_000, message: 'the missing-output error' });

            await runCommand(page, SOLVE_COMMAND);
            const pick = await poll(() => quickPick(page), {
                timeoutMs: 180_000,
                until: (p) => p !== undefined && p.rows.length > 0 && /train pair/.test(p.title),
                message: 'the quick pick of sampled programs',
            });
            await screenshot(page, 'solve-01-candidates');
            assert.match(pick.title, /^Solve with Model: 1 of \d+ distinct programs reproduce every train pair \(6 sampled\)$/);
            assert.equal(pick.rows[0].label, SOLUTION);
            assert.match(pick.rows[0].description, /^2\/2 train pairs · test ✓ · ×\d$/);

            await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first().click();
            // The Grid Preview opens beside it and shows the applied program passing every pair.
            await waitForTab(page, 'Grid Preview');
            await findWebview(page, { contains: '3/3 pairs pass', timeoutMs: 60_000 });
            // The server re-verifies the edited document: no error left.
            await poll(async () => (await getProblemCounts(page)).errors === 0, { timeoutMs: 60_000, message: 'no errors after solving' });
            await openFileFromExplorer(page, 'rotate.arcdsl');
            await goToEnd(page);
            await poll(async () => (await getEditorText(page)).includes(SOLUTION), {
                timeoutMs: 30_000,
                message: `the program "${SOLUTION}" after the task block`,
            });
            await screenshot(page, 'solve-02-applied');
        }),
    );

    test('a missing model folder gives the one-line reason and what fixes it', { timeout: 180_000 }, async () => {
        // A session of its own (code-server does not reload a rewritten settings file reliably); one at a time.
        await session?.dispose();
        const missing = path.join(root, 'no-such-model');
        await withSession(
            { name: 'solve-missing-model', vsix: VSIX, folder: path.join(root, 'workspace'), settings: { 'arcdsl.solve.model': missing } },
            async (other) =>
                other.guard('missing-model', async (page) => {
                    await openFileFromExplorer(page, 'rotate.arcdsl');
                    await waitForLanguageMode(page, 'ARC DSL', { timeoutMs: 60_000 });
                    await runCommand(page, SOLVE_COMMAND);
                    const message = await poll(async () => (await notifications(page)).find((n) => n.includes('Solve with Model:')), {
                        timeoutMs: 90_000,
                        message: 'a Solve with Model notification',
                    });
                    assert.equal(
                        message,
                        `ARC DSL: Solve with Model: --model ${missing}: no such folder; an exported model folder is made by 'arcdsl export-onnx RUN_DIR'`,
                    );
                    const buttons = await page.locator('.notification-toast .monaco-button').allInnerTexts();
                    assert.deepEqual(
                        buttons.map((b) => b.trim()).filter((b) => b === 'Choose Model Folder…' || b === 'Open Settings'),
                        ['Choose Model Folder…', 'Open Settings'],
                    );
                    await screenshot(page, 'solve-03-missing-model');
                }),
        );
    });
});
