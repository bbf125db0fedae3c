import { COLOR_HEX } from '../language/colors.js';
import type { Grid } from '../language/grid.js';

/**
 * Whether to draw grids in colour: on a terminal unless NO_COLOR is set (https://no-color.org);
 * FORCE_COLOR=1 forces it (e.g. through a pipe).
 */
export function colorEnabled(stream: { isTTY?: boolean } = process.stdout): boolean {
    if (process.env.NO_COLOR) return false;
    if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
    return stream.isTTY === true;
}

const RESET = '\x1b[0m';
const BACKGROUNDS = COLOR_HEX.map((hex) => {
    const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
    return `\x1b[48;2;${r};${g};${b}m`;
});

/** The grid's rows as text lines: two-space cells in 24-bit background colour, or digits. */
export function gridLines(grid: Grid, color: boolean): string[] {
    const lines: string[] = [];
    for (let r = 0; r < grid.height; r++) {
        const row = grid.cells.subarray(r * grid.width, (r + 1) * grid.width);
        if (!color) {
            lines.push(Array.from(row).join(' '));
            continue;
        }
        let line = '';
        for (let c = 0; c < row.length; c++) line += row[c] === row[c - 1] ? '  ' : `${BACKGROUNDS[row[c]]}  `; // escape only on a change
        lines.push(line + RESET);
    }
    return lines;
}

/** Columns a grid takes on screen (colour escapes are invisible). */
function gridWidth(grid: Grid, color: boolean): number {
    return color ? grid.width * 2 : grid.width * 2 - 1;
}

/** Titled grids side by side, e.g. input → output → expected, each title above its grid. */
export function gridsSideBySide(items: { title: string; grid: Grid }[], color: boolean, indent = '  '): string {
    const gap = '   ';
    const widths = items.map(({ title, grid }) => Math.max(title.length, gridWidth(grid, color)));
    const blocks = items.map(({ grid }) => gridLines(grid, color));
    const height = Math.max(...blocks.map((b) => b.length));
    const lines = [
        indent +
            items
                .map(({ title }, i) => title.padEnd(widths[i]))
                .join(gap)
                .trimEnd(),
    ];
    for (let r = 0; r < height; r++) {
        const cells = items.map(({ grid }, i) => {
            const line = blocks[i][r];
            return line === undefined ? ' '.repeat(widths[i]) : line + ' '.repeat(widths[i] - gridWidth(grid, color));
        });
        lines.push((indent + cells.join(gap)).trimEnd());
    }
    return `${lines.join('\n')}\n`;
}
