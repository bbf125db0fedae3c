import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { cliProcess, displayCommand } from '../../client/pipeline/arcdsl-process.js';
import { findFolders, isDataset, isExportedModel, isTaskFolder } from '../../client/pipeline/pipeline-folders.js';
import {
    checkK,
    checkSizes,
    checkSplit,
    evaluateArgs,
    evaluateOptionsFrom,
    FAMILY_NAMES,
    finetuneArgs,
    generateArgs,
    generateOptionsFrom,
    nextFreeFolder,
    StageOptionError,
} from '../../client/pipeline/stage-options.js';
import { lastMessage } from '../../client/pipeline/stage-process.js';

describe('stage options from the prompts', () => {
    test('grid sizes: A-B within 1..30, A ≤ B', () => {
        for (const ok of ['3-30', '5', '1-1', ' 3-10 ']) assert.equal(checkSizes(ok), undefined, ok);
        for (const bad of ['0-5', '3-31', '10-3', '3-', 'a-b', '']) assert.match(checkSizes(bad) ?? '', /1 ≤ A ≤ B ≤ 30/, bad);
    });

    test('split: the dataset builder’s own rule (percentages adding up to 100)', () => {
        assert.equal(checkSplit('90/5/5'), undefined);
        assert.match(checkSplit('90/5/10') ?? '', /add up to 100/);
        assert.match(checkSplit('90/10') ?? '', /three whole percentages/);
    });

    test('pass@k: no k above n', () => {
        assert.equal(checkK('1,5,10', 20), undefined);
        assert.match(checkK('1,5', 4) ?? '', /pass@5 needs at least 5 samples/);
        assert.match(checkK('1,x', 20) ?? '', /whole numbers/);
    });
});

describe('stage options from a caller (executeCommand with an object)', () => {
    test('generate: families as a list, a comma string or all; sizes as text or {min,max}', () => {
        assert.deepEqual(generateOptionsFrom({ families: ['Connect', 'FloodFill'], count: 3, sizes: { min: 3, max: 8 }, seed: 'a' }), {
            families: ['Connect', 'FloodFill'],
            count: 3,
            sizes: '3-8',
            seed: 'a',
        });
        assert.deepEqual(generateOptionsFrom({ families: 'all' }), { families: 'all' });
        assert.deepEqual(generateOptionsFrom(undefined), {});
    });

    test('a bad field is an error naming the command and the field', () => {
        assert.throws(
            () => generateOptionsFrom({ families: ['Conect'] }),
            (e: Error) => {
                assert.ok(e instanceof StageOptionError);
                assert.match(e.message, /^arcdsl\.generateDataset: 'families': unknown family 'Conect'/);
                return true;
            },
        );
        assert.throws(() => generateOptionsFrom({ count: 0 }), /'count': a positive whole number/);
        assert.throws(() => generateOptionsFrom('Connect'), /must be an options object/);
        assert.throws(() => evaluateOptionsFrom({ n: 4, k: [1, 5] }), /arcdsl\.evaluateModel: 'k': pass@5 needs at least 5/);
        assert.throws(() => evaluateOptionsFrom({ split: 'dev' }), /'split': one of train, validation, test/);
    });

    test('evaluate: k as a list or text', () => {
        assert.deepEqual(evaluateOptionsFrom({ model: 'm', dataset: 'd', split: 'test', n: 10, k: [1, 5], out: 'o' }), {
            model: 'm',
            dataset: 'd',
            split: 'test',
            n: 10,
            k: [1, 5],
            out: 'o',
        });
        assert.deepEqual(evaluateOptionsFrom({ k: '1,2' }).k, [1, 2]);
    });
});

describe('arcdsl arguments', () => {
    test('generate: every family is --families all', () => {
        const base = { count: 3, sizes: '3-10', seed: '7', out: '/w/tasks-1' };
        assert.deepEqual(generateArgs({ ...base, families: [...FAMILY_NAMES] }), [
            'generate',
            '--out',
            '/w/tasks-1',
            '--families',
            'all',
            '--count',
            '3',
            '--sizes',
            '3-10',
            '--seed',
            '7',
        ]);
        assert.equal(generateArgs({ ...base, families: ['Connect', 'MoveShape'] })[4], 'Connect,MoveShape');
    });

    test('finetune: from scratch, or a model with LoRA; max steps win over epochs', () => {
        assert.deepEqual(finetuneArgs({ dataset: 'd', out: 'r', fromScratch: 'tiny', epochs: 2 }), [
            'finetune',
            '--dataset',
            'd',
            '--out',
            'r',
            '--from-scratch',
            'tiny',
            '--epochs',
            '2',
        ]);
        assert.deepEqual(
            finetuneArgs({ dataset: 'd', out: 'r', fromScratch: 'tiny', model: '/m', lora: '16,32', epochs: 2, maxSteps: 5 }).slice(5),
            ['--model', '/m', '--lora', '16,32', '--max-steps', '5'],
        );
    });

    test('evaluate', () => {
        assert.deepEqual(evaluateArgs({ model: 'm', dataset: 'd', split: 'test', n: 4, k: [1, 2], out: 'o' }), [
            'evaluate',
            '--model',
            'm',
            '--dataset',
            'd',
            '--split',
            'test',
            '--n',
            '4',
            '--out',
            'o',
            '--k',
            '1,2',
        ]);
    });

    test('the CLI runs on the host’s Node with ELECTRON_RUN_AS_NODE, or as an executable given in arcdsl.cliPath', () => {
        const bundled = cliProcess({ extensionPath: '/ext', execPath: '/vscode/node' }, ['generate', '--out', 'x'], '/w', {
            PYTHON: 'python3.11',
        });
        assert.equal(bundled.file, '/vscode/node');
        assert.deepEqual(bundled.args, ['/ext/dist/cli.cjs', 'generate', '--out', 'x']);
        assert.equal(bundled.env.ELECTRON_RUN_AS_NODE, '1');
        assert.equal(bundled.env.ARCDSL_NODE, '/vscode/node');
        assert.equal(bundled.env.PYTHON, 'python3.11');
        assert.equal(bundled.cwd, '/w');
        const script = cliProcess({ extensionPath: '/ext', execPath: '/vscode/node', cliPath: '/repo/bin/arcdsl' }, ['check', 'a']);
        assert.equal(script.file, '/repo/bin/arcdsl');
        assert.deepEqual(script.args, ['check', 'a']);
        assert.equal(displayCommand(['generate', '--seed', 'a b']), "arcdsl generate --seed 'a b'");
    });
});

describe('output of a failed run', () => {
    test("the notification shows the CLI's one-line error, without colours", () => {
        const out =
            "\x1b[2m$ arcdsl finetune\x1b[0m\r\narcdsl: using the Python venv at /v\r\n\x1b[31marcdsl: no Python interpreter 'python3'\x1b[0m\r\n";
        assert.equal(lastMessage(out), "arcdsl: no Python interpreter 'python3'");
        assert.equal(lastMessage('Traceback\r\nValueError: bad\r\n'), 'ValueError: bad');
        assert.equal(lastMessage(''), undefined);
    });
});

describe('folders a stage offers', () => {
    const root = mkdtempSync(join(tmpdir(), 'arcdsl-folders-'));
    after(() => rmSync(root, { recursive: true, force: true }));

    test('task folders, datasets and exported models are told apart; the next free name skips used ones', () => {
        mkdirSync(join(root, 'tasks-1'), { recursive: true });
        writeFileSync(join(root, 'tasks-1', 'Connect.jsonl'), '');
        mkdirSync(join(root, 'dataset-1', 'train'), { recursive: true });
        writeFileSync(join(root, 'dataset-1', 'dataset_dict.json'), '{}');
        mkdirSync(join(root, 'run-1', 'onnx-export', 'onnx'), { recursive: true });
        writeFileSync(join(root, 'run-1', 'onnx-export', 'onnx', 'model.onnx'), '');
        writeFileSync(join(root, 'run-1', 'onnx-export', 'tokenizer.json'), '{}');
        mkdirSync(join(root, 'run-2', 'final'), { recursive: true });
        assert.deepEqual(findFolders(root, isTaskFolder), [join(root, 'tasks-1')]);
        assert.deepEqual(findFolders(root, isDataset), [join(root, 'dataset-1')]);
        assert.deepEqual(findFolders(root, isExportedModel), [join(root, 'run-1', 'onnx-export')]);
        assert.deepEqual(findFolders(join(root, 'missing'), isDataset), []);
        assert.equal(nextFreeFolder(root, 'tasks'), join(root, 'tasks-2'));
        assert.equal(nextFreeFolder(root, 'eval'), join(root, 'eval-1'));
    });
});
