/**
 * The one prompt format. The dataset's `prompt` and `completion` columns are made here, the trainer
 * trains on them verbatim and the evaluator prompts with this same function: nothing else formats
 * a task for a model.
 */

export type GridRows = readonly (readonly number[])[];

export interface PromptTask {
    train: readonly { input: GridRows; output: GridRows }[];
    test: { input: GridRows };
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
    let text = 'task\n';
    for (const pair of task.train) text += `in\n${compactGrid(pair.input)}out\n${compactGrid(pair.output)}`;
    return `${text}test\n${compactGrid(task.test.input)}${COMPACT_PROGRAM_MARKER}`;
}

const DIGITS = '0123456789';

/** Rows of digits, each row ending in a newline. */
export function compactGrid(rows: GridRows): string {
    let text = '';
    for (const row of rows) {
        for (let c = 0; c < row.length; c++) text += DIGITS[row[c]];
        text += '\n';
    }
    return text;
}

function seedPrompt(task: PromptTask): string {
    let text = '';
    task.train.forEach((pair, i) => {
        text += `Training Example ${i + 1}:\nInput: ${jsonGrid(pair.input)}\nOutput: ${jsonGrid(pair.output)}\n`;
    });
    return `${text}Test Input: ${jsonGrid(task.test.input)}\nTest Output: `;
}

/** A grid as Python's `json.dumps` (and `str`) print a list of lists: `[[0, 1], [2, 3]]`. */
export function jsonGrid(rows: GridRows): string {
    return `[${rows.map((row) => `[${row.join(', ')}]`).join(', ')}]`;
}
