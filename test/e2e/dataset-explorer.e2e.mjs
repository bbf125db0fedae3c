// End-to-end: the Dataset Explorer of the packaged extension in a real VS Code (code-server 4.100.3)
// driven through headless Chromium. See docs/e2e.md.
//
//     ARCDSL_VSIX=$PWD/out/arc-dsl-studio.vsix node --test --test-reporter=spec test/e2e/dataset-explorer.e2e.mjs
//
// Before the session, the real CLI (dist/cli.cjs) writes a small dataset into a temp workspace:
// `arcdsl generate` (JSONL) then `arcdsl dataset` (a DatasetDict folder, Arrow), plus a .jsonl file
// with a malformed line.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
    activeEditorTitle,
    fillQuickInput,
    findWebview,
    poll,
    REPO_ROOT,
    runCommand,
    screenshot,
    showExplorer,
    startSession,
    waitForLanguageMode,
    waitForTab,
} from './harness.mjs';

const CLI = path.join(REPO_ROOT, 'dist', 'cli.cjs');
const MENU_ENTRY = 'Open Dataset Explorer';
const DATASET = 'tiny-dataset';
const BAD_JSONL = 'broken.jsonl';
const FAMILIES = ['Connect', 'RotateShape'];

const VSIX = process.env.ARCDSL_VSIX ? path.resolve(process.env.ARCDSL_VSIX) : undefined;
const VSIX_PROBLEM = !VSIX
    ? 'ARCDSL_VSIX is not set: point it at the packaged extension (npm run package:vsix; see docs/e2e.md)'
    : !fs.existsSync(VSIX)
      ? `ARCDSL_VSIX=${VSIX} does not exist`
      : !fs.existsSync(CLI)
        ? `${CLI} is missing: npm run build`
        : undefined;

test('ARCDSL_VSIX names the packaged extension', () => {
    if (VSIX_PROBLEM) assert.fail(VSIX_PROBLEM);
});

function arcdsl(...args) {
    const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000 });
    assert.equal(result.status, 0, `arcdsl ${args.join(' ')}:\n${result.stderr}`);
}

/** Right-clicks an Explorer row and clicks `entry` in its context menu (retrying while the extension activates). */
async function explorerContextMenu(page, name, entry) {
    await showExplorer(page);
    const row = page
        .locator('.explorer-folders-view .monaco-list-row')
        .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${name.replace('.', '\\.')}$`) }) })
        .first();
    await row.waitFor({ state: 'visible' });
    const item = page.locator('.context-view .monaco-menu .action-item:not(.disabled) .action-label', {
        hasText: new RegExp(`^${entry}$`),
    });
    const menu = page.locator('.context-view .monaco-menu').first();
    let seen = [];
    try {
        await poll(
            async () => {
                await row.click({ button: 'right' });
                await menu.waitFor({ state: 'visible', timeout: 5000 }).catch(() => {});
                if (await item.first().isVisible()) return true;
                seen = await page.locator('.context-view .monaco-menu .action-label').allInnerTexts();
                await page.keyboard.press('Escape');
                return false;
            },
            { timeoutMs: 60_000, intervalMs: 1000, message: `"${entry}" in the context menu of ${name}` },
        );
    } catch (error) {
        error.message += `; the menu showed: ${seen.filter(Boolean).join(' | ')}`;
        throw error;
    }
    // A menu entry ignores mouse-ups for its first 100 ms (VS Code's guard against the right-click's own
    // mouse-up); on a busy machine the click can land inside that window. Such a click leaves the menu open.
    await poll(
        async () => {
            if (!(await menu.isVisible())) return true;
            await item
                .first()
                .click({ timeout: 5000 })
                .catch(() => {});
            return false;
        },
        { intervalMs: 500, message: `the context menu to close on "${entry}"` },
    );
}

/** Runs the command from the palette and picks `file` in VS Code's own open dialog (a quick input in code-server). */
async function openFromPalette(page, file) {
    await runCommand(page, `ARC DSL: ${MENU_ENTRY}`);
    const widget = page.locator('.quick-input-widget');
    const input = widget.locator('.quick-input-box input');
    await input.waitFor({ state: 'visible' });
    // The dialog shows its starting folder at once, then lists it and only then puts the cursor at the end
    // (or refills the folder): typing before the listing is there lands after the folder. Wait for the row.
    const name = path.basename(file);
    const row = widget.locator('.quick-input-list .monaco-list-row .label-name', { hasText: new RegExp(`^${name.replace('.', '\\.')}$`) });
    await poll(async () => (await row.count()) > 0 && (await input.inputValue()).endsWith('/'), {
        message: `the open dialog to list its starting folder, ${name} in it`,
    });
    await fillQuickInput(page, file);
    await page.keyboard.press('Enter');
    // Enter on a folder opens it in the dialog; its "Explore" button then picks it.
    const outcome = await poll(
        async () => (!(await widget.isVisible()) ? 'picked' : (await input.inputValue()).endsWith('/') ? 'folder' : undefined),
        { message: `the open dialog to take ${file}` },
    );
    if (outcome === 'folder') await widget.locator('.monaco-button', { hasText: /^Explore$/ }).click();
    await widget.waitFor({ state: 'hidden' });
}

describe('Dataset Explorer in a real VS Code (code-server + Chromium)', {
    timeout: 600_000,
    skip: VSIX_PROBLEM ? 'no ARCDSL_VSIX' : false,
}, () => {
    /** @type {Awaited<ReturnType<typeof startSession>> | undefined} */
    let session;
    let workspace;
    /** Records per family, from the generated JSONL (the dataset keeps them all: no duplicates, none invalid). */
    const expected = {};
    let total = 0;

    before(async () => {
        workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'arcdsl-e2e-dataset-'));
        const generated = path.join(os.tmpdir(), `${path.basename(workspace)}-gen`);
        arcdsl('generate', '--out', generated, '--families', FAMILIES.join(','), '--count', '6', '--sizes', '3-6', '--quiet');
        arcdsl('dataset', '--in', generated, '--out', path.join(workspace, DATASET), '--jobs', '0');
        for (const family of FAMILIES) {
            const lines = fs
                .readFileSync(path.join(generated, `${family}.jsonl`), 'utf8')
                .trim()
                .split('\n');
            expected[family] = lines.length;
            total += lines.length;
            if (family === 'Connect') fs.writeFileSync(path.join(workspace, BAD_JSONL), [lines[0], '{"id": "oops', lines[1]].join('\n'));
        }
        fs.rmSync(generated, { recursive: true, force: true });
        session = await startSession({ name: 'dataset-explorer', vsix: VSIX, folder: workspace });
        console.log(`# e2e session timings (ms): ${JSON.stringify(session.timings)}`);
    });

    after(async () => {
        await session?.dispose();
        if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
    });

    test('the Explorer context menu opens a dataset folder: counts and records drawn as grids', { timeout: 180_000 }, () =>
        session.guard('open', async (page) => {
            await explorerContextMenu(page, DATASET, MENU_ENTRY);
            await waitForTab(page, `Dataset: ${DATASET}`);
            const view = await findWebview(page, { selector: '.record .grid', timeoutMs: 60_000 });
            assert.match(view.text, new RegExp(`${total} records`));
            const counts = await view.frame.$$eval('.counts tr[data-split]', (rows) =>
                rows.map((row) => [...row.children].map((cell) => cell.textContent)),
            );
            assert.deepEqual(
                counts.map((cells) => cells[0]),
                ['train', 'validation', 'test'],
            );
            const families = await view.frame.$$eval('.counts tr:first-of-type th', (cells) => cells.map((c) => c.textContent));
            for (const family of FAMILIES) {
                const column = families.indexOf(family);
                assert.ok(column > 0, `a column for ${family}: ${families}`);
                assert.equal(
                    counts.reduce((sum, cells) => sum + Number(cells[column]), 0),
                    expected[family],
                    family,
                );
            }
            const records = await view.frame.$$eval('.record', (nodes) =>
                nodes.map((node) => ({
                    grids: node.querySelectorAll('.grid[role="grid"] .cell').length,
                    solution: node.querySelector('.solution')?.textContent,
                })),
            );
            assert.equal(records.length, Math.min(total, 25));
            assert.ok(
                records.every((r) => r.grids > 0 && /output =/.test(r.solution ?? '')),
                'every record shows grids and its program',
            );
            await screenshot(page, 'dataset-explorer-01-open');
        }),
    );

    test('filtering by family shows only that family', { timeout: 120_000 }, () =>
        session.guard('filter', async (page) => {
            const { frame } = await findWebview(page, { selector: '#family' });
            await frame.selectOption('#family', 'RotateShape');
            const shown = await poll(
                async () => {
                    const status = await frame.textContent('.status');
                    const families = await frame.$$eval('.record', (nodes) => nodes.map((n) => n.dataset.family));
                    return status?.includes(`of ${expected.RotateShape} matching`) && families.every((f) => f === 'RotateShape')
                        ? families
                        : undefined;
                },
                { message: `${expected.RotateShape} RotateShape records after filtering` },
            );
            assert.equal(shown.length, expected.RotateShape);
            await screenshot(page, 'dataset-explorer-02-filter');
        }),
    );

    test('"Open as task" opens the record as an .arcdsl document with its Grid Preview', { timeout: 180_000 }, () =>
        session.guard('open-task', async (page) => {
            const { frame } = await findWebview(page, { selector: '.record .open-task' });
            const id = await frame.getAttribute('.record', 'data-id');
            await frame.click('.record .open-task');
            await waitForTab(page, `${id}.arcdsl`);
            await poll(async () => (await activeEditorTitle(page)) === `${id}.arcdsl`, { message: `the ${id}.arcdsl editor to be active` });
            await waitForLanguageMode(page, 'ARC DSL');
            await waitForTab(page, 'Grid Preview');
            // The solution, verified by the language server, passes on every pair of its task.
            const preview = await findWebview(page, { selector: '.pair[data-status="pass"]', timeoutMs: 90_000 });
            const statuses = await preview.frame.$$eval('.pair[data-status]', (pairs) => pairs.map((p) => p.dataset.status));
            assert.ok(statuses.length >= 3 && statuses.every((s) => s === 'pass'), `pair statuses: ${statuses}`);
            await screenshot(page, 'dataset-explorer-03-open-as-task');
        }),
    );

    test('from the palette, a .jsonl with a malformed line: reported by file:line, the other records shown', { timeout: 120_000 }, () =>
        session.guard('bad-jsonl', async (page) => {
            await openFromPalette(page, path.join(workspace, BAD_JSONL));
            await waitForTab(page, `Dataset: ${BAD_JSONL}`);
            const view = await findWebview(page, { contains: '1 unreadable record', timeoutMs: 60_000 });
            assert.ok(view.html.includes(`${BAD_JSONL}:2: malformed JSON`), view.text.slice(0, 400));
            assert.equal(await view.frame.$$eval('.record', (nodes) => nodes.length), 2);
            await view.frame.click('.problems summary');
            await screenshot(page, 'dataset-explorer-04-bad-jsonl');
        }),
    );
});
