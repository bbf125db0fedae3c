import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RecordError } from '../../generators/dataset/record-error.js';
import { readRecordText } from '../../generators/dataset/scan-record.js';
import { SolutionVerifier } from '../../generators/dataset/validate-record.js';
import { rotate, rotateRecord } from './fixtures.js';

/** The verdict on one record with this solution: undefined when it passes, else the RecordError's message. */
async function verdict(verifier: SolutionVerifier, record: Record<string, unknown>, line = 1): Promise<string | undefined> {
    const cells = readRecordText(JSON.stringify(record), 'f.jsonl', line)!;
    try {
        await verifier.verify(cells, 'f.jsonl', line);
        return undefined;
    } catch (error) {
        assert.ok(error instanceof RecordError, `expected a RecordError, got ${error}`);
        return error.message;
    }
}

/** The verdict of a verifier that has seen nothing before: the text's own parse. */
function parsedVerdict(record: Record<string, unknown>, line = 1): Promise<string | undefined> {
    return verdict(new SolutionVerifier(), record, line);
}

describe('solution verifier: texts of a checked form skip the parse', () => {
    it('accepts a text differing from a checked one in its literals without parsing it', async () => {
        const verifier = new SolutionVerifier();
        assert.equal(await verdict(verifier, rotateRecord({ turns: 1, seed: 1 })), undefined);
        assert.equal(await verdict(verifier, rotateRecord({ turns: 3, seed: 2 })), undefined);
        assert.equal(await verdict(verifier, rotateRecord({ turns: 7, seed: 3 })), undefined);
        assert.deepEqual({ parsed: verifier.parsed, instantiated: verifier.instantiated }, { parsed: 1, instantiated: 2 });
    });

    it('rejects a text of a checked form as its own parse would: not canonical, wrong output', async () => {
        const verifier = new SolutionVerifier();
        assert.equal(await verdict(verifier, rotateRecord({ turns: 1, seed: 1 })), undefined);
        const padded = { ...rotateRecord({ turns: 2, seed: 4 }), solution: 'output = rotate(input, 02)\n' };
        const expected = await parsedVerdict(padded, 2);
        assert.match(expected ?? '', /^f\.jsonl:2: solution is not in canonical form .*expected "output = rotate\(input, 2\)\\n"$/);
        assert.equal(await verdict(verifier, padded, 2), expected);
        const wrong = rotateRecord({ turns: 2, seed: 5 });
        wrong.train_output2 = rotate(wrong.train_input2 as number[][], 1);
        const different = await parsedVerdict(wrong, 3);
        assert.match(different ?? '', /^f\.jsonl:3: train_output2: the solution run on train_input2 does not give train_output2: /);
        assert.equal(await verdict(verifier, wrong, 3), different);
        assert.deepEqual({ parsed: verifier.parsed, instantiated: verifier.instantiated }, { parsed: 1, instantiated: 2 });
    });

    it("names a run-time failure at the failing text's own line and column, not the checked text's", async () => {
        const verifier = new SolutionVerifier();
        const fails = (solution: string) => ({ ...rotateRecord({ turns: 1, seed: 6 }), solution });
        const checked = 'output = crop(rotate(input, 10), nth(objects(input), 50))\n';
        assert.match((await verdict(verifier, fails(checked))) ?? '', /nth: index 50 is outside/);
        const longer = 'output = crop(rotate(input, 1000), nth(objects(input), 50))\n';
        const column = longer.indexOf('50)') + 1;
        const message = await verdict(verifier, fails(longer), 2);
        assert.match(message ?? '', new RegExp(`^f\\.jsonl:2: solution fails on train_input1: nth: .* \\(line 1, column ${column}\\)$`));
        assert.equal(message, await parsedVerdict(fails(longer), 2));
        assert.equal(verifier.instantiated, 1);
    });
});
