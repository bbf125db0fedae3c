import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { appendFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { buildDataset } from '../../generators/dataset/build-dataset.js';
import { DatasetBuildError } from '../../generators/dataset/build-error.js';
import { openDataset } from '../../generators/dataset/read-dataset.js';
import { arcdsl } from '../cli/run-cli.js';
import { mirrorRecord, rotateRecord, tempDir, writeJsonl } from './fixtures.js';

const root = tempDir();
const input = join(root, 'in');
const out = join(root, 'out');

/** Every file under a directory with its bytes, to show a dataset was left exactly as it was. */
function snapshot(dir: string): Record<string, string> {
    const files: Record<string, string> = {};
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
        if (entry.isFile()) {
            const path = join(entry.parentPath, entry.name);
            files[path] = readFileSync(path).toString('base64');
        }
    }
    return files;
}

before(async () => {
    mkdirSync(input);
    writeJsonl(
        input,
        'RotateShape.jsonl',
        Array.from({ length: 300 }, (_, i) => rotateRecord({ turns: 1 + (i % 3), seed: i })),
    );
    writeJsonl(
        input,
        'MirrorShape.jsonl',
        Array.from({ length: 20 }, (_, i) => mirrorRecord(i)),
    );
    await buildDataset({ input, out, split: [80, 10, 10] });
});
after(() => rmSync(root, { recursive: true, force: true }));

describe('the output directory', () => {
    it('refuses to replace an existing dataset without --force, leaving it as it was', async () => {
        const before = snapshot(out);
        await assert.rejects(buildDataset({ input, out, seed: 9 }), (e: unknown) => {
            assert.ok(e instanceof DatasetBuildError);
            assert.equal(e.message, `${out} already exists; pass --force to replace it`);
            return true;
        });
        assert.deepEqual(snapshot(out), before);
    });

    it('replaces it with --force, and leaves no temporary directory beside it', async () => {
        const before = snapshot(out);
        const report = await buildDataset({ input, out, seed: 9, force: true, split: [50, 25, 25] });
        assert.notDeepEqual(snapshot(out), before);
        assert.equal(openDataset(out).splits.find((s) => s.name === 'test')?.rows, report.rows.test);
        assert.deepEqual(readdirSync(root).sort(), ['in', 'out']);
    });

    it('never replaces a directory that is not a dataset, even with --force', async () => {
        const notDataset = join(root, 'notes');
        mkdirSync(notDataset);
        writeFileSync(join(notDataset, 'keep.txt'), 'mine');
        await assert.rejects(
            buildDataset({ input, out: notDataset, force: true }),
            /is not a dataset \(no dataset_dict\.json\); refusing to replace it/,
        );
        assert.equal(readFileSync(join(notDataset, 'keep.txt'), 'utf8'), 'mine');
        rmSync(notDataset, { recursive: true });
    });

    it('leaves nothing half-written when the build fails while writing, and the earlier dataset intact', async () => {
        const before = snapshot(out);
        let checks = 0;
        // An interrupt (what Ctrl-C does through the CLI). Checks come once per input chunk in the first pass
        // (two files: two checks) and every 256 rows in the second: the third arrives with 5 batches on disk.
        const signal = {
            aborted: false,
            throwIfAborted() {
                if (++checks === 3) throw new DatasetBuildError('interrupted');
            },
        } as unknown as AbortSignal;
        await assert.rejects(
            buildDataset({ input, out, force: true, seed: 5, batchRows: 50, signal }),
            (e) => e instanceof DatasetBuildError,
        );
        assert.equal(checks, 3);
        assert.deepEqual(snapshot(out), before);
        assert.deepEqual(readdirSync(root).sort(), ['in', 'out']);
    });

    it('stops when an input file changes between the two passes', async () => {
        const moving = join(root, 'moving');
        mkdirSync(moving);
        const file = writeJsonl(moving, 'RotateShape.jsonl', [rotateRecord({ turns: 1, seed: 1 })]);
        const target = join(root, 'moved');
        await assert.rejects(
            buildDataset({
                input: moving,
                out: target,
                onProgress: () => appendFileSync(file, `${JSON.stringify(rotateRecord({ turns: 1, seed: 2 }))}\n`),
            }),
            /RotateShape\.jsonl changed while the dataset was being built/,
        );
        assert.deepEqual(readdirSync(root).sort(), ['in', 'moving', 'out']);
        rmSync(moving, { recursive: true });
    });
});

describe('arcdsl dataset', () => {
    const run = (args: string[]) =>
        promisify(execFile)(
            process.execPath,
            ['--require', './scripts/polyfill.cjs', '--import', 'tsx', 'cli/main.ts', 'dataset', ...args],
            {
                cwd: resolve(import.meta.dirname, '../..'),
            },
        ).then(
            ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
            (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
        );

    it('builds a dataset and prints what it wrote; a bad option or an existing output is one line, no stack', async () => {
        const target = join(root, 'cli-out');
        const ok = await run(['--in', input, '--out', target, '--split', '80/10/10', '--seed', '2', '--prompt-format', 'seed']);
        assert.equal(ok.code, 0, ok.stderr);
        assert.match(ok.stdout, new RegExp(`wrote ${target}: 320 rows, 4 distinct programs`));
        assert.match(readFileSync(join(target, 'README.md'), 'utf8'), /prompt format `seed`/);

        const again = await run(['--in', input, '--out', target]);
        assert.equal(again.code, 1);
        assert.equal(again.stderr, `arcdsl: dataset: ${target} already exists; pass --force to replace it\n`);

        const badSplit = await run(['--in', input, '--out', join(root, 'x'), '--split', '90/10']);
        assert.equal(badSplit.code, 2);
        assert.equal(badSplit.stderr, "arcdsl: dataset: --split must be three whole percentages like 90/5/5, not '90/10'\n");
        rmSync(target, { recursive: true });
    });

    it('says when the dataset does not fit, leaving the earlier one intact and nothing beside it', () => {
        const target = join(root, 'full');
        assert.equal(arcdsl(['dataset', '--in', input, '--out', target, '--seed', '3']).code, 0);
        const before = snapshot(target);
        // The train split's Arrow file holds more than 64 KiB: the operating system refuses the write past it.
        const result = arcdsl(['dataset', '--in', input, '--out', target, '--seed', '4', '--force'], { fileSizeLimitKib: 64 });
        assert.equal(result.code, 1, result.stderr);
        assert.match(
            result.stderr,
            new RegExp(
                `arcdsl: dataset: cannot write ${target}: a file would be larger than allowed .*; nothing was written \\(an earlier dataset there is intact\\)\n$`,
            ),
        );
        assert.deepEqual(snapshot(target), before);
        assert.deepEqual(readdirSync(root).sort(), ['full', 'in', 'out']);
        rmSync(target, { recursive: true });
    });
});
