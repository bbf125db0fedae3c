// The Grid Preview webview. Draws the server's `arcdsl/preview` result (see server/preview-protocol.ts):
// every pair as input / expected / actual with the differing cells marked, then the `let` grids.
// Plain DOM, no dependencies; keyboard: Tab between grids and pair headers, arrow keys move between
// cells of the focused grid, Enter on a pair or step header shows its line in the editor.
(() => {
    const vscode = acquireVsCodeApi();
    const root = document.getElementById('preview');
    const COLOR_NAMES = ['black', 'blue', 'red', 'green', 'yellow', 'grey', 'magenta', 'orange', 'azure', 'maroon'];
    const STATUS_TEXT = {
        pass: 'passes',
        fail: 'fails',
        error: 'stops with an error',
        unchecked: 'no expected output',
        'not-run': 'not run',
    };
    const STATUS_ICON = { pass: '✓', fail: '✗', error: '⚠', unchecked: '•', 'not-run': '–' };
    let gridCount = 0;

    function element(tag, className, text) {
        const node = document.createElement(tag);
        if (className) node.className = className;
        if (text !== undefined) node.textContent = text;
        return node;
    }

    function colorName(value) {
        return COLOR_NAMES[value] ?? `colour ${value}`;
    }

    /** A grid as an ARIA grid; `diff` marks cells that differ from `expected`. */
    function drawGrid(rows, role, caption, diff, expected) {
        const figure = element('figure', 'figure');
        const height = rows.length;
        const width = Math.max(0, ...rows.map((row) => row.length));
        const id = `g${++gridCount}`;
        const grid = element('div', 'grid');
        grid.id = id;
        grid.dataset.role = role;
        grid.dataset.rows = String(height);
        grid.dataset.cols = String(width);
        grid.setAttribute('role', 'grid');
        grid.setAttribute('aria-label', `${caption}, ${height}×${width}${diff?.length ? `, ${diff.length} cells differ` : ''}`);
        grid.tabIndex = 0;
        grid.style.setProperty('--cols', String(width));
        grid.style.setProperty('--cell', `${Math.max(6, Math.min(22, Math.floor(200 / Math.max(height, width, 1))))}px`);
        const differs = new Set((diff ?? []).map(([r, c]) => `${r},${c}`));
        rows.forEach((row, r) => {
            const rowNode = element('div', 'row');
            rowNode.setAttribute('role', 'row');
            for (let c = 0; c < width; c++) {
                const value = row[c];
                const cell = element('div', `cell c${value ?? 'x'}`);
                cell.id = `${id}-${r}-${c}`;
                cell.setAttribute('role', 'gridcell');
                let label = `row ${r}, col ${c}: ${value === undefined ? 'missing' : colorName(value)}`;
                if (differs.has(`${r},${c}`)) {
                    cell.classList.add('diff');
                    label += `, differs: expected ${colorName(expected?.[r]?.[c])}`;
                }
                cell.setAttribute('aria-label', label);
                rowNode.append(cell);
            }
            grid.append(rowNode);
        });
        grid.addEventListener('keydown', (event) => moveCursor(grid, event));
        grid.addEventListener('focus', () => setActive(grid, grid.dataset.active ?? '0,0'));
        figure.append(grid, element('figcaption', 'caption', `${caption} ${height}×${width}`));
        return figure;
    }

    function setActive(grid, key) {
        const [r, c] = key.split(',').map(Number);
        const cell = document.getElementById(`${grid.id}-${r}-${c}`);
        if (!cell) return;
        grid.querySelector('.cell.active')?.classList.remove('active');
        cell.classList.add('active');
        grid.dataset.active = key;
        grid.setAttribute('aria-activedescendant', cell.id);
    }

    const MOVES = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };

    function moveCursor(grid, event) {
        const move = MOVES[event.key];
        let [r, c] = (grid.dataset.active ?? '0,0').split(',').map(Number);
        const rows = Number(grid.dataset.rows);
        const cols = Number(grid.dataset.cols);
        if (move) {
            r = Math.max(0, Math.min(rows - 1, r + move[0]));
            c = Math.max(0, Math.min(cols - 1, c + move[1]));
        } else if (event.key === 'Home') {
            c = 0;
        } else if (event.key === 'End') {
            c = cols - 1;
        } else {
            return;
        }
        event.preventDefault();
        setActive(grid, `${r},${c}`);
    }

    /** A header button that shows a line in the editor. */
    function revealButton(className, text, line, label) {
        const button = element('button', className, text);
        button.type = 'button';
        if (label) button.setAttribute('aria-label', label);
        button.addEventListener('click', () => vscode.postMessage({ type: 'reveal', line }));
        return button;
    }

    function drawPair(pair) {
        const section = element('section', `pair ${pair.status}`);
        section.dataset.label = pair.label;
        section.dataset.status = pair.status;
        section.setAttribute('aria-label', `${pair.label}: ${STATUS_TEXT[pair.status]}${pair.message ? `, ${pair.message}` : ''}`);
        const header = element('h2', 'pair-header');
        header.append(
            revealButton(
                'pair-title',
                `${STATUS_ICON[pair.status]} ${pair.label}`,
                pair.line,
                `${pair.label}, ${STATUS_TEXT[pair.status]}: show in editor`,
            ),
        );
        if (pair.message) header.append(element('span', 'message', pair.message));
        section.append(header);

        const grids = element('div', 'grids');
        grids.append(drawGrid(pair.input, 'input', 'input'));
        if (pair.expected) grids.append(drawGrid(pair.expected, 'expected', 'expected'));
        if (pair.actual) grids.append(drawGrid(pair.actual, 'actual', 'actual', pair.diff, pair.expected));
        section.append(grids);

        if (pair.lets.length > 0) {
            const steps = element('details', 'steps');
            steps.open = true;
            steps.append(element('summary', 'steps-title', `steps (${pair.lets.length})`));
            const row = element('div', 'grids');
            for (const step of pair.lets) {
                const figure = drawGrid(step.rows, 'let', `let ${step.name}`);
                figure.dataset.name = step.name;
                figure.prepend(revealButton('step-title', step.name, step.line, `let ${step.name}: show in editor`));
                row.append(figure);
            }
            steps.append(row);
            section.append(steps);
        }
        return section;
    }

    function render(data) {
        gridCount = 0;
        for (let i = 0; i < data.palette.length; i++) document.documentElement.style.setProperty(`--arc-${i}`, data.palette[i]);
        root.dataset.status = data.status;
        root.setAttribute('aria-busy', 'false');
        const fragment = document.createDocumentFragment();
        const header = element('header', 'summary-bar');
        const title = element('h1', 'title', data.title);
        if (data.family) title.append(element('span', 'family', data.family));
        const summary = element('p', `summary ${data.status}`, data.summary);
        summary.id = 'summary';
        summary.setAttribute('role', 'status');
        header.append(title, summary);
        fragment.append(header);
        if (data.problems.length > 0) {
            const list = element('ul', 'problems');
            list.setAttribute('aria-label', 'errors that keep the program from running');
            for (const problem of data.problems) {
                const item = element('li');
                item.append(revealButton('problem', `line ${problem.line + 1}: ${problem.message}`, problem.line));
                list.append(item);
            }
            fragment.append(list);
        }
        if (data.pairs.length === 0) {
            fragment.append(element('p', 'empty', 'This document has no task: add `task "name" { train [..] -> [..] }` to see its grids.'));
        }
        for (const pair of data.pairs) fragment.append(drawPair(pair));
        // Keep keyboard focus on the same grid across updates.
        const focused = document.activeElement?.closest?.('.grid')?.id;
        root.replaceChildren(fragment);
        if (focused) document.getElementById(focused)?.focus({ preventScroll: true });
    }

    window.addEventListener('message', (event) => {
        const message = event.data;
        if (message?.type === 'preview') {
            vscode.setState(message.data);
            render(message.data);
        }
    });

    const saved = vscode.getState();
    if (saved) render(saved);
    vscode.postMessage({ type: 'ready' });
})();
