// End-to-end: "ARC DSL: Generate Dataset" from the command palette of a real VS Code (code-server
// 4.100.3 + headless Chromium), answering its prompts as a person would; the CLI runs in a node-pty
// terminal; the family JSONL files appear in the Explorer; Ctrl+C in the terminal cancels a run and
// leaves nothing behind. See docs/e2e.md.
//
//     ARCDSL_VSIX=$PWD/test-artifacts/e2e/arc-dsl-studio.vsix node --test --test-reporter=spec test/e2e/pipeline.e2e.mjs

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
    explorerItems,
    fillQuickInput,
    notifications,
    openFileFromExplorer,
    poll,
    REPO_ROOT,
    runCommand,
    screenshot,
    startSession,
    waitForLanguageMode,
} from './harness.mjs';

const FIXTURES = path.join(REPO_ROOT, 'test', 'e2e', 'fixtures', 'workspace');
const FAMILIES = ['Connect', 'MoveShape', 'RotateShape', 'CreateShape', 'FloodFill', 'MirrorShape', 'SymmetryComplete', 'ExtractPattern'];
const GENERATE = 'ARC DSL: Generate Dataset';

const VSIX = process.env.ARCDSL_VSIX ? path.resolve(process.env.ARCDSL_VSIX) : undefined;
const VSIX_PROBLEM = !VSIX
    ? 'ARCDSL_VSIX is not set: run bash test/e2e/run.sh, or package the extension and point ARCDSL_VSIX at it (docs/e2e.md)'
    : !fs.existsSync(VSIX)
      ? `ARCDSL_VSIX=${VSIX} does not exist`
      : undefined;

test('ARCDSL_VSIX names the packaged extension (pipeline)', () => {
    if (VSIX_PROBLEM) assert.fail(VSIX_PROBLEM);
});

/** Waits for the quick input whose title holds `step`, types `value` (unless undefined) and presses Enter. */
async function answer(page, step, value) {
    const widget = page.locator('.quick-input-widget');
    await poll(
        async () => (await widget.isVisible()) && ((await widget.locator('.quick-input-title').textContent()) ?? '').includes(step),
        {
            timeoutMs: 30_000,
            message: `the prompt "${step}"`,
        },
    );
    if (value !== undefined) await fillQuickInput(page, value);
    await page.keyboard.press('Enter');
    const title = widget.locator('.quick-input-title');
    await poll(async () => !(await widget.isVisible()) || !((await title.textContent()) ?? '').includes(step), {
        message: `the prompt "${step}" to take the answer`,
    }).catch(async (error) => {
        error.message += `; the prompt says: ${await widget.locator('.quick-input-message').textContent()}`;
        throw error;
    });
}

/** Polls the notifications for one matching `pattern`; fails as soon as an ARC DSL failure notification shows. */
async function waitForNotification(page, pattern, timeoutMs = 120_000) {
    const failed = /ARC DSL: .* failed/;
    const found = await poll(async () => (await notifications(page)).find((n) => pattern.test(n) || failed.test(n)), {
        timeoutMs,
        message: `a notification matching ${pattern}`,
    }).catch(async (error) => {
        throw new Error(`${error.message}; notifications: ${JSON.stringify(await notifications(page))}`);
    });
    if (!pattern.test(found)) throw new Error(`the stage failed: ${found}`);
    return found;
}

/** The "ARC DSL Pipeline" log of the extension host (written by VS Code under the user-data dir). */
function pipelineLog(userDataDir) {
    const found = [];
    const walk = (dir) => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) walk(full);
            else if (entry.name.includes('ARC DSL Pipeline')) found.push(fs.readFileSync(full, 'utf8'));
        }
    };
    const logs = path.join(userDataDir, 'logs');
    if (fs.existsSync(logs)) walk(logs);
    return found.join('\n');
}

describe('ARC DSL pipeline in a real VS Code (code-server + Chromium)', {
    timeout: 600_000,
    skip: VSIX_PROBLEM ? 'no ARCDSL_VSIX' : false,
}, () => {
    /** @type {Awaited<ReturnType<typeof startSession>> | undefined} */
    let session;
    let workspace;

    before(async () => {
        workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'arcdsl-e2e-pipeline-'));
        fs.cpSync(FIXTURES, workspace, { recursive: true });
        session = await startSession({ name: 'pipeline', vsix: VSIX, folder: workspace });
        console.log(`# e2e session timings (ms): ${JSON.stringify(session.timings)}`);
        // The palette lists the extension's commands once its host has started: open a file of ours first.
        await session.guard('activate', async (page) => {
            await openFileFromExplorer(page, 'good.arcdsl');
            await waitForLanguageMode(page, 'ARC DSL', { timeoutMs: 60_000 });
        });
    });

    after(async () => {
        await session?.dispose();
        fs.rmSync(workspace, { recursive: true, force: true });
    });

    test(`"${GENERATE}" from the palette writes the family files, shown in the Explorer`, { timeout: 240_000 }, () =>
        session.guard('generate', async (page) => {
            const started = Date.now();
            await runCommand(page, GENERATE);
            await answer(page, '(1/5)'); // every family (all are ticked)
            await answer(page, '(2/5)', '2');
            await answer(page, '(3/5)', '3-8');
            await screenshot(page, 'pipeline-01-prompt-sizes');
            await answer(page, '(4/5)', 'e2e');
            await answer(page, '(5/5)'); // the default folder: arcdsl-data/datasets/tasks-1
            const done = await waitForNotification(page, /Generate Dataset finished/);
            console.log(`# generate from the palette to the notification: ${Date.now() - started} ms`);
            assert.match(done, /arcdsl-data\/datasets\/tasks-1/);
            await screenshot(page, 'pipeline-02-terminal-done');

            const out = path.join(workspace, 'arcdsl-data', 'datasets', 'tasks-1');
            const written = fs.readdirSync(out).sort();
            assert.deepEqual(written, [...FAMILIES.map((f) => `${f}.jsonl`), 'summary.json'].sort());
            for (const family of FAMILIES) {
                const lines = fs
                    .readFileSync(path.join(out, `${family}.jsonl`), 'utf8')
                    .trim()
                    .split('\n');
                assert.equal(lines.length, 2, `${family}.jsonl: 2 records`);
                assert.equal(JSON.parse(lines[0]).task_type, family);
            }

            // "Open result" reveals the folder in the Explorer.
            await page
                .locator('.notification-toast')
                .filter({ hasText: 'Generate Dataset finished' })
                .getByRole('button', { name: 'Open result' })
                .click();
            const shown = await poll(
                async () => {
                    const items = await explorerItems(page);
                    return FAMILIES.every((f) => items.includes(`${f}.jsonl`)) ? items : undefined;
                },
                { timeoutMs: 30_000, message: 'the family .jsonl files in the Explorer' },
            );
            assert.ok(shown.includes('tasks-1'), `Explorer: ${JSON.stringify(shown)}`);
            await screenshot(page, 'pipeline-03-explorer');

            // The terminal was a real pty: node-pty came from code-server's own copy (the .vsix has no node_modules).
            const log = await poll(
                () => pipelineLog(session.dirs.userDataDir).match(/node-pty loaded from .*|node-pty did not load.*/)?.[0],
                {
                    timeoutMs: 15_000,
                    message: 'the ARC DSL Pipeline log to say where node-pty came from',
                },
            );
            assert.match(log, /node-pty loaded from .*node_modules\/node-pty/);
        }),
    );

    test('Ctrl+C in the terminal cancels a run and leaves no files behind', { timeout: 240_000 }, () =>
        session.guard('cancel', async (page) => {
            await runCommand(page, GENERATE);
            await answer(page, '(1/5)');
            await answer(page, '(2/5)', '5000');
            await answer(page, '(3/5)', '3-30');
            await answer(page, '(4/5)', '0');
            await answer(page, '(5/5)', 'arcdsl-data/cancelled-run');
            const out = path.join(workspace, 'arcdsl-data', 'cancelled-run');
            // Running: the CLI has made its folder and writes temp files into it.
            await poll(() => fs.existsSync(out) && fs.readdirSync(out).some((n) => n.endsWith('.tmp')), {
                timeoutMs: 60_000,
                message: `temp files in ${out} (the run started)`,
            });
            await screenshot(page, 'pipeline-04-running');
            const terminal = page.locator('.integrated-terminal .xterm >> visible=true').first();
            await terminal.click();
            await page.keyboard.press('Control+C');
            await waitForNotification(page, /Generate Dataset cancelled/, 60_000);
            await screenshot(page, 'pipeline-05-cancelled');
            assert.equal(fs.existsSync(out), false, `left behind in ${out}: ${fs.existsSync(out) ? fs.readdirSync(out).join(', ') : ''}`);
        }),
    );
});
