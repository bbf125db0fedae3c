// End-to-end: the Evaluate Model view of the packaged extension in a real VS Code (code-server +
// headless Chromium). Before the session a real evaluation run is made in the workspace: the bundled
// CLI (`arcdsl evaluate --backend openai`) against the test completions server, on a fixture dataset
// (test/client/evaluate/evaluation-run.ts). See docs/e2e.md.
//
//     ARCDSL_VSIX=$PWD/test-artifacts/e2e/arc-dsl-studio.vsix node --test test/e2e/evaluate.e2e.mjs
//     bash test/e2e/run.sh --test-name-pattern='Evaluate Model'      # builds and packages first

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { findWebview, poll, REPO_ROOT, runCommand, screenshot, startSession, tabTitles, waitForTab } from './harness.mjs';

const VSIX = process.env.ARCDSL_VSIX ? path.resolve(process.env.ARCDSL_VSIX) : undefined;
const VSIX_PROBLEM = !VSIX
    ? 'ARCDSL_VSIX is not set: run bash test/e2e/run.sh, or see docs/e2e.md'
    : !fs.existsSync(VSIX)
      ? `ARCDSL_VSIX=${VSIX} does not exist`
      : undefined;

/** Drags the sash between the side bar and the editor to the right, so the view's tables fit (screenshots). */
async function widenSideBar(page, width = 620) {
    const sidebar = await page.locator('.part.sidebar').boundingBox();
    if (!sidebar) return;
    const x = sidebar.x + sidebar.width;
    const y = sidebar.y + sidebar.height / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x + 100, y, { steps: 4 });
    await page.mouse.move(sidebar.x + width, y, { steps: 4 });
    await page.mouse.up();
}

const percent = (v) => `${(100 * v).toFixed(1)}%`;

// Without a .vsix this run must fail loudly, not pass with everything skipped.
test('Evaluate Model: ARCDSL_VSIX names the packaged extension', () => {
    if (VSIX_PROBLEM) assert.fail(VSIX_PROBLEM);
});

describe('Evaluate Model view in a real VS Code', { timeout: 600_000, skip: VSIX_PROBLEM ? 'no ARCDSL_VSIX' : false }, () => {
    /** @type {Awaited<ReturnType<typeof startSession>> | undefined} */
    let session;
    let workspace;
    let summary;
    /** The view's content frame. */
    let view;

    before(async () => {
        workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'arcdsl-e2e-eval-'));
        // Where the view looks by default: arcdsl.modelsFolder (arcdsl-data/models) / evaluations.
        const out = path.join(workspace, 'arcdsl-data', 'models', 'evaluations', 'eval-1');
        const made = spawnSync(
            process.execPath,
            [
                '--require',
                './scripts/polyfill.cjs',
                '--import',
                'tsx',
                'test/client/evaluate/evaluation-run.ts',
                path.join(workspace, 'arcdsl-data'),
                out,
                // and arcdsl-data/datasets/dataset + arcdsl-data/models/tiny for the form (about a minute)
                '--tiny-model',
            ],
            { cwd: REPO_ROOT, encoding: 'utf8', timeout: 400_000 },
        );
        assert.equal(made.status, 0, `preparing the evaluation run failed:\n${made.stderr}`);
        summary = JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8'));
        // A fine-tuning run's log, as trainer/arcdsl_trainer/metrics.py writes it; a test appends to it.
        const trainRun = path.join(workspace, 'arcdsl-data', 'models', 'run-1');
        fs.mkdirSync(trainRun, { recursive: true });
        fs.writeFileSync(
            path.join(trainRun, 'metrics.jsonl'),
            '{"step": 10, "epoch": 0.3, "train_loss": 5.61, "learning_rate": 0.0027, "time": 1795659302.7}\n' +
                '{"step": 20, "epoch": 0.6, "train_loss": 4.29, "learning_rate": 0.0015, "time": 1795659354.2}\n',
        );
        // The form's run uses the packaged CLI and the .vsix's own ONNX runtime (packaged with --target linux-x64).
        session = await startSession({ name: 'evaluate', vsix: VSIX, folder: workspace });
        console.log(`# e2e session timings (ms): ${JSON.stringify(session.timings)}`);
    });

    after(async () => {
        await session?.dispose();
        if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
    });

    test('the ARC DSL Studio activity-bar container holds the Evaluate Model view, listing the run', { timeout: 120_000 }, () =>
        session.guard('view', async (page) => {
            const container = page.locator('.activitybar [aria-label^="ARC DSL Studio"]').first();
            await container.waitFor({ state: 'visible', timeout: 60_000 });
            await container.click();
            await widenSideBar(page);
            // A container with one view shows the view's name in the side bar's title, not a pane header.
            const title = await poll(() => page.locator('.part.sidebar .composite.title').first().textContent(), {
                until: (text) => /evaluate model/i.test(text ?? ''),
                message: 'the side bar titled "ARC DSL Studio: Evaluate Model"',
            });
            assert.match(title, /ARC DSL Studio/i);
            ({ frame: view } = await findWebview(page, { selector: '#evaluate .run-open', timeoutMs: 60_000 }));
            const runs = await view.$$eval('.run-open', (buttons) => buttons.map((b) => b.textContent));
            assert.ok(runs.includes('eval-1'), `runs listed: ${JSON.stringify(runs)}`);
            await screenshot(page, 'evaluate-01-view');
        }),
    );

    test("opening the run shows summary.json's numbers and the candidates as grids", { timeout: 120_000 }, () =>
        session.guard('results', async (page) => {
            await view.locator('.run-open', { hasText: 'eval-1' }).click();
            await view.locator('table.metrics tr[data-family="all"]').waitFor({ timeout: 30_000 });
            const table = await view.$$eval('table.metrics tr[data-family]', (rows) =>
                Object.fromEntries(
                    rows.map((row) => [
                        row.dataset.family,
                        Object.fromEntries([...row.querySelectorAll('td')].map((td) => [td.dataset.metric, td.textContent])),
                    ]),
                ),
            );
            const families = Object.keys(summary.scores.byFamily);
            assert.deepEqual(Object.keys(table), ['all', ...families]);
            for (const [name, m] of [['all', summary.scores.overall], ...families.map((f) => [f, summary.scores.byFamily[f]])]) {
                const expected = {
                    tasks: String(m.tasks),
                    'cand.': String(m.candidates),
                    exact: percent(m.exact),
                    valid: percent(m.valid),
                    functional: percent(m.functional),
                    'train-cons.': percent(m.trainConsistent),
                    ...Object.fromEntries(Object.entries(m.passAtK).map(([k, v]) => [`pass@${k}`, percent(v)])),
                    'verified@1': percent(m.verifiedAt1),
                };
                assert.deepEqual(table[name], expected, `the ${name} row`);
            }
            assert.equal(table.all.functional, '20.0%');
            assert.equal(table.all['pass@5'], '100.0%');
            // The pass@k chart: one line per family plus the overall one, three points each (k = 1, 2, 5).
            const lines = await view.$$eval('svg.chart polyline', (nodes) => nodes.map((n) => n.getAttribute('points').split(' ').length));
            assert.deepEqual(lines, [3, 3, 3]);
            assert.equal(
                await view.locator('svg.bars rect.bar.functional').count(),
                1 + families.length,
                'a legend swatch and a bar per family',
            );
            // Candidates: cards with their grids; a wrong output shows input, expected and got.
            const cards = await view.$$eval('.candidate', (nodes) =>
                nodes.map((n) => ({
                    verdict: n.querySelector('.verdict').textContent,
                    grids: [...n.querySelectorAll('.grid')].map(
                        (g) => `${g.dataset.role} ${g.dataset.rows}x${g.dataset.cols} ${g.querySelectorAll('.cell').length}`,
                    ),
                })),
            );
            assert.equal(cards.length, 12, 'the first page of candidates');
            const wrong = cards.find((c) => c.verdict.includes('wrong output'));
            assert.deepEqual(wrong?.grids, ['input 10x10 100', 'expected 10x10 100', 'got 10x10 100'], JSON.stringify(cards.slice(0, 5)));
            await view.locator('#results').scrollIntoViewIfNeeded();
            await screenshot(page, 'evaluate-02-results');
            await view.locator('#candidates').scrollIntoViewIfNeeded();
            await screenshot(page, 'evaluate-03-candidates');
        }),
    );

    test('clicking a candidate opens it as an .arcdsl task with the Grid Preview', { timeout: 120_000 }, () =>
        session.guard('candidate', async (page) => {
            const card = view.locator('.candidate', { hasText: 'wrong output' }).first();
            const task = await card.getAttribute('data-task');
            const sample = await card.getAttribute('data-sample');
            await card.locator('.candidate-open').click();
            const title = await waitForTab(page, `-sample-${sample}.arcdsl`, { timeoutMs: 30_000 });
            assert.ok(title.startsWith(task.replace(/[^\w.-]+/g, '-')), `tab ${title} names task ${task}`);
            await waitForTab(page, 'Grid Preview', { timeoutMs: 30_000 });
            const preview = await findWebview(page, { selector: '#preview .pair', timeoutMs: 60_000 });
            const pairs = await preview.frame.$$eval('#preview .pair', (nodes) =>
                nodes.map((n) => `${n.dataset.label}: ${n.dataset.status}`),
            );
            // The candidate rotates the wrong way: it fails the pairs of its own task.
            assert.ok(pairs.length >= 3, `pairs: ${JSON.stringify(pairs)}`);
            assert.ok(
                pairs.some((p) => p.endsWith('fail')),
                `the wrong candidate fails a pair: ${JSON.stringify(pairs)}; tabs: ${JSON.stringify(await tabTitles(page))}`,
            );
            await screenshot(page, 'evaluate-04-candidate-opened');
        }),
    );

    test('the form evaluates the tiny model, shows progress and the new run, and compares it with the first', { timeout: 400_000 }, () =>
        session.guard('evaluate', async (page) => {
            if (!(await view.locator('#run').evaluate((d) => d.open))) await view.locator('#run > summary').click();
            const models = path.join(workspace, 'arcdsl-data', 'models');
            assert.equal(await view.locator('#field-model').inputValue(), path.join(models, 'tiny'), 'the only model is filled in');
            assert.equal(
                await view.locator('#field-dataset').inputValue(),
                path.join(workspace, 'arcdsl-data', 'datasets', 'dataset'),
                'the only dataset is filled in',
            );
            await view.locator('#field-split').selectOption('train');
            await view.locator('#field-n').fill('2');
            await view.locator('#field-k').fill('1,2');
            // Every progress line the view shows, recorded in the page as it changes.
            await view.locator('#run .progress').evaluate((node) => {
                window.progressSeen = [];
                new MutationObserver(() => window.progressSeen.push(node.textContent)).observe(node, { childList: true, subtree: true });
            });
            await view.locator('#run button.primary').click();
            await view.locator('#run progress').waitFor({ timeout: 60_000 });
            await screenshot(page, 'evaluate-05-running');
            await poll(() => view.locator('h2.run-title').textContent(), {
                until: (t) => t === 'eval-2',
                timeoutMs: 300_000,
                message: 'the new run eval-2 opened',
            });
            const progress = await view.locator('#run .progress').textContent();
            assert.match(progress, /^16 \/ 16 candidates in the log/, 'tasks × n candidates written');
            const seen = (await view.evaluate(() => window.progressSeen)).filter((t) => /candidates/.test(t));
            const running = seen.filter((t) => / candidates scored/.test(t)).map((t) => Number(t.split(' ')[0]));
            assert.ok(running.length > 0, `progress while running: ${JSON.stringify(seen)}`);
            assert.deepEqual(
                running,
                [...running].sort((a, b) => a - b),
                'the count only grows',
            );
            console.log(`# progress lines seen: ${JSON.stringify([...new Set(seen.map((t) => t.split(' · ')[0]))])}`);
            const summary2 = JSON.parse(fs.readFileSync(path.join(models, 'evaluations', 'eval-2', 'summary.json'), 'utf8'));
            assert.equal(summary2.settings.model, path.join(models, 'tiny'));
            const functional = await view.locator('table.metrics tr[data-family="all"] td[data-metric="functional"]').textContent();
            assert.equal(functional, percent(summary2.scores.overall.functional));
            await screenshot(page, 'evaluate-06-new-run');

            await poll(() => view.locator('.run input[type=checkbox]').count(), { until: (n) => n === 2, message: 'both runs listed' });
            for (const tick of await view.locator('.run input[type=checkbox]').all()) await tick.check();
            await view.getByRole('button', { name: 'Compare ticked' }).click();
            await view.locator('table.comparison').waitFor({ timeout: 30_000 });
            const columns = await view.$$eval('table.comparison tr:first-child th', (ths) => ths.map((th) => th.textContent));
            assert.deepEqual(columns.slice(1).sort(), ['eval-1', 'eval-2']);
            await view.locator('#compare').scrollIntoViewIfNeeded();
            await screenshot(page, 'evaluate-07-compare');
        }),
    );

    test("a fine-tuning run's loss curve grows as metrics.jsonl does", { timeout: 120_000 }, () =>
        session.guard('loss', async (page) => {
            await runCommand(page, 'ARC DSL: Show Evaluation');
            await view.locator('#loss > summary').click();
            await view.locator('#loss select').selectOption({ label: 'run-1' });
            const points = () => view.$$eval('#loss svg.chart circle', (nodes) => nodes.length);
            await poll(points, { until: (n) => n === 2, message: 'two train-loss points', timeoutMs: 30_000 });
            fs.appendFileSync(
                path.join(workspace, 'arcdsl-data', 'models', 'run-1', 'metrics.jsonl'),
                '{"step": 30, "epoch": 0.9, "train_loss": 3.82, "learning_rate": 0.0003, "time": 1795659399.7}\n' +
                    '{"step": 30, "epoch": 0.9, "eval_loss": 3.76, "time": 1795659426.0}\n',
            );
            await poll(points, { until: (n) => n === 4, message: 'the appended train and eval losses drawn', timeoutMs: 30_000 });
            await view.locator('#loss').scrollIntoViewIfNeeded();
            await screenshot(page, 'evaluate-08-loss');
        }),
    );
});
