import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { fixtureDataset, runCli, tempDir } from './fixtures.js';

describe('evaluate: bad input is one line, exit 2, nothing written', () => {
    let dataset: string;
    let root: string;

    before(async () => {
        root = tempDir();
        dataset = await fixtureDataset(root, 2, 3, 4);
    });

    /** A folder with the given files (empty or with the given text). */
    function modelFolder(name: string, files: Record<string, string>): string {
        const dir = join(root, name);
        for (const [file, text] of Object.entries(files)) {
            mkdirSync(join(dir, file, '..'), { recursive: true });
            writeFileSync(join(dir, file), text);
        }
        return dir;
    }

    async function refused(args: string[], message: RegExp): Promise<void> {
        const out = join(tempDir(), 'eval');
        const split = args.includes('--split') ? [] : ['--split', 'train'];
        const result = await runCli(['evaluate', '--dataset', dataset, '--out', out, ...split, ...args]);
        assert.equal(result.code, 2, result.stderr);
        assert.match(result.stderr, message);
        assert.equal(result.stderr.trim().split('\n').length, 1, `one line:\n${result.stderr}`);
        assert.equal(result.stdout, '');
        assert.equal(existsSync(out), false, 'nothing written');
    }

    it('names a model folder without an ONNX file', async () => {
        const dir = modelFolder('no-onnx', { 'config.json': '{}', 'tokenizer.json': '{}', 'tokenizer_config.json': '{}' });
        await refused(
            ['--model', dir],
            new RegExp(`^arcdsl: evaluate: --model ${dir}: no ONNX model \\(expected ${dir}/onnx/model\\.onnx; export one with`),
        );
    });

    it('names a model folder without a tokenizer', async () => {
        const dir = modelFolder('no-tokenizer', { 'onnx/model.onnx': 'x', 'config.json': '{}', 'tokenizer_config.json': '{}' });
        await refused(['--model', dir], new RegExp(`^arcdsl: evaluate: --model ${dir}: tokenizer\\.json is missing`));
    });

    it('names a model folder whose files do not load', async () => {
        const files = {
            'onnx/model.onnx': 'not a model',
            'config.json': '{"model_type": "gpt2"}',
            'tokenizer.json': '{',
            'tokenizer_config.json': '{}',
        };
        const dir = modelFolder('broken', files);
        await refused(['--model', dir, '--n', '1', '--k', '1'], new RegExp(`^arcdsl: evaluate: --model ${dir}: cannot load the model \\(`));
    });

    it('names a split the dataset does not have, and a folder that is no dataset', async () => {
        const model = modelFolder('ok', {
            'onnx/model.onnx': 'x',
            'config.json': '{}',
            'tokenizer.json': '{}',
            'tokenizer_config.json': '{}',
        });
        await refused(
            ['--model', model, '--split', 'dev'],
            /^arcdsl: evaluate: --dataset .*\/dataset has no split 'dev' \(it has train, validation, test\)$/m,
        );
        const out = join(tempDir(), 'eval');
        const result = await runCli(['evaluate', '--model', model, '--dataset', root, '--out', out]);
        assert.equal(result.code, 2);
        assert.match(result.stderr, new RegExp(`^arcdsl: evaluate: --dataset ${root}: ${root}/dataset_dict\\.json is missing`));
        assert.equal(existsSync(out), false);
    });

    it('refuses an unknown backend, k > n, and an openai backend without its URL', async () => {
        await refused(['--backend', 'vllm'], /^arcdsl: evaluate: --backend must be transformers or openai, not 'vllm'$/m);
        await refused(
            ['--backend', 'openai', '--base-url', 'http://127.0.0.1:1', '--model-name', 'm', '--n', '5', '--k', '1,10'],
            /--k 10 is more than --n 5/,
        );
        await refused(['--backend', 'openai', '--model-name', 'm'], /--base-url URL is required with --backend openai/);
        await refused(['--model', join(root, 'nowhere')], /--model .*nowhere: no such folder/);
        await refused(['--n', 'many'], /--n must be a whole number ≥ 1, not 'many'/);
    });
});
