import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DslError } from '../../language/errors.js';
import type { Document } from '../../language/generated/ast.js';
import { Grid } from '../../language/grid.js';
import { compileProgram } from '../../language/interpreter.js';
import { arcDslServices, checkText } from '../../language/load.js';
import { documentComments, printDocument } from '../../language/printer.js';
import { makeDocument, randomSource, SEEDS } from './fuzz-documents.js';

// 10,000 random and mutated documents go through the whole pipeline a user's text goes through:
// checkText, then (without errors) compile and run on small grids. Nothing may escape but a
// DslError, and nothing may take over 100 ms. Every document that parses also goes through the
// canonical printer, which must give text that parses back to the same program and comments. FUZZ_SEED=n varies the run, FUZZ_DOCUMENTS=n its size.

const SEED = Number(process.env.FUZZ_SEED ?? 20261126);
const DOCUMENTS = Number(process.env.FUZZ_DOCUMENTS ?? 10_000);
const SLOW_MS = 100;

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
