import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { UsageError } from '../../cli/command.js';
import { generateCommand } from '../../cli/commands/generate.js';
import type { FamilyName } from '../../generators/family.js';
import { DEFAULT_CONFIG, shardRange } from '../../generators/generate.js';
import { GENERATE_BATCH, generateToDirectory, mergeShards, type Shard } from '../../generators/output.js';
import { ProgramPool } from '../../generators/programs.js';
import { arcdsl, assertUsageError, CLI, tempDir } from '../cli/run-cli.js';

const FAMILIES: FamilyName[] = ['Connect', 'ExtractPattern'];
const CLI_RUN = ['--families', FAMILIES.join(','), '--count', '9', '--sizes', '5-9', '--seed', 'cli-test', '--quiet'];
const pool = new ProgramPool();

/** The same run as CLI_RUN, in this process. */
function run(
    out: string,
    options: { seed?: string; shard?: Shard; trainPairs?: number; force?: boolean; count?: number; jobs?: number } = {},
) {
    const config = { ...DEFAULT_CONFIG, seed: options.seed ?? 'cli-test', sizes: { min: 5, max: 9 }, trainPairs: options.trainPairs ?? 2 };
    const { shard, jobs } = options;
    return generateToDirectory({
        families: FAMILIES,
        count: options.count ?? 9,
        config,
        out,
        shard,
        force: options.force ?? false,
        pool,
        jobs,
    });
}

/** Every file of a directory, by name, as text. */
function contents(dir: string): Record<string, string> {
    return Object.fromEntries(
        readdirSync(dir)
            .sort()
            .map((name) => [name, readFileSync(join(dir, name), 'utf8')]),
    );
}

describe('arcdsl generate', () => {
    const root = tempDir();
    const single = join(root, 'single');
    const cli = arcdsl(['generate', ...CLI_RUN, '--out', single]);

    it('writes one JSONL per family and a summary of accepted and rejected candidates', () => {
        assert.equal(cli.code, 0, cli.stderr);
        assert.deepEqual(Object.keys(contents(single)), ['Connect.jsonl', 'ExtractPattern.jsonl', 'summary.json']);
        const summary = JSON.parse(readFileSync(join(single, 'summary.json'), 'utf8'));
        assert.deepEqual(Object.keys(summary), ['families', 'seed', 'sizes', 'count', 'train_pairs']);
        assert.equal(summary.seed, 'cli-test');
        assert.equal(summary.sizes, '5-9');
        for (const family of FAMILIES) {
            const lines = readFileSync(join(single, `${family}.jsonl`), 'utf8')
                .trimEnd()
                .split('\n');
            const stats = summary.families[family];
            assert.equal(stats.accepted, lines.length);
            assert.equal(stats.accepted + stats.unfilled + (stats.rejected.duplicate ?? 0), 9);
            const record = JSON.parse(lines[0]);
            assert.deepEqual(Object.keys(record), [
                'id',
                'task_type',
                'sub_rule',
                'train_input1',
                'train_output1',
                'train_input2',
                'train_output2',
                'test_input',
                'test_output',
                'solution',
                'seed',
                'index',
            ]);
            assert.equal(record.task_type, family);
            assert.match(record.id, new RegExp(`^${family}-[0-9a-f]{16}$`));
        }
        assert.match(cli.stdout, /^Connect\s+\d+\s+\d+/m);
    });

    it('writes byte-identical files for the same seed, and different ones for another seed', async () => {
        const again = join(root, 'again');
        await run(again);
        assert.deepEqual(contents(again), contents(single));
        const other = join(root, 'other');
        await run(other, { seed: 'another' });
        assert.notEqual(contents(other)['Connect.jsonl'], contents(single)['Connect.jsonl']);
    });

    it('merges shards into exactly the single run, then removes the shard files', async () => {
        const sharded = join(root, 'sharded');
        for (const index of [1, 2, 3]) await run(sharded, { shard: { index, total: 3 } });
        assert.ok(existsSync(join(sharded, 'Connect.shard-2-of-3.jsonl')));
        await mergeShards(sharded, false);
        assert.deepEqual(contents(sharded), contents(single));
    });

    it('writes the same files with worker threads, batch by batch, as in one thread', async () => {
        const count = 2 * GENERATE_BATCH + 7;
        const oneThread = join(root, 'one-thread');
        const workers = join(root, 'workers');
        await run(oneThread, { count, jobs: 1 });
        await run(workers, { count, jobs: 3 });
        assert.deepEqual(contents(workers), contents(oneThread));
        const shard = join(root, 'workers-shard');
        await run(shard, { count, jobs: 2, shard: { index: 2, total: 3 } });
        const range = shardRange(count, 2, 3);
        const lines = (dir: string, name: string) => readFileSync(join(dir, name), 'utf8').split('\n').filter(Boolean);
        const indices = lines(shard, 'Connect.shard-2-of-3.jsonl').map((line) => JSON.parse(line).index);
        assert.ok(indices[0] >= range.start && indices[indices.length - 1] < range.end);
        assert.deepEqual(
            lines(shard, 'Connect.shard-2-of-3.jsonl'),
            lines(oneThread, 'Connect.jsonl').filter((line) => {
                const { index } = JSON.parse(line);
                return index >= range.start && index < range.end;
            }),
        );
        // The bundle finds its worker script too.
        const bundled = join(root, 'bundled-workers');
        assert.equal(arcdsl(['generate', ...CLI_RUN, '--jobs', '2', '--out', bundled]).code, 0);
        assert.deepEqual(contents(bundled), contents(single));
    });

    it('stops on SIGTERM while workers generate, leaving nothing behind', async () => {
        const out = join(root, 'stopped');
        const child = spawn(process.execPath, [
            CLI,
            'generate',
            '--families',
            'all',
            '--count',
            '200000',
            '--jobs',
            '2',
            '--quiet',
            '--out',
            out,
        ]);
        let stderr = '';
        child.stderr.on('data', (chunk) => {
            stderr += chunk;
        });
        const exited = once(child, 'exit');
        try {
            // Stopped once its temp files exist, i.e. mid-run (1.6 million records take minutes).
            for (const deadline = Date.now() + 30_000; !existsSync(out) || readdirSync(out).length === 0; await delay(50)) {
                assert.ok(Date.now() < deadline && child.exitCode === null, `no temp files appeared: ${stderr}`);
            }
        } finally {
            child.kill('SIGTERM');
        }
        const [code] = await exited;
        assert.equal(code, 130, stderr);
        assert.equal(stderr, 'arcdsl: generate: interrupted; nothing was written\n');
        assert.equal(existsSync(out), false, 'the directory the run created is removed');
    });

    it('refuses to overwrite without --force, and overwrites with it', async () => {
        const before = contents(single);
        assertUsageError(
            arcdsl(['generate', ...CLI_RUN, '--out', single]),
            /Connect\.jsonl already exists \(and 2 more\); pass --force to overwrite$/,
        );
        assert.deepEqual(contents(single), before);
        await run(single, { force: true });
        assert.deepEqual(contents(single), before);
    });

    it('adds train pairs on request', async () => {
        const out = join(root, 'three');
        await run(out, { trainPairs: 3 });
        const record = JSON.parse(readFileSync(join(out, 'Connect.jsonl'), 'utf8').split('\n')[0]);
        assert.ok(record.train_input3 && record.train_output3 && !record.train_input4);
    });

    it('rejects bad options with one line and exit code 2', async () => {
        const out = join(root, 'bad');
        assertUsageError(arcdsl(['generate', '--out', out, '--families', 'Conect']), /unknown family 'Conect'/);
        const mistakes: [string[], RegExp][] = [
            [['--sizes', '2-40'], /--sizes must be A-B/],
            [['--shard', '4/3'], /--shard must be I\/N/],
            [['--train-pairs', '6'], /--train-pairs must be 2–5/],
            [['--count', '0'], /--count must be a positive/],
            [['--families', 'FloodFill', '--sizes', '3-4'], /no FloodFill rule fits sizes 3-4/],
            [['--merge', '--seed', '1'], /--merge takes its settings from the shard files; drop --seed/],
            [['--jobs', '0'], /--jobs must be a whole number from 1 to 64, not '0'/],
            [['--jobs', 'many'], /--jobs must be a whole number from 1 to 64, not 'many'/],
            [['--merge', '--jobs', '2'], /--merge takes its settings from the shard files; drop --jobs/],
        ];
        for (const [args, message] of mistakes) {
            await assert.rejects(
                generateCommand.run([...args, '--out', out]),
                (error: unknown) => error instanceof UsageError && error.exitCode === 2 && message.test(error.message),
            );
        }
        await assert.rejects(generateCommand.run(['--count', '3']), /--out DIR is required/);
        assert.equal(existsSync(out), false);
    });

    it('names the missing shard when merging an incomplete set, writing nothing', async () => {
        const partial = join(root, 'partial');
        await run(partial, { shard: { index: 1, total: 2 } });
        const result = arcdsl(['generate', '--merge', '--out', partial]);
        assert.equal(result.code, 1);
        assert.match(result.stderr, /^arcdsl: generate: shard 2 of 2 is missing in /);
        assert.deepEqual(Object.keys(contents(partial)), [
            'Connect.shard-1-of-2.jsonl',
            'ExtractPattern.shard-1-of-2.jsonl',
            'summary.shard-1-of-2.json',
        ]);
    });

    it('says why it cannot write, and leaves nothing behind', () => {
        const blocked = join(root, 'blocked');
        writeFileSync(blocked, 'a file, not a directory');
        const result = arcdsl(['generate', ...CLI_RUN, '--out', join(blocked, 'sub')]);
        assert.equal(result.code, 1);
        assert.match(result.stderr, /^arcdsl: generate: cannot create .*blocked\/sub/);
        assert.equal(readFileSync(blocked, 'utf8'), 'a file, not a directory');
    });

    it('says when a file does not fit, and leaves the files there as they were', () => {
        const full = join(root, 'full');
        assert.equal(arcdsl(['generate', ...CLI_RUN, '--out', full]).code, 0);
        const before = contents(full);
        // 40 records of a family make a file of more than 16 KiB; the operating system refuses the write past it.
        const bigger = ['generate', ...CLI_RUN.map((arg) => (arg === '9' ? '40' : arg)), '--out', full, '--force'];
        const result = arcdsl(bigger, { fileSizeLimitKib: 16 });
        assert.equal(result.code, 1, result.stderr);
        assert.equal(
            result.stderr,
            `arcdsl: generate: cannot write to ${full}: a file would be larger than allowed (a file-size limit, or the file system’s); the files there are as they were\n`,
        );
        assert.deepEqual(contents(full), before);
        assert.equal(arcdsl(bigger).code, 0, 'the same run without the limit writes');
    });
});
