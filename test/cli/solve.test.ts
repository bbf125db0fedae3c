import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { before, describe, it } from 'node:test';
import { venvPython } from '../evaluator/fixtures.js';
import { arcdsl, assertUsageError, CLI, tempDir } from './run-cli.js';

const ROOT = resolve(import.meta.dirname, '../..');
const EXAMPLE = join(ROOT, 'examples/families/RotateShape/rotateshape-rotate-grid-1.arcdsl');
const SOLUTION = 'output = rotate(input, 3)';

interface Candidate {
    text: string;
    count: number;
    status: string;
    message?: string;
    trainPassed: number;
    trainTotal: number;
    testPassed: number | null;
    testTotal: number;
    agreement: number;
}

/** The example's task block alone (its program, `output = rotate(input, 3)`, cut off). */
function taskBlock(): string {
    const text = readFileSync(EXAMPLE, 'utf8');
    const end = text.indexOf('\n}\n') + 3;
    assert.ok(end > 3, `${EXAMPLE} has no task block`);
    return text.slice(0, end);
}

function candidates(stdout: string): Candidate[] {
    return stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Candidate);
}

/**
 * Builds the tiny GPT-2 of test/evaluator/fixtures/tiny_model.py memorising this task's prompt (as
 * `arcdsl solve --print-prompt` prints it) → SOLUTION. A few copies of the example make it converge.
 */
function tinyModel(task: string, out: string): string {
    const prompt = arcdsl(['solve', task, '--print-prompt']);
    assert.equal(prompt.code, 0, prompt.stderr);
    const examples = join(out, '..', 'solve-examples.json');
    writeFileSync(examples, JSON.stringify(new Array(4).fill({ prompt: prompt.stdout, completion: SOLUTION })));
    const script = join(ROOT, 'test/evaluator/fixtures/tiny_model.py');
    const result = spawnSync(venvPython(), [script, examples, out], { encoding: 'utf8', cwd: ROOT });
    if (result.status !== 0) throw new Error(`tiny_model.py failed (${result.status}):\n${result.stderr}`);
    return out;
}

describe('arcdsl solve: bad input', () => {
    const dir = tempDir();
    const task = join(dir, 'task.arcdsl');
    writeFileSync(task, taskBlock());

    it('without --model says what is needed and which command makes it', () => {
        assertUsageError(arcdsl(['solve', task]), /^arcdsl: solve: --model DIR is required: .*'arcdsl export-onnx RUN_DIR'/);
    });

    it('a missing model folder is one line naming it and the command that makes one', () => {
        const missing = join(dir, 'no-such-model');
        assertUsageError(
            arcdsl(['solve', task, '--model', missing]),
            new RegExp(
                `^arcdsl: solve: --model ${missing}: no such folder; an exported model folder is made by 'arcdsl export-onnx RUN_DIR'$`,
            ),
        );
    });

    it('a folder without onnx/model.onnx names the missing file', () => {
        const empty = join(dir, 'empty-model');
        mkdirSync(join(empty, 'onnx'), { recursive: true });
        assertUsageError(
            arcdsl(['solve', task, '--model', empty]),
            /--model .*empty-model: no ONNX model \(expected .*onnx\/model\.onnx; .*export-onnx/,
        );
    });

    it('a file without a task block says how to write one', () => {
        const programOnly = join(dir, 'program.arcdsl');
        writeFileSync(programOnly, `${SOLUTION}\n`);
        assertUsageError(
            arcdsl(['solve', programOnly, '--model', dir]),
            /^arcdsl: solve: .*program\.arcdsl has no task block; write one first: task "name" \{/,
        );
    });

    it('a task without a test pair cannot be prompted', () => {
        const noTest = join(dir, 'no-test.arcdsl');
        writeFileSync(noTest, 'task "t" {\n  train [1 0] -> [0 1]\n}\n');
        assertUsageError(
            arcdsl(['solve', noTest, '--print-prompt']),
            /no-test\.arcdsl has no test pair: the model is prompted with a test input$/,
        );
    });

    it('errors inside the task block are printed with their place, exit 1', () => {
        const ragged = join(dir, 'ragged.arcdsl');
        writeFileSync(ragged, 'task "t" {\n  train [1 0 | 1] -> [0 1]\n  test [1 0] -> [0 1]\n}\n');
        const result = arcdsl(['solve', ragged, '--model', dir]);
        assert.equal(result.code, 1, result.stderr);
        assert.match(result.stderr, /ragged\.arcdsl:2:\d+: error: /);
        assert.match(result.stderr, /ragged\.arcdsl: not solved: the task block has errors\n$/);
        assert.equal(result.stdout, '');
    });

    it('bad numbers are refused before anything runs', () => {
        assertUsageError(arcdsl(['solve', task, '--model', dir, '--n', '0']), /--n must be a whole number ≥ 1, not '0'/);
        assertUsageError(arcdsl(['solve', task, '--model', dir, '--top-p', '2']), /--top-p must be a number from 0 to 1, not '2'/);
    });
});

describe('arcdsl solve on a tiny exported model', () => {
    const dir = tempDir();
    const task = join(dir, 'task.arcdsl');
    let model: string;

    before(() => {
        // A program-less task: solving is how its program gets written.
        writeFileSync(task, taskBlock());
        model = tinyModel(task, join(dir, 'model'));
    });

    it('ranks the memorised program first: it reproduces every train pair and the test pair', () => {
        const result = arcdsl(['solve', task, '--model', model, '--n', '6', '--seed', '3', '--json']);
        assert.equal(result.code, 0, result.stderr);
        const list = candidates(result.stdout);
        assert.deepEqual(list[0], {
            text: SOLUTION,
            count: list[0].count,
            status: 'ok',
            trainPassed: 2,
            trainTotal: 2,
            testPassed: 1,
            testTotal: 1,
            agreement: list[0].count,
        });
        assert.equal(
            list.reduce((sum, c) => sum + c.count, 0),
            6,
            'every sample is counted once',
        );
        assert.equal(new Set(list.map((c) => c.text)).size, list.length, 'samples with the same canonical text are merged');
        for (let i = 1; i < list.length; i++) assert.ok(list[i - 1].trainPassed >= list[i].trainPassed, 'best first');
        assert.match(result.stderr, /^solve: sampled 6\/6 programs$/m);
    });

    it('prints a table and a summary line', () => {
        const result = arcdsl(['solve', task, '--model', model, '--n', '4', '--temperature', '0']);
        assert.equal(result.code, 0, result.stderr);
        assert.equal(
            result.stdout,
            `1. train 2/2 · test 1/1 · ×4\n    ${SOLUTION}\n4 sampled, 1 distinct, 1 reproduces every train pair\n`,
        );
    });

    it('ignores a broken program after the task block (solving replaces it)', () => {
        const broken = join(dir, 'broken.arcdsl');
        writeFileSync(broken, `${taskBlock()}\noutput = rotate(input,\n`);
        const result = arcdsl(['solve', broken, '--model', model, '--n', '1', '--temperature', '0', '--json']);
        assert.equal(result.code, 0, result.stderr);
        assert.equal(candidates(result.stdout)[0].text, SOLUTION);
    });

    it('says so when no candidate reproduces the train pairs (exit 1)', () => {
        // The same prompt, but the outputs are the inputs: rotating does not reproduce them.
        const identity = join(dir, 'identity.arcdsl');
        writeFileSync(
            identity,
            'task "same" {\n  train [1 0 | 0 0] -> [1 0 | 0 0]\n  train [0 2 | 0 0] -> [0 2 | 0 0]\n  test [3 0 | 0 0]\n}\n',
        );
        const result = arcdsl(['solve', identity, '--model', model, '--n', '3', '--temperature', '0']);
        assert.equal(result.code, 1, result.stderr);
        assert.match(result.stdout, /\nno candidate reproduces the train pairs; 3 sampled, best [01]\/2\n$/);
        const json = candidates(arcdsl(['solve', identity, '--model', model, '--n', '3', '--temperature', '0', '--json']).stdout);
        assert.ok(
            json.every((c) => c.testPassed === null && c.testTotal === 0),
            'a test pair without an output is not scored',
        );
    });

    it('a model folder without tokenizer.json names the missing file', () => {
        const partial = join(dir, 'partial-model');
        cpSync(model, partial, { recursive: true });
        rmSync(join(partial, 'tokenizer.json'));
        assertUsageError(
            arcdsl(['solve', task, '--model', partial]),
            /--model .*partial-model: tokenizer\.json is missing \(not an exported model folder\)/,
        );
    });

    it('without the ONNX runtime beside the CLI, names what is missing and how to get it', () => {
        // The bundle alone, as a .vsix without its node_modules would install it.
        const bare = join(tempDir(), 'dist');
        mkdirSync(bare);
        for (const file of ['cli.cjs', 'sandbox-worker.cjs']) copyFileSync(join(CLI, '..', file), join(bare, file));
        const result = spawnSync(process.execPath, [join(bare, 'cli.cjs'), 'solve', task, '--model', model], { encoding: 'utf8' });
        assertUsageError(
            { code: result.status, stdout: result.stdout, stderr: result.stderr },
            /^arcdsl: solve: the model runtime is not installed \(Cannot find module '[\w-]+'\); in a checkout run 'npm ci'/,
        );
    });
});
