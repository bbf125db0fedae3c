/**
 * A progress bar on stderr. On a terminal it redraws one line in place (bar, count, rate, ETA) at most
 * ten times a second; otherwise (a log file, CI) it prints a plain line every few seconds.
 */
export class ProgressBar {
    private readonly started = performance.now();
    private lastDraw = -Infinity;
    private done = 0;
    private label = '';
    private drawn = false;
    private drawnDone = -1;

    constructor(
        private readonly total: number,
        private readonly unit: string,
        private readonly stream: NodeJS.WriteStream = process.stderr,
        private readonly lineEveryMs = 5000,
    ) {}

    update(done: number, label = this.label): void {
        this.done = done;
        this.label = label;
        const now = performance.now();
        if (now - this.lastDraw < (this.stream.isTTY ? 100 : this.lineEveryMs) && done < this.total) return;
        this.lastDraw = now;
        this.draw();
    }

    /** Draws the final state and ends the line. */
    finish(): void {
        if (this.drawnDone !== this.done) this.draw();
        if (this.stream.isTTY && this.drawn) this.stream.write('\n');
    }

    private draw(): void {
        this.drawnDone = this.done;
        const seconds = (performance.now() - this.started) / 1000;
        const rate = seconds > 0 ? this.done / seconds : 0;
        const fraction = this.total === 0 ? 1 : this.done / this.total;
        const eta = rate > 0 ? (this.total - this.done) / rate : Infinity;
        const counts = `${this.done.toLocaleString('en')}/${this.total.toLocaleString('en')} ${this.unit}`;
        const speed = `${Math.round(rate).toLocaleString('en')} ${this.unit}/s`;
        const label = this.label ? ` ${this.label}` : '';
        if (this.stream.isTTY) {
            const width = 24;
            const filled = Math.round(fraction * width);
            const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
            this.stream.write(`\r\x1b[K${bar} ${percent(fraction)} ${counts}${label}  ${speed}  ETA ${clock(eta)}`);
            this.drawn = true;
        } else {
            this.stream.write(`${percent(fraction)} ${counts}${label}, ${speed}, ETA ${clock(eta)}\n`);
        }
    }
}

function percent(fraction: number): string {
    return `${Math.floor(fraction * 100)}%`.padStart(4);
}

function clock(seconds: number): string {
    if (!Number.isFinite(seconds)) return '--:--';
    const s = Math.ceil(seconds);
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    const rest = `${String(m).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
    return h > 0 ? `${h}:${rest}` : rest;
}
