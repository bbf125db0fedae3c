// Grids as pictures in every webview of the extension (Grid Preview, Evaluate Model, Dataset Explorer).
// Loaded before the view's own script; exposes `window.arcGrids`. Each grid is an ARIA grid: Tab
// reaches it, arrow keys / Home / End move between its cells, each cell names its colour.
(() => {
    const COLOR_NAMES = ['black', 'blue', 'red', 'green', 'yellow', 'grey', 'magenta', 'orange', 'azure', 'maroon'];
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

    /** Sets the ARC palette (--arc-0…9) from a list of CSS colours. */
    function setPalette(palette) {
        for (let i = 0; i < palette.length; i++) document.documentElement.style.setProperty(`--arc-${i}`, palette[i]);
    }

    /**
     * A grid with its caption. `options.diff` lists [row, col] cells that differ from `options.expected`;
     * `options.maxSide` is the drawn side in pixels of the larger dimension (default 200).
     */
    function drawGrid(rows, role, caption, options = {}) {
        const { diff, expected, maxSide = 200 } = options;
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
        grid.style.setProperty('--cell', `${Math.max(4, Math.min(22, Math.floor(maxSide / Math.max(height, width, 1))))}px`);
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

    /** The [row, col] cells where `actual` differs from `expected` (same-shaped grids only). */
    function diffCells(expected, actual) {
        if (!expected || !actual || expected.length !== actual.length) return [];
        const cells = [];
        expected.forEach((row, r) => {
            if (row.length !== actual[r].length) return;
            row.forEach((value, c) => {
                if (actual[r][c] !== value) cells.push([r, c]);
            });
        });
        return cells;
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

    // The extension puts the palette on <body data-palette="#000000,…">; the preview also sends it.
    if (document.body?.dataset.palette) setPalette(document.body.dataset.palette.split(','));

    window.arcGrids = { element, colorName, setPalette, drawGrid, diffCells };
})();
