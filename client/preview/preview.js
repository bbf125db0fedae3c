// The Grid Preview webview. Draws the server's `arcdsl/preview` result (see server/preview-protocol.ts):
// every pair as input / expected / actual with the differing cells marked, then the `let` grids.
// Plain DOM; grids are drawn by client/webview/grids.js. Keyboard: Tab between grids and pair headers, arrow keys move between
// cells of the focused grid, Enter on a pair or step header shows its line in the editor.
(() => {
    const vscode = acquireVsCodeApi();
    const root = document.getElementById('preview');
    const { element, drawGrid, setPalette } = window.arcGrids;
    const STATUS_TEXT = {
        pass: 'passes',
        fail: 'fails',
        error: 'stops with an error',
        unchecked: 'no expected output',
        'not-run': 'not run',
    };
    const STATUS_ICON = { pass: '✓', fail: '✗', error: '⚠', unchecked: '•', 'not-run': '–' };

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
        if (pair.actual) grids.append(drawGrid(pair.actual, 'actual', 'actual', { diff: pair.diff, expected: pair.expected }));
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
        setPalette(data.palette);
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
