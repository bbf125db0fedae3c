import { COLOR_HEX } from '../language/colors.js';

/** The longest side of a hover image, in pixels. */
const IMAGE_SIDE = 240;

/**
 * A grid as an SVG picture: one rectangle per run of equal cells in a row, then the cell lines.
 * Rows may be ragged (a grid literal being typed); cells outside 0–9 (e.g. -1 around an object) stay transparent.
 */
export function gridSvg(rows: readonly (readonly number[])[]): string {
    const height = rows.length;
    const width = Math.max(1, ...rows.map((row) => row.length));
    const cell = Math.max(4, Math.min(24, Math.floor(IMAGE_SIDE / Math.max(height, width))));
    const w = width * cell;
    const h = height * cell;
    const parts = [`<svg xmlns="http://www.w3.org/2000/svg" width="${w + 1}" height="${h + 1}" viewBox="-0.5 -0.5 ${w + 1} ${h + 1}">`];
    rows.forEach((row, r) => {
        let start = 0;
        for (let c = 1; c <= row.length; c++) {
            if (c < row.length && row[c] === row[start]) continue;
            const fill = COLOR_HEX[row[start]] ?? 'none';
            parts.push(`<rect x="${start * cell}" y="${r * cell}" width="${(c - start) * cell}" height="${cell}" fill="${fill}"/>`);
            start = c;
        }
    });
    const lines: string[] = [];
    for (let r = 0; r <= height; r++) lines.push(`M0 ${r * cell}H${w}`);
    for (let c = 0; c <= width; c++) lines.push(`M${c * cell} 0V${h}`);
    parts.push(`<path d="${lines.join('')}" stroke="#555555" stroke-width="1" fill="none"/>`, '</svg>');
    return parts.join('');
}

/** Markdown showing a grid as an inline image (VS Code renders data-URI images in hovers). */
export function gridImageMarkdown(rows: readonly (readonly number[])[], alt: string): string {
    const data = Buffer.from(gridSvg(rows), 'utf8').toString('base64');
    return `![${alt}](data:image/svg+xml;base64,${data})`;
}
