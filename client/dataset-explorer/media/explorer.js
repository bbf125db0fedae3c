// The Dataset Explorer webview: counts per split and family, filters, and one page of records at a
// time, each drawn as grids (client/webview/grids.js) with its solution and an "Open as task" button.
// The extension host reads the dataset (client/dataset-explorer/dataset-source.ts) and sends pages.
// Keyboard: every control is a native select / input / button; Tab reaches each grid, arrow keys move in it.
(() => {
    const vscode = acquireVsCodeApi();
    const root = document.getElementById('explorer');
    const { element, drawGrid } = window.arcGrids;
    const GRID_SIDE = 110;

    /** Filter and position survive the webview being hidden and shown again. */
    const state = { filter: {}, offset: 0, ...(vscode.getState() ?? {}) };
    let summary;
    let pageSize = 25;
    let request = 0;
    let searchTimer;
    const view = {};

    function label(text, control) {
        const node = element('label', 'filter');
        node.append(element('span', 'filter-name', text), control);
        return node;
    }

    function select(id, allText, values, current) {
        const node = element('select');
        node.id = id;
        node.append(new Option(allText, ''));
        for (const value of values) node.append(new Option(value, value, false, value === current));
        return node;
    }

    function button(text, className, onClick) {
        const node = element('button', className, text);
        node.type = 'button';
        node.addEventListener('click', onClick);
        return node;
    }

    function drawSummary() {
        root.replaceChildren();
        root.removeAttribute('aria-busy');
        const unit = summary.kind === 'arrow' ? 'Split' : 'File';
        const header = element('header', 'dataset-header');
        header.append(
            element('h1', 'title', summary.name),
            element('p', 'path', `${summary.kind === 'arrow' ? 'Arrow dataset' : 'JSONL'} · ${summary.path}`),
        );
        root.append(header, drawCounts(unit));

        if (summary.problemCount > 0) {
            const problems = element('details', 'problems');
            problems.append(
                element(
                    'summary',
                    undefined,
                    `${summary.problemCount} unreadable record${summary.problemCount === 1 ? '' : 's'} (skipped)`,
                ),
            );
            const list = element('ul');
            for (const problem of summary.problems) list.append(element('li', undefined, problem));
            if (summary.problemCount > summary.problems.length)
                list.append(element('li', undefined, `… and ${summary.problemCount - summary.problems.length} more`));
            problems.append(list);
            root.append(problems);
        }

        const filters = element('form', 'filters');
        filters.setAttribute('role', 'search');
        filters.addEventListener('submit', (event) => {
            event.preventDefault();
            apply();
        });
        view.family = select('family', 'All families', summary.families, state.filter.family);
        view.split = select('split', unit === 'Split' ? 'All splits' : 'All files', summary.splits, state.filter.split);
        view.search = element('input');
        view.search.type = 'search';
        view.search.id = 'search';
        view.search.placeholder = 'id or program text';
        view.search.value = state.filter.search ?? '';
        view.family.addEventListener('change', apply);
        view.split.addEventListener('change', apply);
        view.search.addEventListener('input', () => {
            clearTimeout(searchTimer);
            searchTimer = setTimeout(apply, 300);
        });
        filters.append(label('Family', view.family), label(unit, view.split), label('Search', view.search));
        root.append(filters);

        view.status = element('p', 'status');
        view.status.setAttribute('role', 'status');
        view.prev = button('◀ Previous', 'pager-button', () => query(Math.max(0, state.offset - pageSize)));
        view.next = button('Next ▶', 'pager-button', () => query(state.offset + pageSize));
        const pager = element('nav', 'pager');
        pager.setAttribute('aria-label', 'Pages');
        pager.append(view.prev, view.status, view.next);
        view.records = element('div', 'records');
        view.records.setAttribute('aria-live', 'polite');
        root.append(pager, view.records);
        query(state.offset);
    }

    /** A table of records per split (rows) and family (columns), with totals. */
    function drawCounts(unit) {
        const table = element('table', 'counts');
        table.append(element('caption', undefined, `${summary.total} records`));
        const head = element('tr');
        head.append(element('th', undefined, unit));
        for (const family of summary.families) head.append(element('th', undefined, family));
        head.append(element('th', undefined, 'total'));
        table.append(head);
        for (const split of summary.splits) {
            const row = element('tr');
            row.dataset.split = split;
            row.append(element('th', undefined, split));
            let total = 0;
            for (const family of summary.families) {
                const n = summary.counts[split]?.[family] ?? 0;
                total += n;
                row.append(element('td', n ? undefined : 'zero', String(n)));
            }
            row.append(element('td', 'total', String(total)));
            table.append(row);
        }
        return table;
    }

    function apply() {
        state.filter = {
            family: view.family.value || undefined,
            split: view.split.value || undefined,
            search: view.search.value.trim() || undefined,
        };
        query(0);
    }

    function query(offset) {
        state.offset = offset;
        vscode.setState(state);
        root.setAttribute('aria-busy', 'true');
        view.status.textContent = 'Reading…';
        vscode.postMessage({ type: 'query', request: ++request, filter: state.filter, offset });
    }

    function drawPage(page) {
        root.removeAttribute('aria-busy');
        const first = page.records.length ? page.offset + 1 : 0;
        const last = page.offset + page.records.length;
        const of = page.total === undefined ? `${last}+ matching` : `${page.total} matching`;
        view.status.textContent = page.records.length ? `${first}–${last} of ${of}` : 'No records match';
        view.prev.disabled = page.offset === 0;
        view.next.disabled = !page.hasMore;
        view.records.replaceChildren(...page.records.map(drawRecord));
    }

    function drawRecord(record) {
        const article = element('article', 'record');
        article.dataset.id = record.id;
        article.dataset.family = record.family;
        article.dataset.split = record.split;
        const heading = element('h2', 'record-title', record.id);
        heading.id = `r-${record.location.replace(/[^\w-]/g, '_')}`;
        article.setAttribute('aria-labelledby', heading.id);
        const meta = element('p', 'record-meta', [record.family, record.subRule, record.location].filter(Boolean).join(' · '));
        const open = button('Open as task', 'open-task', () => vscode.postMessage({ type: 'openTask', location: record.location }));
        open.setAttribute('aria-label', `Open ${record.id} as task`);
        const header = element('header', 'record-header');
        header.append(heading, meta, open);

        const grids = element('div', 'grids');
        record.train.forEach((pair, i) => {
            grids.append(drawPair(pair, `train ${i + 1}`, 'train'));
        });
        grids.append(drawPair(record.test, 'test', 'test'));
        const solution = element('pre', 'solution');
        solution.append(element('code', undefined, record.solution));
        solution.setAttribute('aria-label', 'solution');
        article.append(header, grids, solution);
        return article;
    }

    function drawPair(pair, caption, kind) {
        const node = element('div', `pair ${kind}`);
        node.append(drawGrid(pair.input, 'input', `${caption} input`, { maxSide: GRID_SIDE }));
        node.append(element('span', 'arrow', '→'));
        node.append(drawGrid(pair.output, 'output', `${caption} output`, { maxSide: GRID_SIDE }));
        return node;
    }

    function showError(message) {
        root.removeAttribute('aria-busy');
        const error = element('p', 'error', message);
        error.setAttribute('role', 'alert');
        if (view.records) view.records.replaceChildren(error);
        else root.replaceChildren(error);
        if (view.status) view.status.textContent = '';
    }

    window.addEventListener('message', (event) => {
        const message = event.data;
        if (message.type === 'summary') {
            summary = message.summary;
            pageSize = message.pageSize;
            drawSummary();
        } else if (message.type === 'error') {
            showError(message.message);
        } else if (message.type === 'page' && message.request === request) {
            drawPage(message.page);
        } else if (message.type === 'pageError' && message.request === request) {
            showError(message.message);
        }
    });
    vscode.postMessage({ type: 'ready' });
})();
