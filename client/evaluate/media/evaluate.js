// The Evaluate Model view (client/evaluate/evaluate-view.ts). Plain DOM: a form that starts an
// evaluation, the list of earlier runs, a run's results (metrics table, pass@k chart and family bars
// drawn as SVG from the layouts in evaluator/chart-layout.ts, candidates as grids), a comparison of
// runs and a fine-tuning run's loss curve. Every control is a native button, input or select, so
// Tab / Enter / Space work; charts carry a text alternative (the table beside them holds the numbers).
(() => {
    const vscode = acquireVsCodeApi();
    const { element, drawGrid, diffCells } = window.arcGrids;
    const SVG = 'http://www.w3.org/2000/svg';
    const root = document.getElementById('evaluate');
    const percent = (v) => `${(100 * v).toFixed(1)}%`;
    const FAILURES = ['parse', 'type', 'runtime', 'budget', 'timeout', 'crash', 'wrong_output'];

    let state = { runs: [], trainingRuns: [], models: [], datasets: [] };
    let filter = {};

    function button(text, onClick, className = 'button', label) {
        const node = element('button', className, text);
        node.type = 'button';
        if (label) node.setAttribute('aria-label', label);
        node.addEventListener('click', onClick);
        return node;
    }

    function section(id, title, open = true) {
        const details = element('details', 'section');
        details.id = id;
        details.open = open;
        details.append(element('summary', 'section-title', title));
        const body = element('div', 'section-body');
        details.append(body);
        return { details, body };
    }

    function message(text, kind = 'note') {
        const node = element('p', kind, text);
        if (kind === 'error') node.setAttribute('role', 'alert');
        return node;
    }

    function svg(tag, attributes = {}, text) {
        const node = document.createElementNS(SVG, tag);
        for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
        if (text !== undefined) node.textContent = text;
        return node;
    }

    // ---- layout

    const form = section('run', 'Run an evaluation', false);
    const runs = section('runs', 'Runs');
    const resultsSection = section('results', 'Results');
    const compareSection = section('compare', 'Compare runs', false);
    const lossSection = section('loss', 'Fine-tuning loss', false);
    root.replaceChildren(form.details, runs.details, resultsSection.details, compareSection.details, lossSection.details);
    resultsSection.body.append(message('Open a run to see its results.', 'empty'));

    // ---- the form

    const fields = {};
    function field(name, label, input, browse) {
        const row = element('div', 'field');
        const id = `field-${name}`;
        const caption = element('label', undefined, label);
        caption.htmlFor = id;
        input.id = id;
        input.name = name;
        row.append(caption, input);
        if (browse)
            row.append(
                button('…', () => vscode.postMessage({ type: 'browse', field: name }), 'button icon', `Browse for the ${name} folder`),
            );
        fields[name] = input;
        return row;
    }
    function textInput(value = '', list) {
        const input = element('input');
        input.type = 'text';
        input.value = value;
        if (list) input.setAttribute('list', list);
        return input;
    }
    const split = element('select');
    for (const name of ['test', 'validation', 'train']) split.append(new Option(name, name));
    const modelList = element('datalist');
    modelList.id = 'models';
    const datasetList = element('datalist');
    datasetList.id = 'datasets';
    const formElement = element('form', 'form');
    const progress = element('div', 'progress');
    progress.setAttribute('aria-live', 'polite');
    const runButton = element('button', 'button primary', 'Evaluate');
    runButton.type = 'submit';
    formElement.append(
        field('model', 'Model', textInput('', 'models'), true),
        field('dataset', 'Dataset', textInput('', 'datasets'), true),
        field('split', 'Split', split),
        field('n', 'n (samples per task)', textInput('20')),
        field('k', 'k (pass@k)', textInput('1,5,10')),
        modelList,
        datasetList,
        runButton,
        progress,
    );
    formElement.addEventListener('submit', (event) => {
        event.preventDefault();
        const n = Number(fields.n.value);
        const k = fields.k.value.trim();
        let problem;
        if (!fields.model.value.trim()) problem = 'Choose a model folder.';
        else if (!fields.dataset.value.trim()) problem = 'Choose a dataset folder.';
        else if (!Number.isInteger(n) || n < 1) problem = 'n must be a whole number ≥ 1.';
        else if (!/^\d+(,\d+)*$/.test(k) || k.split(',').some((v) => Number(v) < 1 || Number(v) > n))
            problem = `k must be numbers from 1 to n, like 1,5,10.`;
        if (problem) {
            progress.replaceChildren(message(problem, 'error'));
            return;
        }
        runButton.disabled = true;
        progress.replaceChildren(message('Starting…'));
        vscode.postMessage({ type: 'evaluate', model: fields.model.value, dataset: fields.dataset.value, split: split.value, n, k });
    });
    form.body.append(formElement);

    function showProgress({ folder, done, total, running }) {
        const bar = element('progress');
        bar.max = total ?? Math.max(done, 1);
        bar.value = done;
        bar.setAttribute('aria-label', 'candidates scored');
        const text = `${done}${total ? ` / ${total}` : ''} candidates ${running ? 'scored' : 'in the log'} · ${folder}`;
        progress.replaceChildren(bar, message(text));
        runButton.disabled = running;
    }

    // ---- runs

    function drawRuns() {
        runs.body.replaceChildren();
        const list = element('ul', 'runs');
        list.setAttribute('aria-label', 'evaluation runs');
        for (const run of state.runs) {
            const item = element('li', 'run');
            const tick = element('input');
            tick.type = 'checkbox';
            tick.value = run.folder;
            tick.disabled = !run.complete;
            tick.setAttribute('aria-label', `compare ${run.label}`);
            const open = button(run.label, () => vscode.postMessage({ type: 'open', folder: run.folder }), 'link run-open');
            open.title = run.folder;
            item.append(tick, open);
            if (!run.complete) item.append(element('span', 'badge', 'no summary yet'));
            list.append(item);
        }
        if (state.runs.length === 0)
            runs.body.append(
                message(`No evaluation runs found (they go to ${state.evaluationsFolder ?? 'the evaluations folder'}).`, 'empty'),
            );
        else runs.body.append(list);
        const actions = element('div', 'actions');
        actions.append(
            button('Compare ticked', () => {
                const folders = [...list.querySelectorAll('input:checked')].map((t) => t.value);
                compareSection.details.open = true;
                vscode.postMessage({ type: 'compare', folders });
            }),
            button('Open folder…', () => vscode.postMessage({ type: 'browse', field: 'run' })),
            button('Refresh', () => vscode.postMessage({ type: 'refresh' })),
        );
        runs.body.append(actions);
    }

    function fillForm() {
        modelList.replaceChildren(...state.models.map((m) => new Option(m)));
        datasetList.replaceChildren(...state.datasets.map((d) => new Option(d)));
        if (!fields.model.value && state.models.length === 1) fields.model.value = state.models[0];
        if (!fields.dataset.value && state.datasets.length === 1) fields.dataset.value = state.datasets[0];
    }

    // ---- results

    function metricsTable(result) {
        const wrap = element('div', 'table-wrap');
        const table = element('table', 'metrics');
        table.setAttribute('aria-label', `scores of ${result.name}`);
        const head = [
            '',
            'tasks',
            'cand.',
            'exact',
            'valid',
            'functional',
            'train-cons.',
            ...result.ks.map((k) => `pass@${k}`),
            'verified@1',
        ];
        const headRow = element('tr');
        for (const h of head) {
            const th = element('th', undefined, h);
            th.scope = 'col';
            headRow.append(th);
        }
        table.append(headRow);
        for (const { name, metrics: m } of result.rows) {
            const row = element('tr');
            row.dataset.family = name;
            const th = element('th', undefined, name);
            th.scope = 'row';
            row.append(th);
            const cells = [
                m.tasks,
                m.candidates,
                percent(m.exact),
                percent(m.valid),
                percent(m.functional),
                percent(m.trainConsistent),
                ...result.ks.map((k) => (m.passAtK[k] === undefined ? '—' : percent(m.passAtK[k]))),
                percent(m.verifiedAt1),
            ];
            for (const [i, value] of cells.entries()) {
                const td = element('td', undefined, String(value));
                td.dataset.metric = head[i + 1];
                row.append(td);
            }
            table.append(row);
        }
        wrap.append(table);
        return wrap;
    }

    /** A line chart from a LineChartLayout (evaluator/chart-layout.ts). */
    function lineChart(chart, label) {
        const node = svg('svg', {
            viewBox: `0 0 ${chart.width} ${chart.height}`,
            width: chart.width,
            height: chart.height,
            role: 'img',
            'aria-label': label,
            class: 'chart',
        });
        const { plot } = chart;
        for (const tick of chart.yTicks) {
            node.append(svg('line', { x1: plot.left, x2: plot.left + plot.width, y1: tick.at, y2: tick.at, class: 'gridline' }));
            node.append(svg('text', { x: plot.left - 6, y: tick.at + 4, 'text-anchor': 'end', class: 'tick' }, tick.label));
        }
        for (const tick of chart.xTicks)
            node.append(svg('text', { x: tick.at, y: plot.top + plot.height + 16, 'text-anchor': 'middle', class: 'tick' }, tick.label));
        node.append(
            svg('text', { x: plot.left + plot.width / 2, y: chart.height - 6, 'text-anchor': 'middle', class: 'axis-title' }, chart.xTitle),
        );
        let family = 0;
        for (const series of chart.series) {
            const colour = series.emphasis ? 'series-main' : `series-${family++ % 8}`;
            const group = svg('g', { class: colour });
            group.append(
                svg('polyline', {
                    points: series.points.map((p) => `${p.x},${p.y}`).join(' '),
                    class: series.emphasis ? 'line main' : 'line',
                }),
            );
            for (const p of series.points) {
                const dot = svg('circle', { cx: p.x, cy: p.y, r: series.emphasis ? 4 : 2.5 });
                dot.append(svg('title', {}, `${series.name} ${p.label}: ${Number.isInteger(p.value) ? p.value : p.value.toFixed(3)}`));
                group.append(dot);
            }
            group.append(
                svg('line', {
                    x1: series.legend.x - 25,
                    x2: series.legend.x - 5,
                    y1: series.legend.y - 4,
                    y2: series.legend.y - 4,
                    class: 'line',
                }),
            );
            group.append(svg('text', { x: series.legend.x, y: series.legend.y, class: 'legend' }, series.name));
            node.append(group);
        }
        return node;
    }

    function familyBars(bars) {
        const node = svg('svg', {
            viewBox: `0 0 ${bars.width} ${bars.height}`,
            role: 'img',
            'aria-label': 'functional, exact and verified@1 by family',
            class: 'chart bars',
        });
        for (const entry of bars.legend) {
            node.append(svg('rect', { x: entry.x, y: 4, width: 10, height: 10, class: `bar ${entry.measure}` }));
            node.append(svg('text', { x: entry.x + 14, y: 13, class: 'legend' }, entry.label));
        }
        for (const group of bars.groups) {
            node.append(svg('text', { x: bars.labelX, y: group.labelY, 'text-anchor': 'end', class: 'legend' }, group.family));
            for (const bar of group.bars) {
                node.append(svg('rect', { x: bar.x, y: bar.y, width: bar.fullWidth, height: bar.height, class: 'bar-track' }));
                const fill = svg('rect', { x: bar.x, y: bar.y, width: bar.width, height: bar.height, class: `bar ${bar.measure}` });
                fill.append(svg('title', {}, `${group.family} ${bar.measure}: ${percent(bar.value)}`));
                node.append(fill);
                node.append(svg('text', { x: bar.x + bar.fullWidth + 6, y: bar.y + bar.height - 1, class: 'tick' }, percent(bar.value)));
            }
        }
        return node;
    }

    function drawResults(result, page) {
        filter = {};
        const body = resultsSection.body;
        body.replaceChildren();
        resultsSection.details.open = true;
        const s = result.settings;
        body.append(
            element('h2', 'run-title', result.name),
            message(
                `${s.model} · ${s.dataset} (${s.split}) · ${result.tasks} tasks × n=${s.n} · temperature ${s.temperature} · ${result.seconds.toFixed(1)} s`,
                'meta',
            ),
        );
        for (const problem of result.problems) body.append(message(problem, 'warning'));
        body.append(element('h3', undefined, 'Scores'), metricsTable(result));
        if (result.omitted.length)
            body.append(message(`Not reported: ${result.omitted.map((o) => `pass@${o.k} (${o.reason})`).join('; ')}.`, 'note'));
        if (result.chart) body.append(element('h3', undefined, 'pass@k'), lineChart(result.chart, `pass@k of ${result.name}`));
        body.append(element('h3', undefined, 'By family'), familyBars(result.bars));
        body.append(element('h3', undefined, 'Candidates'), candidateFilters(result));
        const list = element('div', 'candidates');
        list.id = 'candidates';
        body.append(list);
        drawPage(page);
    }

    function candidateFilters(result) {
        const row = element('div', 'filters');
        const family = element('select');
        family.setAttribute('aria-label', 'family');
        family.append(new Option('all families', ''), ...result.families.map((f) => new Option(f, f)));
        const outcome = element('select');
        outcome.setAttribute('aria-label', 'outcome');
        outcome.append(new Option('all outcomes', 'all'), new Option('functional', 'functional'), new Option('failing', 'failing'));
        outcome.append(...FAILURES.map((f) => new Option(f.replace('_', ' '), f)));
        const change = () => {
            filter = { family: family.value || undefined, outcome: outcome.value };
            vscode.postMessage({ type: 'page', filter, offset: 0 });
        };
        family.addEventListener('change', change);
        outcome.addEventListener('change', change);
        row.append(family, outcome);
        return row;
    }

    function drawCandidate(c) {
        const card = element('article', `candidate ${c.functional ? 'pass' : 'fail'}`);
        card.dataset.task = c.task;
        card.dataset.sample = String(c.sample);
        const verdict = c.functional ? '✓ functional' : `✗ ${(c.failure ?? 'failed').replace('_', ' ')}`;
        const open = button(
            `${c.task} · sample ${c.sample}`,
            () => vscode.postMessage({ type: 'openCandidate', task: c.task, sample: c.sample }),
            'link candidate-open',
        );
        open.setAttribute('aria-label', `open ${c.task} sample ${c.sample} (${verdict}) as a task with the Grid Preview`);
        const header = element('header', 'candidate-header');
        header.append(open, element('span', `verdict ${c.functional ? 'pass' : 'fail'}`, verdict));
        card.append(header);
        if (c.message) {
            // Parse errors list every expected token: the first lines say enough, the tooltip has it all.
            const short = c.message.length > 160 ? `${c.message.slice(0, 160)}…` : c.message;
            const note = message(short, 'note');
            note.title = c.message;
            card.append(note);
        }
        const grids = element('div', 'grids');
        const side = 90;
        if (c.input) grids.append(drawGrid(c.input, 'input', 'input', { maxSide: side }));
        if (c.expected) grids.append(drawGrid(c.expected, 'expected', 'expected', { maxSide: side }));
        if (c.got) grids.append(drawGrid(c.got, 'got', 'got', { maxSide: side, diff: diffCells(c.expected, c.got), expected: c.expected }));
        else grids.append(element('p', 'note no-output', 'no output'));
        card.append(grids, element('pre', 'program', c.program));
        // Clicking anywhere on the card but a grid or the text opens it too.
        card.addEventListener('click', (event) => {
            if (event.target === card || event.target === header) open.click();
        });
        return card;
    }

    function drawPage(page) {
        const list = document.getElementById('candidates');
        if (!list) return;
        list.replaceChildren();
        list.setAttribute('aria-label', `${page.total} candidates`);
        if (page.total === 0) {
            list.append(message('No candidates match.', 'empty'));
            return;
        }
        for (const c of page.candidates) list.append(drawCandidate(c));
        const pager = element('div', 'pager');
        const end = page.offset + page.candidates.length;
        const go = (offset) => vscode.postMessage({ type: 'page', filter, offset });
        const previous = button('‹ Previous', () => go(Math.max(0, page.offset - page.candidates.length)));
        previous.disabled = page.offset === 0;
        const next = button('Next ›', () => go(end));
        next.disabled = end >= page.total;
        pager.append(previous, element('span', 'meta', `${page.offset + 1}–${end} of ${page.total}`), next);
        list.append(pager);
    }

    // ---- comparison

    function drawComparison(comparison) {
        const wrap = element('div', 'table-wrap');
        const table = element('table', 'comparison');
        table.setAttribute('aria-label', 'runs compared');
        const head = element('tr');
        head.append(element('th'));
        for (const run of comparison.runs) {
            const th = element('th', undefined, run.name);
            th.scope = 'col';
            th.title = run.folder;
            head.append(th);
        }
        table.append(head);
        const settings = new Set(comparison.settings);
        for (const row of [...comparison.settings, ...comparison.scores]) {
            const tr = element('tr');
            const th = element('th', undefined, row.label);
            th.scope = 'row';
            tr.append(th);
            row.values.forEach((value, i) => {
                // Settings are long paths: the last two parts, the whole in the tooltip.
                const shown = settings.has(row) ? value.replace(/^.*?([^/\\]+[/\\][^/\\]+)$/, '…/$1') : value;
                const td = element('td', row.best.includes(i) ? 'best' : settings.has(row) ? 'setting' : undefined, shown);
                td.title = value;
                if (row.best.includes(i)) td.setAttribute('aria-label', `${value}, best`);
                tr.append(td);
            });
            table.append(tr);
        }
        wrap.append(table);
        compareSection.body.replaceChildren(wrap);
        compareSection.details.open = true;
    }

    // ---- loss curve

    const lossPicker = element('div', 'actions');
    const lossOutput = element('div', 'loss-output');
    lossOutput.setAttribute('aria-live', 'polite');
    lossSection.body.append(lossPicker, lossOutput);

    function drawTrainingRuns() {
        const select = element('select');
        select.setAttribute('aria-label', 'fine-tuning run');
        select.append(new Option(state.trainingRuns.length ? 'choose a fine-tuning run' : 'no fine-tuning runs found', ''));
        select.append(...state.trainingRuns.map((r) => new Option(r.label, r.folder)));
        select.addEventListener('change', () => select.value && vscode.postMessage({ type: 'loss', folder: select.value }));
        lossPicker.replaceChildren(
            select,
            button('Open folder…', () => vscode.postMessage({ type: 'browse', field: 'loss' })),
        );
    }

    function drawLoss(folder, curve) {
        lossSection.details.open = true;
        const parts = [message(`${folder}${curve.lastStep === undefined ? '' : ` · step ${curve.lastStep}`}`, 'meta')];
        for (const problem of curve.problems) parts.push(message(problem, 'warning'));
        if (curve.chart) parts.push(lineChart(curve.chart, 'training and evaluation loss by step'));
        else parts.push(message('No loss logged yet.', 'empty'));
        if (curve.latest.length) {
            const table = element('table', 'latest');
            for (const m of curve.latest) {
                const tr = element('tr');
                tr.append(
                    element('th', undefined, m.name),
                    element('td', undefined, m.value.toFixed(3)),
                    element('td', 'meta', `step ${m.step}`),
                );
                table.append(tr);
            }
            parts.push(table);
        }
        lossOutput.replaceChildren(...parts);
    }

    // ---- messages

    window.addEventListener('message', (event) => {
        const m = event.data;
        switch (m.type) {
            case 'state':
                state = m;
                drawRuns();
                fillForm();
                drawTrainingRuns();
                form.details.open ||= state.runs.length === 0;
                break;
            case 'field':
                fields[m.field].value = m.value;
                break;
            case 'progress':
                form.details.open = true;
                showProgress(m);
                break;
            case 'results':
                drawResults(m.results, m.page);
                break;
            case 'page':
                drawPage(m.page);
                break;
            case 'comparison':
                drawComparison(m.comparison);
                break;
            case 'loss':
                drawLoss(m.folder, m.curve);
                break;
            case 'error': {
                const target = { run: progress, compare: compareSection.body, loss: lossOutput }[m.area];
                if (m.area === 'run') runButton.disabled = false;
                if (target) target.replaceChildren(message(m.message, 'error'));
                else {
                    resultsSection.details.open = true;
                    resultsSection.body.replaceChildren(message(m.message, 'error'));
                }
                break;
            }
        }
    });
    vscode.postMessage({ type: 'ready' });
})();
