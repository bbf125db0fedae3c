import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
    DatasetSource,
    DatasetSourceError,
    type ExplorerRecord,
    type RecordFilter,
} from '../../../client/dataset-explorer/dataset-source.js';
import { BatchEncoder, type CellValue, streamFraming } from '../../../generators/dataset/arrow-writer.js';
import { datasetColumns } from '../../../generators/dataset/columns.js';
import { readSplit } from '../../../generators/dataset/read-dataset.js';
import { arcdsl } from '../../cli/run-cli.js';

const FAMILIES = ['Connect', 'RotateShape', 'MirrorShape'];

/** Every record matching `filter`, a page of `size` at a time. */
async function allPages(source: DatasetSource, filter: RecordFilter, size: number): Promise<ExplorerRecord[]> {
    const records: ExplorerRecord[] = [];
    for (let offset = 0; ; offset += size) {
        const page = await source.page(filter, offset, size);
        assert.equal(page.offset, offset);
        records.push(...page.records);
        if (!page.hasMore) return records;
        assert.equal(page.records.length, size, 'only the last page may be short');
    }
}

function comparable(record: ExplorerRecord) {
    const { location: _location, split: _split, ...rest } = record;
    return rest;
}

function jsonlLines(dir: string): Record<string, unknown>[] {
    return readdirSync(dir)
        .filter((name) => name.endsWith('.jsonl'))
        .flatMap((name) => readFileSync(join(dir, name), 'utf8').split('\n').filter(Boolean))
        .map((line) => JSON.parse(line));
}

describe('dataset explorer source, on data written by the arcdsl CLI', () => {
    const root = mkdtempSync(join(tmpdir(), 'arcdsl-explorer-test-'));
    const generated = join(root, 'gen');
    const dataset = join(root, 'ds');
    after(() => rmSync(root, { recursive: true, force: true }));

    before(() => {
        const run = (...args: string[]) => {
            const result = arcdsl(args);
            assert.equal(result.code, 0, `arcdsl ${args.join(' ')}: ${result.stderr}`);
        };
        run('generate', '--out', generated, '--families', FAMILIES.join(','), '--count', '8', '--sizes', '3-6', '--quiet');
        // A file of records with three train pairs: the dataset gets train_input3 columns, null for the others.
        run(
            'generate',
            '--out',
            join(root, 'gen3'),
            '--families',
            'Connect',
            '--count',
            '3',
            '--sizes',
            '3-5',
            '--train-pairs',
            '3',
            '--quiet',
        );
        cpSync(join(root, 'gen3', 'Connect.jsonl'), join(generated, 'Connect3.jsonl'));
        run('dataset', '--in', generated, '--out', dataset, '--split', '60/20/20', '--jobs', '0');
    });

    test('the counts per split and family are those of the data', async () => {
        const source = await DatasetSource.open(dataset);
        const { summary } = source;
        assert.equal(summary.kind, 'arrow');
        assert.deepEqual(summary.splits, ['train', 'validation', 'test']);
        // In the language's family order, as the family filter lists them.
        assert.deepEqual(summary.families, ['Connect', 'RotateShape', 'MirrorShape']);
        for (const split of summary.splits) {
            const expected: Record<string, number> = {};
            for await (const row of readSplit(dataset, split))
                expected[row.task_type as string] = (expected[row.task_type as string] ?? 0) + 1;
            assert.deepEqual(summary.counts[split], expected, split);
        }
        const lines = jsonlLines(generated);
        assert.equal(summary.total, lines.length);
        for (const family of FAMILIES) {
            assert.equal(source.count({ family }), lines.filter((l) => l.task_type === family).length, family);
        }
        assert.deepEqual(summary.problems, []);
    });

    test('JSONL and Arrow give the same records, page by page', async () => {
        const arrow = await DatasetSource.open(dataset);
        const jsonl = await DatasetSource.open(generated);
        assert.equal(jsonl.summary.kind, 'jsonl');
        assert.deepEqual(jsonl.summary.splits, ['Connect', 'Connect3', 'MirrorShape', 'RotateShape']);
        const fromArrow = await allPages(arrow, {}, 7);
        const fromJsonl = await allPages(jsonl, {}, 5);
        assert.equal(fromArrow.length, arrow.summary.total);
        assert.equal(fromJsonl.length, jsonl.summary.total);
        const byId = new Map(fromJsonl.map((r) => [r.id, r]));
        for (const record of fromArrow) assert.deepEqual(comparable(record), comparable(byId.get(record.id)!), record.id);
        assert.ok(fromArrow.some((r) => r.train.length === 3) && fromArrow.some((r) => r.train.length === 2));
        assert.match(fromJsonl[0].location, /^Connect\.jsonl:1$/);
        assert.match(fromArrow[0].location, /^train row 0$/);
    });

    test('pages of any size put together give every matching record once, in order', async () => {
        const source = await DatasetSource.open(dataset);
        const all = (await source.page({}, 0, 10_000)).records;
        assert.equal(all.length, source.summary.total);
        assert.deepEqual(
            (await allPages(source, {}, 4)).map((r) => r.id),
            all.map((r) => r.id),
        );
        const last = await source.page({}, all.length - 2, 4);
        assert.deepEqual(
            last.records.map((r) => r.id),
            all.slice(-2).map((r) => r.id),
        );
        assert.equal(last.hasMore, false);
        const beyond = await source.page({}, all.length + 3, 4);
        assert.deepEqual(beyond.records, []);
        assert.equal(beyond.total, all.length);
    });

    test('filters by family, split and text in the id or the program', async () => {
        const source = await DatasetSource.open(dataset);
        const all = (await source.page({}, 0, 10_000)).records;
        for (const family of source.summary.families) {
            const records = await allPages(source, { family }, 3);
            assert.deepEqual(
                records.map((r) => r.id),
                all.filter((r) => r.family === family).map((r) => r.id),
            );
            const page = await source.page({ family }, 0, 3);
            assert.equal(page.total, source.count({ family }));
        }
        const records = await allPages(source, { split: 'validation', family: all.find((r) => r.split === 'validation')!.family }, 2);
        assert.ok(records.length > 0 && records.every((r) => r.split === 'validation'));

        const target = all[all.length - 1];
        const byId = await source.page({ search: target.id.slice(-10).toUpperCase() }, 0, 5);
        assert.deepEqual(
            byId.records.map((r) => r.id),
            [target.id],
        );
        assert.equal(byId.total, 1);

        const word = 'rotate(';
        const expected = all.filter((r) => r.solution.includes(word) || r.id.toLowerCase().includes(word));
        assert.ok(expected.length > 2, 'the data should hold some rotate programs');
        const first = await source.page({ search: word }, 0, 2);
        assert.equal(first.total, undefined, 'a search stops at the page: its total is not known yet');
        assert.equal(first.hasMore, true);
        assert.deepEqual(
            (await allPages(source, { search: word }, 2)).map((r) => r.id),
            expected.map((r) => r.id),
        );
        const none = await source.page({ search: 'no program says this' }, 0, 5);
        assert.deepEqual([none.records.length, none.total, none.hasMore], [0, 0, false]);
        await assert.rejects(source.page({ split: 'dev' }, 0, 5), /has no split 'dev'/);
    });

    test('paging that stops early closes the files it opened', { skip: !existsSync('/proc/self/fd') }, async () => {
        const source = await DatasetSource.open(dataset);
        const before = readdirSync('/proc/self/fd').length;
        for (let i = 0; i < 30; i++) await source.page({ search: 'a' }, 0, 1);
        assert.ok(readdirSync('/proc/self/fd').length <= before + 2, 'file descriptors leaked');
    });

    test('a malformed JSONL line is named by file:line and the other records stay browsable', async () => {
        const dir = join(root, 'bad-jsonl');
        mkdirSync(dir);
        const lines = readFileSync(join(generated, 'MirrorShape.jsonl'), 'utf8').trimEnd().split('\n');
        lines.splice(2, 0, '{"id": "broken', '', '{"id": "MirrorShape-x", "task_type": "MirrorShape"}');
        writeFileSync(join(dir, 'mirror.jsonl'), `${lines.join('\n')}\n`);
        const source = await DatasetSource.open(join(dir, 'mirror.jsonl'));
        assert.equal(source.summary.total, lines.length - 3);
        assert.equal(source.summary.problemCount, 2);
        assert.match(source.summary.problems[0], /^mirror\.jsonl:3: malformed JSON/);
        assert.match(source.summary.problems[1], /^mirror\.jsonl:5: train_input1 is missing/);
        const records = await allPages(source, {}, 3);
        assert.equal(records.length, lines.length - 3);
        assert.deepEqual(records.map((r) => r.location).slice(1, 3), ['mirror.jsonl:2', 'mirror.jsonl:6']);
    });

    test('an Arrow row with a null field is named by split and row, the other rows stay browsable', async () => {
        const dir = join(root, 'null-row');
        cpSync(dataset, dir, { recursive: true });
        const good: Record<string, unknown>[] = [];
        for await (const row of readSplit(dataset, 'train')) if (row.train_input3 == null && good.length < 2) good.push(row);
        const columns = datasetColumns(2);
        const rows = [good[0], { ...good[1], solution: null }, good[1]];
        const encoder = new BatchEncoder(columns);
        for (const row of rows) encoder.append(columns.map((c) => (row[c.name] ?? null) as CellValue));
        const { schema, end } = streamFraming(columns);
        writeFileSync(join(dir, 'train', 'data-00000-of-00001.arrow'), Buffer.concat([schema, encoder.encode(), end]));

        const source = await DatasetSource.open(dir);
        assert.equal(source.count({ split: 'train' }), 2);
        assert.deepEqual(source.summary.problems, ["train row 1: 'solution' is null"]);
        const records = await allPages(source, { split: 'train' }, 1);
        assert.deepEqual(
            records.map((r) => [r.location, r.id]),
            [
                ['train row 0', good[0].id],
                ['train row 2', good[1].id],
            ],
        );
    });

    test('bad input: not a dataset, a missing split, a corrupt Arrow file', async () => {
        await assert.rejects(DatasetSource.open(join(root, 'nothing-here')), /nothing-here does not exist/);
        const empty = join(root, 'empty');
        mkdirSync(empty);
        await assert.rejects(DatasetSource.open(empty), /empty is not a dataset: open a folder holding dataset_dict\.json/);

        const missing = join(root, 'missing-split');
        cpSync(dataset, missing, { recursive: true });
        rmSync(join(missing, 'test'), { recursive: true });
        await assert.rejects(DatasetSource.open(missing), /test[/\\]state\.json is missing/);

        const corrupt = join(root, 'corrupt');
        cpSync(dataset, corrupt, { recursive: true });
        const file = join(corrupt, 'train', 'data-00000-of-00001.arrow');
        truncateSync(file, Math.floor(readFileSync(file).length / 2));
        await assert.rejects(DatasetSource.open(corrupt), (error: Error) => {
            assert.ok(error instanceof DatasetSourceError);
            assert.match(error.message, /train[/\\]data-00000-of-00001\.arrow: corrupt Arrow IPC stream/);
            return true;
        });
        writeFileSync(file, 'this is not arrow at all, but text that is long enough');
        await assert.rejects(DatasetSource.open(corrupt), /data-00000-of-00001\.arrow: (corrupt|not an) Arrow IPC stream/);
    });
});
