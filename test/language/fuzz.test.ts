import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BUILTINS } from '../../language/builtins/table.js';
import { COLOR_NAMES } from '../../language/colors.js';
import { DslError } from '../../language/errors.js';
import type { Document } from '../../language/generated/ast.js';
import { Grid } from '../../language/grid.js';
import { compileProgram } from '../../language/interpreter.js';
import { arcDslServices, checkText } from '../../language/load.js';
import { documentComments, printDocument } from '../../language/printer.js';

// 10,000 random and mutated documents go through the whole pipeline a user's text goes through:
// checkText, then (without errors) compile and run on small grids. Nothing may escape but a
// DslError, and nothing may take over 100 ms. Every document that parses also goes through the
// canonical printer, which must give text that parses back to the same program and comments. FUZZ_SEED=n varies the run, FUZZ_DOCUMENTS=n its size.

const SEED = Number(process.env.FUZZ_SEED ?? 20261126);
const DOCUMENTS = Number(process.env.FUZZ_DOCUMENTS ?? 10_000);
const SLOW_MS = 100;

/** Valid programs to mutate: together they call most builtins, with lambdas, pipes, tasks and grids. */
const SEEDS = [
    'output = rotate(input)',
    'output = input |> flip(axis: horizontal)',
    'let objs = objects(input, connectivity: 8)\noutput = crop(input, largest(objs))',
    'let big = argmax(objects(input), o => size(o) * 10 + width(o))\noutput = paint(input, big, color: red)',
    'let small = filter(objects(input), o => size(o) < 3 and not is_rectangle(o))\noutput = fold(small, input, (g, o) => erase(g, o))',
    'output = fill_enclosed(input, color: 4)',
    'output = recolor(input, from: most_color(input), to: least_color(input))',
    'let o = largest(objects(input))\noutput = move_until(input, o, down)',
    'output = connect_pairs(input)',
    'output = symmetrize(input, axis: vertical)',
    'output = tile(input, 2, 2) |> scale(2)',
    'let p = (row(center(largest(objects(input)))), 0)\noutput = cross(input, at: p, color: 3)',
    'output = line(input, from: (0, 0), to: (4, 4), color: 2)',
    'output = ray(input, from: (2, 2), dir: up_right, color: 5, stop: true)',
    'output = choose(count(objects(input)) > 2, input, rotate(input, turns: 3))',
    'task "t" family FloodFill {\n  train [0 0 | 0 1] -> [2 2 | 2 1]\n  test  [1 0 | 0 0]\n}\n\noutput = flood_fill(input, at: (0, 0), color: 2)',
    'output = overlay(input, grid [1 0 0 0 0 | 0 0 0 0 0 | 0 0 0 0 0 | 0 0 0 0 0 | 0 0 0 0 2])',
    'let xs = sort_by(objects(input), o => -size(o))\noutput = keep(input, [nth(xs, 0), nth(xs, -1)])',
    'output = paste(blank(7, 7), input, at: (1, 1), transparent: 0)',
    'output = outline(input, odd_one_out(objects(input), o => color_of(o)), color: 8)',
    'output = subgrid(input, at: (1, 1), height: 3, width: 3)',
    'let o = smallest(objects(input))\noutput = move(input, o, by: (1, -1)) |> rotate_object(o, turns: 2)',
    'let n = count(with_color(objects(input), blue)) % 3\noutput = hconcat(input, rotate(input, turns: n))',
    '// count the cells\nlet c = count_color(input, 0) + count(points(input, 1))\noutput = blank(1, c / 5 + 1, color: c % 10)',
];

const EXAMPLES = [...BUILTINS.values()].map((b) => `let v = ${b.example}\noutput = input`);
const PIECES = [
    ...BUILTINS.keys(),
    ...[...BUILTINS.values()].flatMap((b) => b.params.map((p) => `${p.name}:`)),
    ...COLOR_NAMES,
    ...[
        'up',
        'down_left',
        'vertical',
        'antidiagonal',
        'input',
        'output',
        'let',
        'task',
        'train',
        'test',
        'family',
        'grid',
        'true',
        'not',
        'and',
        'or',
    ],
    ...[
        '(',
        ')',
        '[',
        ']',
        '{',
        '}',
        ',',
        ':',
        '=',
        '|',
        '|>',
        '->',
        '=>',
        '==',
        '<=',
        '+',
        '-',
        '*',
        '/',
        '%',
        '"',
        '//',
        '/*',
        '*/',
        '\n',
    ],
    ...['0', '1', '2', '9', '10', '30', '31', '-1', '4294967296', '99999999999999999999999', 'o', 'x', '(o) =>', 'o =>'],
];
const TOKEN = /\s+|[A-Za-z_]\w*|\d+|"(?:\\.|[^"\\])*"|\/\/[^\n]*|\/\*[\s\S]*?\*\/|\|>|->|=>|==|!=|<=|>=|[\s\S]/g;

/** mulberry32: small, fast, seedable. */
function randomSource(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

const NUMBERS = ['0', '1', '2', '3', '5', '8', '9', '10', '29', '30', '31', '100', '4294967296'];
const SWAPS: readonly (readonly string[])[] = [
    [...BUILTINS.keys()],
    [...COLOR_NAMES, 'gray'],
    ['up', 'down', 'left', 'right', 'up_left', 'up_right', 'down_left', 'down_right'],
    ['horizontal', 'vertical', 'diagonal', 'antidiagonal'],
    ['+', '-', '*', '/', '%'],
    ['==', '!=', '<', '<=', '>', '>='],
    ['and', 'or'],
    ['true', 'false'],
];

function makeDocument(random: () => number): string {
    const int = (n: number) => Math.floor(random() * n);
    const pick = <T>(items: readonly T[]) => items[int(items.length)];
    const randomBytes = () =>
        Array.from({ length: 1 + int(8) }, () => String.fromCharCode(int(4) === 0 ? int(0x3000) : 32 + int(95))).join('');
    const kind = random();
    if (kind < 0.08) return randomBytes();
    if (kind < 0.16) return Array.from({ length: 3 + int(30) }, () => pick(PIECES)).join(int(2) ? ' ' : '');
    const tokens = (int(4) === 0 ? pick(EXAMPLES) : pick(SEEDS)).match(TOKEN) ?? [];
    if (kind < 0.6) {
        // Same-kind swaps (a number for a number, a builtin for a builtin…): mostly still parses, often
        // still checks, so the interpreter runs odd values.
        for (let edits = 1 + int(3); edits > 0; edits--) {
            const at = int(tokens.length);
            const token = tokens[at];
            if (/^\d+$/.test(token)) tokens[at] = pick(NUMBERS);
            else tokens[at] = pick(SWAPS.find((group) => group.includes(token)) ?? [token]);
        }
        return tokens.join('');
    }
    for (let edits = 1 + int(4); edits > 0; edits--) {
        const at = int(tokens.length + 1);
        switch (int(6)) {
            case 0:
                tokens.splice(at, 1);
                break;
            case 1:
                tokens.splice(at, 0, pick(PIECES));
                break;
            case 2: {
                const other = int(tokens.length);
                [tokens[at], tokens[other]] = [tokens[other], tokens[at]];
                break;
            }
            case 3:
                tokens.splice(at, 1, pick(PIECES));
                break;
            case 4:
                tokens.splice(at, 0, randomBytes());
                break;
            default:
                tokens.splice(at, 0, ...tokens.slice(int(tokens.length), int(tokens.length)));
        }
    }
    return tokens.filter((t) => t !== undefined).join('');
}

const INPUTS = [
    Grid.fromRows([
        [0, 0, 0, 0, 0],
        [0, 1, 1, 0, 0],
        [0, 1, 0, 0, 2],
        [0, 0, 0, 0, 2],
        [3, 0, 0, 0, 0],
    ]),
    Grid.fromRows([[0]]),
];

const VALIDATION_CRASH = 'An error occurred during validation';

interface Outcome {
    /** The document passed the checker, so it was compiled and run. */
    ran: boolean;
    /** Anything but a DslError thrown by checkText, compile or run: a bug. */
    escaped?: unknown;
    /** The checker threw; Langium caught it and turned it into a diagnostic. */
    validatorCrash?: string;
    /** What the canonical printer got wrong for this document, if anything. */
    printerProblem?: string;
}

/** A document that parses must print to text that parses to the same AST, keeping its comments. */
function printerProblem(document: Document): string | undefined {
    const printed = printDocument(document);
    const reparsed = arcDslServices().ArcDsl.parser.LangiumParser.parse<Document>(printed);
    if (reparsed.lexerErrors.length + reparsed.parserErrors.length > 0) return `the printed text does not parse:\n${printed}`;
    if (printDocument(reparsed.value) !== printed) return `printing is not a fixpoint:\n${printed}`;
    if (printDocument(reparsed.value, { comments: false }) !== printDocument(document, { comments: false }))
        return `the program changed:\n${printed}`;
    if (documentComments(reparsed.value).length !== documentComments(document).length) return `a comment was lost:\n${printed}`;
    return undefined;
}

async function exercise(text: string): Promise<Outcome> {
    let checked: Awaited<ReturnType<typeof checkText>>;
    try {
        checked = await checkText(text);
    } catch (error) {
        return { ran: false, escaped: error instanceof DslError ? undefined : error };
    }
    const crash = checked.diagnostics.find((d) => String(d.message).startsWith(VALIDATION_CRASH));
    const parsed = !checked.diagnostics.some((d) => d.data?.code === 'lexing-error' || d.data?.code === 'parsing-error');
    const printer = parsed ? printerProblem(checked.document) : undefined;
    if (printer) return { ran: false, printerProblem: printer };
    if (checked.hasErrors) return { ran: false, validatorCrash: crash && String(crash.message) };
    try {
        const program = compileProgram(checked.document);
        for (const input of INPUTS) {
            try {
                program.run(input);
            } catch (error) {
                if (!(error instanceof DslError)) return { ran: true, escaped: error };
            }
        }
    } catch (error) {
        if (!(error instanceof DslError)) return { ran: true, escaped: error };
    }
    return { ran: true };
}

/** CPU milliseconds of this process: wall time on this shared machine counts other processes' turns. */
function cpuMs(): number {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
}

/**
 * Runs a document, timing it. A slow one runs again, timed by this process's CPU time, to tell a slow
 * program from a pause of this shared machine (GC, other processes' turns).
 */
async function timed(text: string): Promise<Outcome & { ms: number }> {
    const started = performance.now();
    const outcome = await exercise(text);
    let ms = performance.now() - started;
    if (ms > SLOW_MS) {
        const cpu = cpuMs();
        await exercise(text);
        ms = cpuMs() - cpu;
    }
    return { ...outcome, ms };
}

describe('fuzz: random and mutated documents', () => {
    const crashes: { message: string; text: string }[] = [];

    it(`${DOCUMENTS} documents: only DslErrors escape, none takes over ${SLOW_MS} ms (seed ${SEED})`, async () => {
        for (const seed of SEEDS) {
            const { diagnostics } = await checkText(seed);
            const errors = diagnostics.filter((d) => d.severity === 1).map((d) => d.message);
            assert.deepEqual(errors, [], `seed program does not check:\n${seed}`);
        }
        const random = randomSource(SEED);
        const consoleError = console.error;
        console.error = () => {}; // Langium logs each validator crash; they are counted below instead
        let ran = 0;
        const started = performance.now();
        try {
            for (let i = 0; i < DOCUMENTS; i++) {
                const text = makeDocument(random);
                const { ran: checked, escaped, validatorCrash, printerProblem, ms } = await timed(text);
                assert.equal(printerProblem, undefined, `document ${i} (seed ${SEED}):\n${text}`);
                if (escaped !== undefined) {
                    const what = escaped instanceof Error ? (escaped.stack ?? escaped.message) : String(escaped);
                    assert.fail(`document ${i} (seed ${SEED}) threw ${what}:\n${text}`);
                }
                assert.ok(ms <= SLOW_MS, `document ${i} (seed ${SEED}) took over ${SLOW_MS} ms, then ${ms.toFixed(0)} ms of CPU:\n${text}`);
                if (validatorCrash) crashes.push({ message: validatorCrash, text });
                if (checked) ran++;
            }
        } finally {
            console.error = consoleError;
        }
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        console.log(
            `fuzz: ${DOCUMENTS} documents in ${seconds} s; ${ran} passed the checker and ran; ${crashes.length} crashed the checker`,
        );
        assert.ok(ran > DOCUMENTS / 5, `only ${ran} documents passed the checker: too few to test the interpreter`);
    });

    // About 70 nested parentheses (or 550 unary minuses) overflow the stack inside the Langium parser;
    // checkText turns that into a parse DslError and resets the parser for later documents.
    it('a deeply nested document gets an error, and later documents still parse', async () => {
        const deep = [`output = ${'('.repeat(100)}input${')'.repeat(100)}`, `let a = ${'-'.repeat(1000)}1\noutput = input`];
        for (const text of deep) assert.equal((await exercise(text)).escaped, undefined, `checkText threw on ${text.slice(0, 30)}…`);
        assert.deepEqual(await exercise('output = input'), { ran: true });
    });

    // Known: the checker assumes complete ASTs, but parse-error recovery leaves properties undefined
    // (`let x =` while typing). Langium catches the crash and shows "An error occurred during
    // validation: …" as a diagnostic. Remove `todo` once language/checker.ts guards for it.
    it('the checker never crashes on a partial AST', () => {
        const distinct = [...new Map(crashes.map((c) => [c.message, c])).values()];
        assert.deepEqual(
            distinct.map((c) => `${c.message}\n  in: ${JSON.stringify(c.text)}`),
            [],
        );
    });
});
