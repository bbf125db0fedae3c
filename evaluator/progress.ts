/**
 * A progress bar with rate and ETA on stderr. On a terminal it redraws one line; otherwise (a log
 * file, CI) it prints a plain line every `logEveryMs` and at the end.
 */
export class Progress {
    private done = 0;
    private note = '';
    private readonly started = performance.now();
    private lastDraw = 0;
    private drawnAt = -1;
    private readonly tty: boolean;

    constructor(
        private readonly total: number,
        private readonly label: string,
        private readonly stream: NodeJS.WriteStream = process.stderr,
        private readonly logEveryMs = 10_000,
    ) {
        this.tty = stream.isTTY === true;
    }

    /** Counts finished items; `note` is shown after the bar (e.g. "12 functional"). */
    tick(count = 1, note?: string): void {
        this.done += count;
        if (note !== undefined) this.note = note;
        const now = performance.now();
        if (now - this.lastDraw >= (this.tty ? 100 : this.logEveryMs) || this.done >= this.total) this.draw(now);
    }

    finish(): void {
        if (this.done === 0 && this.drawnAt < 0) return;
        if (this.drawnAt !== this.done) this.draw(performance.now());
        if (this.tty) this.stream.write('\n');
    }

    /** The status line, e.g. `sampling [#####.....] 50/100 50% 12.5/s ETA 0:04 · 7 functional`. */
    line(now = performance.now()): string {
        const width = 24;
        const fraction = this.total === 0 ? 1 : Math.min(1, this.done / this.total);
        const filled = Math.round(fraction * width);
        const seconds = (now - this.started) / 1000;
        const rate = seconds > 0 ? this.done / seconds : 0;
        const eta = rate > 0 ? clock((this.total - this.done) / rate) : '?';
        const note = this.note ? ` · ${this.note}` : '';
        const bar = `${'#'.repeat(filled)}${'.'.repeat(width - filled)}`;
        return `${this.label} [${bar}] ${this.done}/${this.total} ${Math.floor(fraction * 100)}% ${rate.toFixed(1)}/s ETA ${eta}${note}`;
    }

    private draw(now: number): void {
        this.lastDraw = now;
        this.drawnAt = this.done;
        if (this.tty) this.stream.write(`\r${this.line(now)}\x1b[K`);
        else this.stream.write(`${this.line(now)}\n`);
    }
}

/** Seconds as `m:ss` or `h:mm:ss`. */
export function clock(seconds: number): string {
    const s = Math.max(0, Math.round(seconds));
    const two = (v: number) => String(v).padStart(2, '0');
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    return h > 0 ? `${h}:${two(m)}:${two(s % 60)}` : `${m}:${two(s % 60)}`;
}
