/**
 * The one progress bar of the CLI (generate, dataset, evaluate), on stderr. On a terminal it redraws
 * one line in place (label, bar, count, rate, ETA, note) at most ten times a second; otherwise (a log
 * file, CI) it prints a plain line every few seconds and at the end. Without a total it shows the
 * count and rate only.
 */
export class ProgressBar {
    private readonly started = performance.now();
    private readonly tty: boolean;
    private lastDraw = -Infinity;
    private done = 0;
    private note = '';
    private drawn = false;
    private drawnDone = -1;
    private finished = false;

    constructor(
        private readonly total: number | undefined,
        private readonly unit: string,
        private readonly options: { label?: string; stream?: NodeJS.WriteStream; lineEveryMs?: number } = {},
    ) {
        this.tty = this.stream.isTTY === true;
    }

    private get stream(): NodeJS.WriteStream {
        return this.options.stream ?? process.stderr;
    }

    /** Sets the count of finished items; `note` is shown after the bar (e.g. a family or "12 functional"). */
    update(done: number, note?: string): void {
        this.done = done;
        if (note !== undefined) this.note = note;
        const now = performance.now();
        const every = this.tty ? 100 : (this.options.lineEveryMs ?? 5000);
        if (now - this.lastDraw >= every || (this.total !== undefined && done >= this.total)) this.draw(now);
    }

    tick(count = 1, note?: string): void {
        this.update(this.done + count, note);
    }

    /** Draws the final state and ends the line, once; prints nothing when nothing was done or drawn. */
    finish(): void {
        if (this.finished || (this.done === 0 && !this.drawn)) return;
        this.finished = true;
        if (this.drawnDone !== this.done) this.draw(performance.now());
        if (this.tty) this.stream.write('\n');
    }

    /** The status line, e.g. `evaluate [#####...] 50% 50/100 candidates  12/s  ETA 00:04 · 7 functional`. */
    line(now = performance.now()): string {
        const seconds = (now - this.started) / 1000;
        const rate = seconds > 0 ? this.done / seconds : 0;
        const label = this.options.label ? `${this.options.label} ` : '';
        const note = this.note ? ` · ${this.note}` : '';
        const speed = `${rate < 10 ? rate.toFixed(1) : Math.round(rate).toLocaleString('en')} ${this.unit}/s`;
        if (this.total === undefined) return `${label}${this.done.toLocaleString('en')} ${this.unit}  ${speed}${note}`;
        const width = 24;
        const fraction = this.total === 0 ? 1 : Math.min(1, this.done / this.total);
        const filled = Math.round(fraction * width);
        const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
        const eta = rate > 0 ? (this.total - this.done) / rate : Infinity;
        const counts = `${this.done.toLocaleString('en')}/${this.total.toLocaleString('en')} ${this.unit}`;
        return `${label}${bar} ${percent(fraction)} ${counts}  ${speed}  ETA ${clock(eta)}${note}`;
    }

    private draw(now: number): void {
        this.lastDraw = now;
        this.drawnDone = this.done;
        this.drawn = true;
        if (this.tty) this.stream.write(`\r\x1b[K${this.line(now)}`);
        else this.stream.write(`${this.line(now)}\n`);
    }
}

function percent(fraction: number): string {
    return `${Math.floor(fraction * 100)}%`.padStart(4);
}

/** Seconds as `mm:ss` or `h:mm:ss`; `--:--` when unknown. */
export function clock(seconds: number): string {
    if (!Number.isFinite(seconds)) return '--:--';
    const s = Math.max(0, Math.ceil(seconds));
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    const rest = `${String(m).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
    return h > 0 ? `${h}:${rest}` : rest;
}
