import type { Metrics } from './scoring.js';

/**
 * Chart geometry as plain data, drawn twice: as SVG text in report.html (report-html.ts) and with
 * DOM calls in the editor's Evaluate Model view (client/evaluate/media/evaluate.js). Colours are left
 * to the drawing side (a fixed palette in the report, theme colours in the editor).
 */

export interface Tick {
    /** Pixel position along the axis. */
    at: number;
    label: string;
}

export interface ChartPoint {
    x: number;
    y: number;
    /** The data value, for labels and tooltips. */
    value: number;
    /** The x value's label (k, step). */
    label: string;
}

export interface LineSeries {
    name: string;
    /** The overall line of a chart, drawn thicker. */
    emphasis: boolean;
    points: ChartPoint[];
    /** Where the legend entry's text starts. */
    legend: { x: number; y: number };
}

export interface LineChartLayout {
    width: number;
    height: number;
    plot: { left: number; top: number; width: number; height: number };
    xTicks: Tick[];
    yTicks: Tick[];
    xTitle: string;
    series: LineSeries[];
}

export interface LineChartInput {
    series: { name: string; emphasis?: boolean; points: { x: number; y: number; label?: string }[] }[];
    /** x range and its ticks (data values). */
    x: { min: number; max: number; ticks: { value: number; label: string }[]; title: string };
    y: { min: number; max: number; ticks: { value: number; label: string }[] };
    width?: number;
    height?: number;
    /** Room right of the plot for the legend. */
    legendWidth?: number;
}

/** Places every series in a plot area with axes at the left and bottom and the legend on the right. */
export function lineChartLayout(input: LineChartInput): LineChartLayout {
    const width = input.width ?? 560;
    const height = input.height ?? 300;
    const left = 50;
    const right = input.legendWidth ?? 170;
    const top = 15;
    const bottom = 40;
    const plot = { left, top, width: width - left - right, height: height - top - bottom };
    const span = (min: number, max: number) => (max > min ? max - min : 1);
    const px = (v: number) =>
        left + (input.x.max === input.x.min ? plot.width / 2 : ((v - input.x.min) * plot.width) / span(input.x.min, input.x.max));
    const py = (v: number) => top + plot.height * (1 - (v - input.y.min) / span(input.y.min, input.y.max));
    return {
        width,
        height,
        plot,
        xTicks: input.x.ticks.map((t) => ({ at: px(t.value), label: t.label })),
        yTicks: input.y.ticks.map((t) => ({ at: py(t.value), label: t.label })),
        xTitle: input.x.title,
        series: input.series.map((s, i) => ({
            name: s.name,
            emphasis: s.emphasis ?? false,
            points: s.points.map((p) => ({ x: px(p.x), y: py(p.y), value: p.y, label: p.label ?? String(p.x) })),
            legend: { x: left + plot.width + 40, y: top + 12 + i * 16 },
        })),
    };
}

/** pass@k against k (evenly spaced): the overall line emphasised, one line per family. */
export function passAtKLayout(overall: Metrics, families: [string, Metrics][], ks: readonly number[]): LineChartLayout {
    const line = (name: string, m: Metrics, emphasis: boolean) => ({
        name,
        emphasis,
        points: ks.map((k, i) => ({ x: i, y: m.passAtK[k] ?? 0, label: `pass@${k}` })),
    });
    return lineChartLayout({
        series: [line('all', overall, true), ...families.map(([name, m]) => line(name, m, false))],
        x: { min: 0, max: Math.max(0, ks.length - 1), ticks: ks.map((k, i) => ({ value: i, label: String(k) })), title: 'k' },
        y: { min: 0, max: 1, ticks: [0, 0.25, 0.5, 0.75, 1].map((v) => ({ value: v, label: `${Math.round(v * 100)}%` })) },
    });
}

/**
 * About `count` round tick values (1, 2 or 5 × a power of ten apart) within [min, max]; with
 * `extend` the ticks reach past the range to the round values just below min and above max.
 */
export function niceTicks(min: number, max: number, count = 5, extend = false): number[] {
    if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
    if (max <= min) return [min];
    const raw = (max - min) / Math.max(1, count);
    const power = 10 ** Math.floor(Math.log10(raw));
    const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
    const first = (extend ? Math.floor(min / step + 1e-9) : Math.ceil(min / step - 1e-9)) * step;
    const last = extend ? Math.ceil(max / step - 1e-9) * step : max;
    const ticks: number[] = [];
    for (let v = first; v <= last + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
    return ticks;
}

export const FAMILY_MEASURES = ['functional', 'exact', 'verifiedAt1'] as const;
export type FamilyMeasure = (typeof FAMILY_MEASURES)[number];

export interface BarsLayout {
    width: number;
    height: number;
    legend: { measure: FamilyMeasure; label: string; x: number }[];
    groups: {
        family: string;
        /** The family label's baseline, right-aligned at `labelX`. */
        labelY: number;
        bars: { measure: FamilyMeasure; x: number; y: number; width: number; fullWidth: number; height: number; value: number }[];
    }[];
    labelX: number;
}

const MEASURE_LABELS: Record<FamilyMeasure, string> = { functional: 'functional', exact: 'exact', verifiedAt1: 'verified@1' };

/** Per family: one horizontal bar per measure (functional, exact, verified@1), full width = 100%. */
export function familyBarsLayout(families: [string, Metrics][], barWidth = 360): BarsLayout {
    const label = 140;
    const barH = 10;
    const groupH = FAMILY_MEASURES.length * (barH + 2) + 10;
    return {
        width: label + barWidth + 60,
        height: 24 + families.length * groupH,
        labelX: label - 8,
        legend: FAMILY_MEASURES.map((measure, i) => ({ measure, label: MEASURE_LABELS[measure], x: label + i * 110 })),
        groups: families.map(([family, m], f) => {
            const y0 = 24 + f * groupH;
            return {
                family,
                labelY: y0 + groupH / 2,
                bars: FAMILY_MEASURES.map((measure, i) => ({
                    measure,
                    x: label,
                    y: y0 + i * (barH + 2),
                    width: Number((barWidth * m[measure]).toFixed(1)),
                    fullWidth: barWidth,
                    height: barH,
                    value: m[measure],
                })),
            };
        }),
    };
}
