import { COLOR_HEX } from '../language/colors.js';
import { type CandidateRecord, FAILURE_KINDS } from './candidates-log.js';
import { type FamilyMeasure, familyBarsLayout, passAtKLayout } from './chart-layout.js';
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

/** pass@k against k: the overall line thick, one thin line per family (geometry: chart-layout.ts). */
function passAtKChart(overall: Metrics, families: [string, Metrics][], ks: number[]): string {
    const chart = passAtKLayout(overall, families, ks);
    const { plot } = chart;
    const parts: string[] = [];
    for (const tick of chart.yTicks) {
        parts.push(`<line x1="${plot.left}" x2="${plot.left + plot.width}" y1="${tick.at}" y2="${tick.at}" stroke="#eee"/>`);
        parts.push(`<text x="${plot.left - 6}" y="${tick.at + 4}" text-anchor="end" font-size="11">${tick.label}</text>`);
    }
    for (const tick of chart.xTicks)
        parts.push(`<text x="${tick.at}" y="${plot.top + plot.height + 16}" text-anchor="middle" font-size="11">${tick.label}</text>`);
    parts.push(
        `<text x="${plot.left + plot.width / 2}" y="${chart.height - 6}" text-anchor="middle" font-size="12">${chart.xTitle}</text>`,
    );
    let family = 0;
    for (const series of chart.series) {
        const color = series.emphasis ? '#111' : SERIES_COLORS[family++ % SERIES_COLORS.length];
        const stroke = series.emphasis ? 3 : 1.5;
        parts.push(
            `<polyline fill="none" stroke="${color}" stroke-width="${stroke}" points="${series.points.map((p) => `${p.x},${p.y}`).join(' ')}"/>`,
        );
        for (const p of series.points) parts.push(`<circle cx="${p.x}" cy="${p.y}" r="${stroke + 1}" fill="${color}"/>`);
        const { x, y } = series.legend;
        parts.push(`<line x1="${x - 25}" x2="${x - 5}" y1="${y - 4}" y2="${y - 4}" stroke="${color}" stroke-width="${stroke}"/>`);
        parts.push(`<text x="${x}" y="${y}" font-size="11">${escapeHtml(series.name)}</text>`);
    }
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${chart.width}" height="${chart.height}" role="img" aria-label="pass@k">${parts.join('')}</svg>`;
}

const MEASURE_COLORS: Record<FamilyMeasure, string> = { functional: '#2ca02c', exact: '#1f77b4', verifiedAt1: '#ff7f0e' };

/** Per family: horizontal bars of functional, exact and verified@1 (geometry: chart-layout.ts). */
function familyBars(families: [string, Metrics][]): string {
    const bars = familyBarsLayout(families);
    const parts: string[] = [];
    for (const entry of bars.legend) {
        parts.push(`<rect x="${entry.x}" y="4" width="10" height="10" fill="${MEASURE_COLORS[entry.measure]}"/>`);
        parts.push(`<text x="${entry.x + 14}" y="13" font-size="11">${entry.label}</text>`);
    }
    for (const group of bars.groups) {
        parts.push(`<text x="${bars.labelX}" y="${group.labelY}" text-anchor="end" font-size="12">${escapeHtml(group.family)}</text>`);
        for (const bar of group.bars) {
            parts.push(`<rect x="${bar.x}" y="${bar.y}" width="${bar.fullWidth}" height="${bar.height}" fill="#f0f0f0"/>`);
            parts.push(
                `<rect x="${bar.x}" y="${bar.y}" width="${bar.width}" height="${bar.height}" fill="${MEASURE_COLORS[bar.measure]}"/>`,
            );
            parts.push(`<text x="${bar.x + bar.fullWidth + 6}" y="${bar.y + bar.height - 1}" font-size="10">${percent(bar.value)}</text>`);
        }
    }
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${bars.width}" height="${bars.height}" role="img" aria-label="scores by family">${parts.join('')}</svg>`;
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
