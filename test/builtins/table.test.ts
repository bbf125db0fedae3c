import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BUILTINS } from '../../language/builtins/table.js';
import { checkText, diagnosticText } from '../../language/load.js';
import { rows, runProgram } from './run.js';

// Every example must run on this grid: objects of sizes 4, 1, 1, 1 (so odd_one_out by size has an answer).
const SAMPLE = rows('0 0 0 0 0 0 | 0 1 1 0 2 0 | 0 1 1 0 0 0 | 0 0 0 0 3 0 | 0 4 0 0 0 0 | 0 0 0 0 0 0');

/** A program around an example: as the output if it is a grid, else as a `let`. */
function programFor(example: string, returnsGrid: boolean): string {
    return returnsGrid ? `output = ${example}\n` : `let value = ${example}\noutput = input\n`;
}

// Parameter names that do not parse as named arguments (keywords the grammar's ArgumentName lacks).
const KEYWORD_CLASHES: string[] = [];

describe('the builtin table', () => {
    const builtins = [...BUILTINS.values()];

    it('has at least 35 builtins', () => {
        assert.ok(builtins.length >= 35, `only ${builtins.length} builtins`);
    });

    it('gives every builtin a one-line doc and an example that calls it', () => {
        for (const b of builtins) {
            assert.match(b.doc, /^[A-Za-z].*[.)]$/, `${b.name}: doc`);
            assert.ok(!b.doc.includes('\n') && !b.example.includes('\n'), `${b.name}: one line`);
            assert.ok(b.example.includes(`${b.name}(`), `${b.name}: the example does not call it`);
        }
    });

    it('puts required parameters before optional ones', () => {
        for (const b of builtins) {
            const firstOptional = b.params.findIndex((p) => p.default !== undefined);
            if (firstOptional < 0) continue;
            assert.ok(
                b.params.slice(firstOptional).every((p) => p.default !== undefined),
                `${b.name}: a required parameter follows an optional one`,
            );
        }
    });

    it('lets every parameter be passed by name', async () => {
        const clashes: string[] = [];
        for (const b of builtins) {
            for (const p of b.params) {
                const { diagnostics } = await checkText(`output = ${b.name}(${p.name}: input)\n`);
                if (diagnostics.some((d) => d.data?.code === 'parsing-error' || d.data?.code === 'lexing-error'))
                    clashes.push(`${b.name}.${p.name}`);
            }
        }
        assert.deepEqual(clashes, KEYWORD_CLASHES);
    });

    for (const b of builtins) {
        it(`${b.name}: the example type-checks and runs`, async () => {
            const program = programFor(b.example, b.returnType.kind === 'Grid');
            const { diagnostics } = await checkText(program);
            const errors = diagnostics.filter((d) => d.severity === 1).map(diagnosticText);
            assert.deepEqual(errors, [], program);
            await runProgram(program, SAMPLE);
        });
    }
});
