import { FAMILIES, type Family } from '../../language/colors.js';
import { MAX_GRID_SIDE } from '../../language/grid.js';
import type { CellRecord } from './cell-record.js';
import { isBlank, parseJsonLine } from './read-records.js';
import { MAX_TRAIN_PAIRS, MIN_TRAIN_PAIRS, recordFromJson } from './validate-record.js';

/**
 * One JSONL line as a checked record, or null for a blank line. The line is `bytes[start, end)` and
 * `bytes[end]` must be 0 (see packed-lines.ts). It is scanned directly when it has the plain shape;
 * otherwise it is decoded, parsed and checked by recordFromJson, which throws a RecordError naming
 * file:line and field.
 */
export function readRecord(bytes: Buffer, start: number, end: number, file: string, line: number): CellRecord | null {
    const scanned = scanRecord(bytes, start, end);
    if (scanned) return scanned;
    const text = bytes.toString('utf8', start, end);
    if (isBlank(text)) return null;
    const record = recordFromJson(parseJsonLine(text, file, line), file, line);
    reserveCells();
    const layout: number[] = [];
    for (const pair of [...record.train, record.test]) {
        for (const rows of [pair.input, pair.output]) {
            layout.push(arenaUsed, rows.length, rows[0].length);
            for (const row of rows) {
                arena.set(row, arenaUsed);
                arenaUsed += row.length;
            }
        }
    }
    const { id, task_type, sub_rule, solution } = record;
    return { id, task_type, sub_rule, solution, trainPairs: record.train.length, cells: arena, layout };
}

/** readRecord for a line held as a string. */
export function readRecordText(text: string, file: string, line: number): CellRecord | null {
    const bytes = Buffer.from(`${text}\0`);
    return readRecord(bytes, 0, bytes.length - 1, file, line);
}

/** Where records' cells are written: a new buffer is started when one cannot hold another record. */
const ARENA_BYTES = 1 << 20;
const RECORD_CELLS = (MAX_TRAIN_PAIRS + 1) * 2 * MAX_GRID_SIDE * MAX_GRID_SIDE;
let arena = new Uint8Array(ARENA_BYTES);
let arenaUsed = 0;

function reserveCells(): void {
    if (arenaUsed + RECORD_CELLS <= arena.length) return;
    arena = new Uint8Array(ARENA_BYTES);
    arenaUsed = 0;
}

const FAMILY_SET: ReadonlySet<string> = new Set(FAMILIES);

// Field slots: the four text fields, then train_input1…5, train_output1…5, test_input, test_output.
const ID = 0;
const TASK_TYPE = 1;
const SUB_RULE = 2;
const SOLUTION = 3;
const TRAIN_INPUT = 4;
const TRAIN_OUTPUT = TRAIN_INPUT + MAX_TRAIN_PAIRS;
const TEST_INPUT = TRAIN_OUTPUT + MAX_TRAIN_PAIRS;
const TEST_OUTPUT = TEST_INPUT + 1;
const SLOTS = TEST_OUTPUT + 1;

const KEYS: [string, number][] = [
    ['id', ID],
    ['task_type', TASK_TYPE],
    ['sub_rule', SUB_RULE],
    ['solution', SOLUTION],
    ['test_input', TEST_INPUT],
    ['test_output', TEST_OUTPUT],
];
for (let i = 1; i <= MAX_TRAIN_PAIRS; i++) KEYS.push([`train_input${i}`, TRAIN_INPUT + i - 1], [`train_output${i}`, TRAIN_OUTPUT + i - 1]);
/** The known keys as bytes, by length. */
const KEYS_BY_LENGTH: { bytes: Uint8Array; slot: number }[][] = [];
for (const [key, slot] of KEYS) (KEYS_BY_LENGTH[key.length] ??= []).push({ bytes: Buffer.from(key, 'latin1'), slot });
const TRAIN_PREFIX = Buffer.from('train_', 'latin1');
const UNKNOWN = -1;

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const LEFT_BRACKET = 91;
const RIGHT_BRACKET = 93;
const LEFT_BRACE = 123;
const RIGHT_BRACE = 125;
const ZERO = 48;
const NINE = 57;
const MINUS = 45;

/** Not this scanner's case: the caller falls back to JSON.parse and recordFromJson. */
const GIVE_UP = undefined;

/**
 * Reads one JSONL line straight into a CellRecord without JSON.parse — one pass over the bytes, no
 * nested arrays — when the line is a valid record in the plain shape generators write: an object of
 * known fields (strings, grids as rows of single digits, `sub_rule` null allowed) plus any other
 * fields holding a string, number, true, false or null. Anything else (a fault, a blank line, or
 * JSON it does not follow, such as a colour written `1.0`) gives undefined, and the caller reads the
 * line with JSON.parse and recordFromJson, which accept or name the problem. So this only ever
 * accepts what recordFromJson accepts, with the same values.
 */
export function scanRecord(bytes: Buffer, start: number, end: number): CellRecord | undefined {
    reserveCells();
    const scanner = new Scanner(bytes, start);
    const texts: (string | null | undefined)[] = [undefined, undefined, undefined, undefined];
    const grids = gridsSeen.fill(-1);
    if (scanner.skipSpace() !== LEFT_BRACE) return GIVE_UP;
    scanner.at++;
    for (;;) {
        if (scanner.skipSpace() !== QUOTE) return GIVE_UP;
        const slot = scanner.key();
        if (slot === GIVE_UP || scanner.skipSpace() !== COLON) return GIVE_UP;
        scanner.at++;
        scanner.skipSpace();
        if (slot === UNKNOWN) {
            if (!scanner.skipScalar()) return GIVE_UP;
        } else if (slot >= TRAIN_INPUT) {
            const at = 3 * (slot - TRAIN_INPUT);
            if (grids[at] !== -1 || !scanner.grid(grids, at)) return GIVE_UP; // a repeated key (JSON.parse keeps the last), or not a grid
        } else {
            if (texts[slot] !== undefined) return GIVE_UP;
            const value = slot === SUB_RULE ? scanner.stringOrNull() : scanner.string();
            if (value === GIVE_UP) return GIVE_UP;
            texts[slot] = value;
        }
        const next = scanner.skipSpace();
        scanner.at++;
        if (next === RIGHT_BRACE) break;
        if (next !== COMMA) return GIVE_UP;
    }
    scanner.skipSpace();
    if (scanner.at !== end) return GIVE_UP;

    const [id, family, subRule, solution] = texts;
    if (typeof id !== 'string' || id.length === 0 || typeof solution !== 'string' || solution.length === 0) return GIVE_UP;
    if (typeof family !== 'string' || !FAMILY_SET.has(family)) return GIVE_UP;
    let trainPairs = 0;
    while (
        trainPairs < MAX_TRAIN_PAIRS &&
        (trainPairs < MIN_TRAIN_PAIRS || seen(grids, TRAIN_INPUT + trainPairs) || seen(grids, TRAIN_OUTPUT + trainPairs))
    ) {
        if (!seen(grids, TRAIN_INPUT + trainPairs) || !seen(grids, TRAIN_OUTPUT + trainPairs)) return GIVE_UP;
        trainPairs++;
    }
    // recordFromJson stops at the first missing pair and refuses any later one.
    for (let i = trainPairs; i < MAX_TRAIN_PAIRS; i++) if (seen(grids, TRAIN_INPUT + i) || seen(grids, TRAIN_OUTPUT + i)) return GIVE_UP;
    if (!seen(grids, TEST_INPUT) || !seen(grids, TEST_OUTPUT)) return GIVE_UP;
    const layout: number[] = [];
    for (let i = 0; i < trainPairs; i++) {
        pushLayout(layout, grids, TRAIN_INPUT + i);
        pushLayout(layout, grids, TRAIN_OUTPUT + i);
    }
    pushLayout(layout, grids, TEST_INPUT);
    pushLayout(layout, grids, TEST_OUTPUT);
    arenaUsed = scanner.cellsEnd;
    return { id, task_type: family as Family, sub_rule: subRule ?? null, solution, trainPairs, cells: arena, layout };
}

function seen(grids: Int32Array, slot: number): boolean {
    return grids[3 * (slot - TRAIN_INPUT)] !== -1;
}

function pushLayout(layout: number[], grids: Int32Array, slot: number): void {
    const at = 3 * (slot - TRAIN_INPUT);
    layout.push(grids[at], grids[at + 1], grids[at + 2]);
}

/** Per grid slot, while a line is scanned: its first cell in the arena (-1: not seen), height, width. */
const gridsSeen = new Int32Array(3 * (SLOTS - TRAIN_INPUT));

/** A cursor over one line; every read stops at the NUL after the line, which matches nothing expected. */
class Scanner {
    /** Where the next grid's cells go in the arena. */
    cellsEnd = arenaUsed;

    constructor(
        private readonly bytes: Buffer,
        public at: number,
    ) {}

    /** Skips JSON white space; the byte there. */
    skipSpace(): number {
        const bytes = this.bytes;
        let at = this.at;
        let code = bytes[at];
        while (code === 32 || code === 10 || code === 13 || code === 9) code = bytes[++at];
        this.at = at;
        return code;
    }

    /** The slot of the key at the cursor (an opening quote), UNKNOWN for another key, GIVE_UP for one with escapes or that names a train pair. */
    key(): number | undefined {
        const bytes = this.bytes;
        const start = this.at + 1;
        let at = start;
        for (;;) {
            const code = bytes[at];
            if (code === QUOTE) break;
            if (code < 32 || code === BACKSLASH) return GIVE_UP;
            at++;
        }
        this.at = at + 1;
        const length = at - start;
        for (const candidate of KEYS_BY_LENGTH[length] ?? []) if (sameBytes(bytes, start, candidate.bytes)) return candidate.slot;
        // recordFromJson refuses train pairs it does not expect (train_input6, …): left to it.
        return length >= TRAIN_PREFIX.length && sameBytes(bytes, start, TRAIN_PREFIX) ? GIVE_UP : UNKNOWN;
    }

    /** A string value; escapes are decoded by JSON.parse of just that string. */
    string(): string | undefined {
        const bytes = this.bytes;
        const start = this.at;
        if (bytes[start] !== QUOTE) return GIVE_UP;
        let at = start + 1;
        let plain = true;
        for (;;) {
            const code = bytes[at];
            if (code === QUOTE) break;
            if (code < 32) return GIVE_UP; // a raw control character, or the end of the line
            if (code === BACKSLASH) {
                if (bytes[at + 1] < 32) return GIVE_UP;
                plain = false;
                at += 2;
            } else {
                if (code >= 0x80) plain = false;
                at++;
            }
        }
        this.at = at + 1;
        if (plain) return bytes.toString('latin1', start + 1, at);
        try {
            return JSON.parse(bytes.toString('utf8', start, at + 1)) as string;
        } catch {
            return GIVE_UP;
        }
    }

    stringOrNull(): string | null | undefined {
        return this.literal('null') ? null : this.string();
    }

    /** Skips a string, number, true, false or null; false for anything else. */
    skipScalar(): boolean {
        const code = this.bytes[this.at];
        if (code === QUOTE) return this.string() !== GIVE_UP;
        if (code === MINUS || (code >= ZERO && code <= NINE)) return this.number();
        return this.literal('true') || this.literal('false') || this.literal('null');
    }

    private literal(word: string): boolean {
        for (let i = 0; i < word.length; i++) if (this.bytes[this.at + i] !== word.charCodeAt(i)) return false;
        this.at += word.length;
        return true;
    }

    /** A JSON number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
    private number(): boolean {
        const bytes = this.bytes;
        let at = this.at;
        if (bytes[at] === MINUS) at++;
        if (bytes[at] === ZERO) at++;
        else if (isDigit(bytes[at])) while (isDigit(bytes[at])) at++;
        else return false;
        if (bytes[at] === 46) {
            at++;
            if (!isDigit(bytes[at])) return false;
            while (isDigit(bytes[at])) at++;
        }
        if (bytes[at] === 101 || bytes[at] === 69) {
            at++;
            if (bytes[at] === 43 || bytes[at] === MINUS) at++;
            if (!isDigit(bytes[at])) return false;
            while (isDigit(bytes[at])) at++;
        }
        this.at = at;
        return true;
    }

    /** Rows of single-digit colours (1–30 rows of the same 1–30 cells) into the arena; its start, height and width go to `into[at…]`. */
    grid(into: Int32Array, at: number): boolean {
        const bytes = this.bytes;
        const cells = arena;
        const first = this.cellsEnd;
        let next = first;
        let i = this.at;
        if (bytes[i++] !== LEFT_BRACKET) return false;
        let height = 0;
        let width = -1;
        for (;;) {
            let code = bytes[i];
            if (code <= 32) while (code === 32 || code === 10 || code === 13 || code === 9) code = bytes[++i];
            if (code !== LEFT_BRACKET || height === MAX_GRID_SIDE) return false;
            i++;
            const rowStart = next;
            for (;;) {
                code = bytes[i];
                if (code <= 32) while (code === 32 || code === 10 || code === 13 || code === 9) code = bytes[++i];
                if (code < ZERO || code > NINE || next - rowStart === MAX_GRID_SIDE) return false;
                cells[next++] = code - ZERO;
                // What follows a colour must be a comma or a bracket: a second digit, a fraction or an exponent is given up.
                code = bytes[++i];
                if (code <= 32) while (code === 32 || code === 10 || code === 13 || code === 9) code = bytes[++i];
                i++;
                if (code === RIGHT_BRACKET) break;
                if (code !== COMMA) return false;
            }
            if (width === -1) width = next - rowStart;
            else if (next - rowStart !== width) return false;
            height++;
            code = bytes[i];
            if (code <= 32) while (code === 32 || code === 10 || code === 13 || code === 9) code = bytes[++i];
            i++;
            if (code === RIGHT_BRACKET) break;
            if (code !== COMMA) return false;
        }
        this.at = i;
        this.cellsEnd = next;
        into[at] = first;
        into[at + 1] = height;
        into[at + 2] = width;
        return true;
    }
}

function sameBytes(bytes: Uint8Array, at: number, expected: Uint8Array): boolean {
    for (let i = 0; i < expected.length; i++) if (bytes[at + i] !== expected[i]) return false;
    return true;
}

function isDigit(code: number): boolean {
    return code >= ZERO && code <= NINE;
}
