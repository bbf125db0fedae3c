import { COLOR_HEX } from '../language/colors.js';
import { type CandidateRecord, FAILURE_KINDS } from './candidates-log.js';
import type { Summary } from './evaluate.js';
import type { Metrics } from './scoring.js';
import type { Rows } from './task.js';

/** A failing candidate shown with its task's test grids. */
export interface ExampleCandidate {
    record: CandidateRecord;
    input: Rows;
    expected: Rows;
    solution: string;
}

const SERIES_COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

/** A static, self-contained report.html: tables, an SVG pass@k chart, per-family bars and failing examples as grids. */
export function renderReport(summary: Summary, examples: readonly ExampleCandidate[]): string {
    const { scores, settings } = summary;
    const families = Object.keys(scores.byFamily);
    const ks = Object.keys(scores.overall.passAtK).map(Number);
    const body = [
        `<h1>ARC DSL evaluation</h1>`,
        `<p class="meta">${escapeHtml(settings.model)} · ${escapeHtml(settings.dataset)} (${escapeHtml(settings.split)}) · ${summary.tasks} tasks × n=${settings.n} · ` +
            `temperature ${settings.temperature}, top-p ${settings.topP}, ${settings.maxNewTokens} new tokens</p>`,
        section('Scores', metricsTable([['all', scores.overall], ...families.map((f): [string, Metrics] => [f, scores.byFamily[f]])], ks)),
        scores.passAtKOmitted.length
            ? `<p class="note">Not reported: ${scores.passAtKOmitted.map((o) => `pass@${o.k} (${escapeHtml(o.reason)})`).join('; ')}.</p>`
            : '',
        ks.length
            ? section(
                  'pass@k',
                  passAtKChart(
                      scores.overall,
                      families.map((f) => [f, scores.byFamily[f]]),
                      ks,
                  ),
              )
            : '',
        section('By family', familyBars(families.map((f) => [f, scores.byFamily[f]]))),
        section('Failures', failureTable([['all', scores.overall], ...families.map((f): [string, Metrics] => [f, scores.byFamily[f]])])),
        section(
            'Failing examples',
            examples.length ? examples.map(exampleBlock).join('\n') : '<p>None: every candidate is functional.</p>',
        ),
        `<p class="meta">Sandbox this session: ${summary.sandbox.executed} executed, ${summary.sandbox.timeouts} timeouts, ${summary.sandbox.crashes} crashes; ` +
            `${summary.resumed} candidates resumed from an earlier run.</p>`,
    ];
    return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>ARC DSL evaluation</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; padding: 0 1em; }
table { border-collapse: collapse; margin: 0.5em 0 1em; }
th, td { border: 1px solid #ccc; padding: 3px 8px; text-align: right; }
th:first-child, td:first-child { text-align: left; }
.meta, .note { color: #666; }
.example { border: 1px solid #ddd; border-radius: 4px; padding: 0.5em 1em; margin: 0.8em 0; }
.grids { display: flex; gap: 1.5em; align-items: flex-start; flex-wrap: wrap; }
.grids figure { margin: 0; } .grids figcaption { color: #666; font-size: 12px; }
pre { background: #f6f6f6; padding: 0.4em 0.6em; margin: 0.3em 0; white-space: pre-wrap; }
</style>
</head>
<body>
${body.filter(Boolean).join('\n')}
</body>
</html>
`;
}

function section(title: string, html: string): string {
    return `<h2>${escapeHtml(title)}</h2>\n${html}`;
}

function percent(value: number): string {
    return `${(100 * value).toFixed(1)}%`;
}

function metricsTable(rows: [string, Metrics][], ks: number[]): string {
    const head = [
        '',
        'tasks',
        'candidates',
        'exact',
        'valid',
        'functional',
        'train-consistent',
        ...ks.map((k) => `pass@${k}`),
        'verified@1',
    ];
    const lines = rows.map(([name, m]) =>
        [
            escapeHtml(name),
            m.tasks,
            m.candidates,
            percent(m.exact),
            percent(m.valid),
            percent(m.functional),
            percent(m.trainConsistent),
            ...ks.map((k) => percent(m.passAtK[k] ?? 0)),
            percent(m.verifiedAt1),
        ]
            .map((cell) => `<td>${cell}</td>`)
            .join(''),
    );
    return `<table><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr>\n${lines.map((l) => `<tr>${l}</tr>`).join('\n')}</table>`;
}

function failureTable(rows: [string, Metrics][]): string {
    const head = ['', 'candidates', ...FAILURE_KINDS.map((k) => k.replace('_', ' '))];
    const lines = rows.map(([name, m]) =>
        [escapeHtml(name), m.candidates, ...FAILURE_KINDS.map((k) => m.failures[k])].map((c) => `<td>${c}</td>`).join(''),
    );
    return `<table><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr>\n${lines.map((l) => `<tr>${l}</tr>`).join('\n')}</table>`;
}

/** pass@k against k: the overall line thick, one thin line per family. */
function passAtKChart(overall: Metrics, families: [string, Metrics][], ks: number[]): string {
    const width = 560;
    const height = 300;
    const left = 50;
    const right = 170;
    const top = 15;
    const bottom = 40;
    const plotW = width - left - right;
    const plotH = height - top - bottom;
    const x = (i: number) => left + (ks.length === 1 ? plotW / 2 : (i * plotW) / (ks.length - 1));
    const y = (v: number) => top + plotH * (1 - v);
    const parts: string[] = [];
    for (let t = 0; t <= 4; t++) {
        const v = t / 4;
        parts.push(`<line x1="${left}" x2="${left + plotW}" y1="${y(v)}" y2="${y(v)}" stroke="#eee"/>`);
        parts.push(`<text x="${left - 6}" y="${y(v) + 4}" text-anchor="end" font-size="11">${Math.round(v * 100)}%</text>`);
    }
    for (const [i, k] of ks.entries())
        parts.push(`<text x="${x(i)}" y="${top + plotH + 16}" text-anchor="middle" font-size="11">${k}</text>`);
    parts.push(`<text x="${left + plotW / 2}" y="${height - 6}" text-anchor="middle" font-size="12">k</text>`);
    const series: [string, Metrics, string, number][] = [
        ['all', overall, '#111', 3],
        ...families.map(([name, m], i): [string, Metrics, string, number] => [name, m, SERIES_COLORS[i % SERIES_COLORS.length], 1.5]),
    ];
    series.forEach(([name, m, color, stroke], s) => {
        const points = ks.map((k, i) => `${x(i)},${y(m.passAtK[k] ?? 0)}`);
        parts.push(`<polyline fill="none" stroke="${color}" stroke-width="${stroke}" points="${points.join(' ')}"/>`);
        for (const [i, k] of ks.entries())
            parts.push(`<circle cx="${x(i)}" cy="${y(m.passAtK[k] ?? 0)}" r="${stroke + 1}" fill="${color}"/>`);
        const ly = top + 12 + s * 16;
        parts.push(
            `<line x1="${left + plotW + 15}" x2="${left + plotW + 35}" y1="${ly - 4}" y2="${ly - 4}" stroke="${color}" stroke-width="${stroke}"/>`,
        );
        parts.push(`<text x="${left + plotW + 40}" y="${ly}" font-size="11">${escapeHtml(name)}</text>`);
    });
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" role="img" aria-label="pass@k">${parts.join('')}</svg>`;
}

/** Per family: horizontal bars of functional, exact and verified@1. */
function familyBars(families: [string, Metrics][]): string {
    const measures: [string, (m: Metrics) => number, string][] = [
        ['functional', (m) => m.functional, '#2ca02c'],
        ['exact', (m) => m.exact, '#1f77b4'],
        ['verified@1', (m) => m.verifiedAt1, '#ff7f0e'],
    ];
    const label = 140;
    const barW = 360;
    const barH = 10;
    const groupH = measures.length * (barH + 2) + 10;
    const height = 24 + families.length * groupH;
    const parts: string[] = [];
    measures.forEach(([name, , color], i) => {
        parts.push(`<rect x="${label + i * 110}" y="4" width="10" height="10" fill="${color}"/>`);
        parts.push(`<text x="${label + i * 110 + 14}" y="13" font-size="11">${name}</text>`);
    });
    families.forEach(([family, m], f) => {
        const y0 = 24 + f * groupH;
        parts.push(`<text x="${label - 8}" y="${y0 + groupH / 2}" text-anchor="end" font-size="12">${escapeHtml(family)}</text>`);
        measures.forEach(([, value, color], i) => {
            const v = value(m);
            const y = y0 + i * (barH + 2);
            parts.push(`<rect x="${label}" y="${y}" width="${barW}" height="${barH}" fill="#f0f0f0"/>`);
            parts.push(`<rect x="${label}" y="${y}" width="${(barW * v).toFixed(1)}" height="${barH}" fill="${color}"/>`);
            parts.push(`<text x="${label + barW + 6}" y="${y + barH - 1}" font-size="10">${percent(v)}</text>`);
        });
    });
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${label + barW + 60}" height="${height}" role="img" aria-label="scores by family">${parts.join('')}</svg>`;
}

/** A grid as a picture in the ARC palette. */
export function gridSvg(rows: Rows, maxSide = 180): string {
    const height = rows.length;
    const width = rows[0]?.length ?? 0;
    const cell = Math.max(4, Math.min(18, Math.floor(maxSide / Math.max(height, width, 1))));
    const rects: string[] = [];
    for (const [r, row] of rows.entries()) {
        for (const [c, color] of row.entries()) {
            rects.push(`<rect x="${c * cell}" y="${r * cell}" width="${cell}" height="${cell}" fill="${COLOR_HEX[color] ?? '#fff'}"/>`);
        }
    }
    const w = width * cell;
    const h = height * cell;
    return (
        `<svg xmlns="http://www.w3.org/2000/svg" width="${w + 1}" height="${h + 1}" viewBox="-0.5 -0.5 ${w + 1} ${h + 1}">` +
        `<g stroke="#555" stroke-width="0.5">${rects.join('')}</g></svg>`
    );
}

function exampleBlock(example: ExampleCandidate): string {
    const { record } = example;
    const figure = (caption: string, content: string) => `<figure>${content}<figcaption>${caption}</figcaption></figure>`;
    const got = record.got ? gridSvg(record.got) : `<p class="note">no output</p>`;
    return `<div class="example">
<p><b>${escapeHtml(record.family)}</b> · ${escapeHtml(record.task)} · sample ${record.sample} · <b>${escapeHtml(record.failure ?? '')}</b>${
        record.message ? ` — ${escapeHtml(record.message)}` : ''
    }</p>
<div class="grids">${figure('test input', gridSvg(example.input))}${figure('expected', gridSvg(example.expected))}${figure('got', got)}</div>
<p>candidate:</p><pre>${escapeHtml(record.program)}</pre>
<p>solution:</p><pre>${escapeHtml(example.solution)}</pre>
</div>`;
}

function escapeHtml(text: string): string {
    return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
