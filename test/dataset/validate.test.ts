import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { buildDataset } from '../../generators/dataset/build-dataset.js';
import { DatasetBuildError } from '../../generators/dataset/build-error.js';
import { readSplit } from '../../generators/dataset/read-dataset.js';
import { SPLIT_NAMES } from '../../generators/dataset/split.js';
import { rotate, rotateRecord, tempDir, writeJsonl } from './fixtures.js';

const root = tempDir();
after(() => rmSync(root, { recursive: true, force: true }));
let cases = 0;

/** Builds from one file `bad.jsonl` holding these lines; returns the error message, or fails. */
async function rejection(lines: (Record<string, unknown> | string)[]): Promise<string> {
    const dir = join(root, `case-${++cases}`);
    writeJsonl(tempDirAt(dir), 'bad.jsonl', lines);
    const out = join(dir, 'out');
    const error = await buildDataset({ input: join(dir, 'in'), out }).then(
        () => assert.fail('the build should have failed'),
        (e: unknown) => e,
    );
    assert.ok(error instanceof DatasetBuildError, `expected a DatasetBuildError, got ${error}`);
    assert.equal(existsSync(out), false, 'nothing may be written');
    assert.deepEqual(readdirSync(dir), ['in'], 'no temporary directory may be left behind');
    return error.message;
}

function tempDirAt(dir: string): string {
    const input = join(dir, 'in');
    mkdirSync(input, { recursive: true });
    return input;
}

const good = (seed: number) => rotateRecord({ turns: 1, seed });

describe('record validation', () => {
    it('names malformed JSON by file:line, counting blank lines', async () => {
        const message = await rejection([good(1), '', '{"id": "x", "task_type": ']);
        assert.match(message, /^bad\.jsonl:3: malformed JSON: /);
        assert.match(message, /pass --skip-invalid/);
    });

    it('names a ragged grid by file:line and field', async () => {
        const record = good(2);
        record.train_output2 = [
            [1, 2, 3],
            [4, 5],
        ];
        assert.match(await rejection([good(1), record]), /^bad\.jsonl:2: train_output2 is ragged: row 1 has 2 cells, row 0 has 3/);
    });

    it('names a colour outside 0–9', async () => {
        const record = good(3);
        (record.test_input as number[][])[0][1] = 10;
        assert.match(await rejection([record]), /^bad\.jsonl:1: test_input row 0, col 1: 10 is not a colour 0–9/);
    });

    it('names a missing field, an unknown family and a gap in the train pairs', async () => {
        const missing = good(4);
        delete missing.test_output;
        assert.match(await rejection([missing]), /^bad\.jsonl:1: test_output is missing/);
        assert.match(await rejection([{ ...good(5), task_type: 'Spin' }]), /^bad\.jsonl:1: task_type "Spin" is not a family/);
        const gap = good(6);
        gap.train_input4 = [[1]];
        gap.train_output4 = [[1]];
        assert.match(await rejection([gap]), /^bad\.jsonl:1: train_input4 is given but train pair 3 is missing/);
    });

    it('rejects a solution that does not parse, or names an unknown builtin', async () => {
        assert.match(await rejection([{ ...good(7), solution: 'output = rotate(input,\n' }]), /^bad\.jsonl:1: solution does not compile: /);
        assert.match(
            await rejection([{ ...good(8), solution: 'output = spin(input)\n' }]),
            /^bad\.jsonl:1: solution does not compile: unknown builtin 'spin'/,
        );
    });

    it('rejects a solution not in canonical form: program variants that differ in layout would leak across splits', async () => {
        assert.equal(
            await rejection([{ ...good(16), solution: 'output=rotate(input,1)' }]),
            'bad.jsonl:1: solution is not in canonical form (as language/printer.ts prints it): expected "output = rotate(input, 1)\\n"' +
                ' (pass --skip-invalid to leave bad records out)',
        );
    });

    it('rejects a solution that fails at run time, with the input it failed on', async () => {
        const solution = 'let o = nth(objects(input), 50)\noutput = crop(input, o)\n';
        assert.match(
            await rejection([good(9), { ...good(10), solution }]),
            /^bad\.jsonl:2: solution fails on train_input1: nth: index 50 is outside a list of \d+ items \(line 1, column 29\)/,
        );
    });

    it('rejects a solution that does not reproduce an output, naming the output field and the cell', async () => {
        const record = good(11);
        record.train_output2 = rotate(record.train_input2 as number[][], 2);
        const message = await rejection([good(12), good(13), record]);
        assert.match(message, /^bad\.jsonl:3: train_output2: the solution run on train_input2 does not give train_output2: /);
    });

    it('rejects a second record with the same id but other content', async () => {
        assert.match(
            await rejection([good(14), { ...good(15), id: (good(14) as { id: string }).id }]),
            /^bad\.jsonl:2: id "RotateShape-1-14" is already used by an earlier record/,
        );
    });

    it('--skip-invalid leaves bad records out, counts them by reason, and writes the rest', async () => {
        const dir = join(root, 'skip');
        const input = tempDirAt(dir);
        const ragged = good(21);
        ragged.train_input1 = [[1], [1, 1]];
        const wrong = good(22);
        wrong.test_output = [[0]];
        writeJsonl(input, 'mixed.jsonl', [good(20), 'not json', ragged, wrong, { ...good(23), task_type: 'Nope' }, good(24), good(24)]);
        const report = await buildDataset({ input, out: join(dir, 'out'), skipInvalid: true, split: [100, 0, 0] });
        assert.deepEqual(report.invalid, {
            'malformed JSON': 1,
            'invalid grid': 1,
            'solution gives a different output': 1,
            'unknown family': 1,
        });
        assert.equal(report.duplicates, 1);
        assert.equal(report.records, 7);
        assert.match(report.invalidExamples[0], /^mixed\.jsonl:2: malformed JSON/);
        const ids: string[] = [];
        for (const split of SPLIT_NAMES) for await (const row of readSplit(join(dir, 'out'), split)) ids.push(row.id as string);
        assert.deepEqual(ids.sort(), ['RotateShape-1-20', 'RotateShape-1-24']);
    });
});
