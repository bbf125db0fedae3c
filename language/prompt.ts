/**
 * The one prompt format. The dataset's `prompt` and `completion` columns are made here, the trainer
 * trains on them verbatim and the evaluator prompts with this same function: nothing else formats
 * a task for a model.
 */

export type GridRows = readonly (readonly number[])[];

/** A grid by its cells, row-major from `cells[start ?? 0]` (a Grid, or cells held among others). */
export interface GridCells {
    readonly height: number;
    readonly width: number;
    readonly cells: ArrayLike<number>;
    readonly start?: number;
}

/** A grid as the prompt takes it: rows of colours, or cells. */
export type PromptGrid = GridRows | GridCells;

export interface PromptTask {
    train: readonly { input: PromptGrid; output: PromptGrid }[];
    test: { input: PromptGrid };
}

export type PromptFormat = 'compact' | 'seed';

export const PROMPT_FORMATS: readonly PromptFormat[] = ['compact', 'seed'];

/** The line after which the completion (the program) follows in the compact format. */
export const COMPACT_PROGRAM_MARKER = 'program\n';

/**
 * The prompt for a task; the model's completion is the program.
 *
 * `compact` (default) writes each grid as its rows of digits, one row a line, with no separators
 * inside a row:
 *
 *     task
 *     in
 *     001
 *     010
 *     out
 *     …
 *     test
 *     010
 *     program
 *
 * A 10×10 grid costs 110 characters instead of ~320 as JSON, and a tokenizer that splits digits
 * one by one (HF tokenizers `Digits(individual_digits=True)`) gives exactly one token per cell, so a
 * cell's column is the same token offset in every row — the alignment a small model needs to see
 * shapes. Marker lines are plain words (never digits), so they cannot be confused with a row.
 *
 * `seed` reproduces the layout of the system this project grew from, JSON grids as Python printed
 * them: "Training Example 1:\nInput: [[0, 1], …]\nOutput: …\n…Test Input: …\nTest Output: ".
 */
export function formatPrompt(task: PromptTask, format: PromptFormat = 'compact'): string {
    return format === 'seed' ? seedPrompt(task) : compactPrompt(task);
}

/**
 * The completion: the canonical program text without trailing blank space or a final newline
 * (the trainer appends EOS right after it; exact match compares against this text).
 */
export function formatCompletion(solution: string): string {
    return solution.replace(/\r\n?/g, '\n').trimEnd();
}

function compactPrompt(task: PromptTask): string {
    // Written as bytes and decoded once: a string built a character at a time is a chain of pieces
    // that costs more to build and to flatten than the whole prompt does to write.
    const out = new PromptBytes();
    out.text('task\n');
    for (const pair of task.train) {
        out.text('in\n');
        out.grid(pair.input);
        out.text('out\n');
        out.grid(pair.output);
    }
    out.text('test\n');
    out.grid(task.test.input);
    out.text(COMPACT_PROGRAM_MARKER);
    return out.done();
}

/** Rows of digits, each row ending in a newline. */
export function compactGrid(grid: PromptGrid): string {
    const out = new PromptBytes();
    out.grid(grid);
    return out.done();
}

const ZERO = 48;
const NEWLINE = 10;
// Prompts are ASCII: every byte is one character, whatever single-byte decoder reads them.
const decoder = new TextDecoder('latin1');
let shared = new Uint8Array(1 << 14);

/** A prompt being written as ASCII bytes into one buffer shared by all prompts (one is written at a time). */
class PromptBytes {
    private bytes = shared;
    private used = 0;

    text(ascii: string): void {
        this.reserve(ascii.length);
        for (let i = 0; i < ascii.length; i++) this.bytes[this.used++] = ascii.charCodeAt(i);
    }

    grid(grid: PromptGrid): void {
        if (isRows(grid)) {
            for (const row of grid) {
                this.reserve(row.length + 1);
                const bytes = this.bytes;
                let at = this.used;
                for (let c = 0; c < row.length; c++) bytes[at++] = digit(row[c]);
                bytes[at++] = NEWLINE;
                this.used = at;
            }
            return;
        }
        const { height, width, cells } = grid;
        this.reserve(height * (width + 1));
        const bytes = this.bytes;
        let at = this.used;
        for (let r = 0, i = grid.start ?? 0; r < height; r++) {
            for (let c = 0; c < width; c++, i++) bytes[at++] = digit(cells[i]);
            bytes[at++] = NEWLINE;
        }
        this.used = at;
    }

    done(): string {
        return decoder.decode(this.bytes.subarray(0, this.used));
    }

    private reserve(more: number): void {
        if (this.used + more <= this.bytes.length) return;
        let length = this.bytes.length * 2;
        while (length < this.used + more) length *= 2;
        const grown = new Uint8Array(length);
        grown.set(this.bytes.subarray(0, this.used));
        this.bytes = grown;
        shared = grown;
    }
}

/** A colour's (0–9) digit, as a byte. */
function digit(color: number): number {
    return ZERO + color;
}

function isRows(grid: PromptGrid): grid is GridRows {
    return Array.isArray(grid);
}

function rowsOf(grid: PromptGrid): GridRows {
    if (isRows(grid)) return grid;
    const { height, width, cells } = grid;
    const start = grid.start ?? 0;
    return Array.from({ length: height }, (_, r) => Array.from({ length: width }, (_, c) => cells[start + r * width + c]));
}

function seedPrompt(task: PromptTask): string {
    let text = '';
    task.train.forEach((pair, i) => {
        text += `Training Example ${i + 1}:\nInput: ${jsonGrid(rowsOf(pair.input))}\nOutput: ${jsonGrid(rowsOf(pair.output))}\n`;
    });
    return `${text}Test Input: ${jsonGrid(rowsOf(task.test.input))}\nTest Output: `;
}

/** A grid as Python's `json.dumps` (and `str`) print a list of lists: `[[0, 1], [2, 3]]`. */
export function jsonGrid(rows: GridRows): string {
    return `[${rows.map((row) => `[${row.join(', ')}]`).join(', ')}]`;
}
