import { createReadStream, existsSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, rmdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { RecordJobPool } from './dataset/worker-pool.js';
import { FAMILY_GENERATORS } from './families/index.js';
import type { FamilyName, RejectReason } from './family.js';
import { type GenerateConfig, generateIndex, type IndexResult, shardRange } from './generate.js';
import { batchResults, type GeneratedBatch } from './generate-batch.js';
import { IdSet } from './id-set.js';
import { noRoomReason } from './no-room.js';
import { ProgramPool } from './programs.js';

/** A problem with the output directory or the shard files: the CLI shows it as one line. */
export class OutputError extends Error {
    constructor(
        message: string,
        /** 2 for a usage mistake (the files exist, no --force), 1 for anything else. */
        readonly exitCode = 1,
    ) {
        super(message);
    }
}

export interface Shard {
    /** 1-based. */
    index: number;
    total: number;
}

export interface FamilySummary {
    accepted: number;
    /** Rejected candidates by reason (an index tries candidates until one is accepted). */
    rejected: Record<string, number>;
    /** Indices where every attempt was rejected (no record). */
    unfilled: number;
    /** Accepted records by sub-rule. */
    sub_rules: Record<string, number>;
}

/** `summary.json`: what a run accepted and rejected, per family. The dataset card reads it. */
export interface RunSummary {
    families: Partial<Record<FamilyName, FamilySummary>>;
    seed: string;
    sizes: string;
    count: number;
    train_pairs: number;
    shard?: Shard;
}

export interface RunOptions {
    families: readonly FamilyName[];
    /** Records per family (before a shard takes its part). */
    count: number;
    config: GenerateConfig;
    out: string;
    shard?: Shard;
    force: boolean;
    onProgress?: (done: number, total: number, family: FamilyName) => void;
    /** Compiled programs to reuse (a fresh pool per run by default). */
    pool?: ProgramPool;
    /** Aborting stops the run and removes its temp files; its reason is thrown. */
    signal?: AbortSignal;
    /**
     * Worker threads generating batches of indices while this thread writes them in order (0 or 1:
     * all in this thread; by default one per CPU, up to 8, for SMALL_RUN records per family or more).
     * The files are the same byte for byte whatever the number.
     */
    jobs?: number;
}

export function familyFile(family: FamilyName, shard?: Shard): string {
    return shard ? `${family}.shard-${shard.index}-of-${shard.total}.jsonl` : `${family}.jsonl`;
}

export function summaryFile(shard?: Shard): string {
    return shard ? `summary.shard-${shard.index}-of-${shard.total}.json` : 'summary.json';
}

/** Counts one family's results and drops records whose content was already seen (earlier index wins). */
export class FamilyTally {
    private readonly seen = new IdSet();
    accepted = 0;
    unfilled = 0;
    readonly rejected: Record<string, number> = {};
    readonly subRules: Record<string, number> = {};

    /** The JSONL line (with its newline) to write for this result, or undefined. */
    add(result: IndexResult): Uint8Array | undefined {
        for (const reason in result.rejected) this.reject(reason, result.rejected[reason as RejectReason] as number);
        if (!result.record) {
            this.unfilled++;
            return undefined;
        }
        return this.keep(result.record.id, result.record.sub_rule) ? result.record.line : undefined;
    }

    /** Whether a record with this id is new (and counts it); a repeat counts as a `duplicate` rejection. */
    keep(id: string, subRule: string): boolean {
        if (!this.seen.add(id)) {
            this.reject('duplicate', 1);
            return false;
        }
        this.accepted++;
        this.subRules[subRule] = (this.subRules[subRule] ?? 0) + 1;
        return true;
    }

    reject(reason: string, n: number): void {
        this.rejected[reason] = (this.rejected[reason] ?? 0) + n;
    }

    summary(): FamilySummary {
        return { accepted: this.accepted, rejected: sorted(this.rejected), unfilled: this.unfilled, sub_rules: sorted(this.subRules) };
    }
}

function sorted(counts: Record<string, number>): Record<string, number> {
    return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Appends to a file through a 1 MB buffer: a write per megabyte, none per line. */
class LineWriter {
    private readonly buffer = Buffer.allocUnsafe(1 << 20);
    private size = 0;
    private constructor(private readonly handle: Awaited<ReturnType<typeof open>>) {}

    static async create(path: string): Promise<LineWriter> {
        return new LineWriter(await open(path, 'w'));
    }

    /** Adds the bytes of a line; a promise only when the buffer was full and had to be written first. */
    add(line: Uint8Array): Promise<void> | undefined {
        if (this.size + line.length > this.buffer.length) return this.flushThenAdd(line);
        this.buffer.set(line, this.size);
        this.size += line.length;
        return undefined;
    }

    async close(): Promise<void> {
        await this.flush();
        await this.handle.sync();
        await this.handle.close();
    }

    private async flushThenAdd(line: Uint8Array): Promise<void> {
        await this.flush();
        if (line.length > this.buffer.length) await this.writeFully(line);
        else this.add(line);
    }

    private async flush(): Promise<void> {
        await this.writeFully(this.buffer.subarray(0, this.size));
        this.size = 0;
    }

    private async writeFully(bytes: Uint8Array): Promise<void> {
        for (let at = 0; at < bytes.length; ) at += (await this.handle.write(bytes, at)).bytesWritten;
    }
}

/**
 * Writes every temp file, then renames them all into place — or, on any failure, removes them and
 * leaves the directory as it was.
 */
async function writeAll(out: string, targets: readonly string[], force: boolean, body: (temp: (name: string) => string) => Promise<void>) {
    const clashes = targets.filter((name) => existsSync(join(out, name)));
    if (clashes.length > 0 && !force) {
        const more = clashes.length > 1 ? ` (and ${clashes.length - 1} more)` : '';
        throw new OutputError(`${join(out, clashes[0])} already exists${more}; pass --force to overwrite`, 2);
    }
    let created: string | undefined;
    try {
        created = await mkdir(out, { recursive: true });
    } catch (error) {
        throw new OutputError(`cannot create ${out}: ${(error as Error).message}`);
    }
    const temp = (name: string) => join(out, `.${name}.${process.pid}.tmp`);
    try {
        await body(temp);
        for (const name of targets) await rename(temp(name), join(out, name));
    } catch (error) {
        await Promise.all(targets.map((name) => rm(temp(name), { force: true })));
        if (created !== undefined) await removeEmptyDirectories(out, created);
        if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
            const noRoom = noRoomReason(error);
            throw new OutputError(`cannot write to ${out}: ${noRoom ? `${noRoom}; the files there are as they were` : error.message}`);
        }
        throw error;
    }
}

/** Removes `dir` and its parents up to `top`, as long as they are empty (what a failed run created). */
async function removeEmptyDirectories(dir: string, top: string): Promise<void> {
    for (let current = dir; ; current = dirname(current)) {
        try {
            await rmdir(current);
        } catch {
            return;
        }
        if (current === top || dirname(current) === current) return;
    }
}

function sizesText(config: GenerateConfig): string {
    return `${config.sizes.min}-${config.sizes.max}`;
}

/** Generates every family into `out` (one JSONL per family plus the summary), atomically. */
export async function generateToDirectory(options: RunOptions): Promise<RunSummary> {
    const { families, count, config, out, shard } = options;
    const range = shard ? shardRange(count, shard.index, shard.total) : { start: 0, end: count };
    const targets = [...families.map((f) => familyFile(f, shard)), summaryFile(shard)];
    const summary: RunSummary = { families: {}, seed: config.seed, sizes: sizesText(config), count, train_pairs: config.trainPairs };
    if (shard) summary.shard = shard;
    const pool = options.pool ?? new ProgramPool();
    const total = families.length * (range.end - range.start);
    let done = 0;
    let turn = performance.now();
    options.signal?.throwIfAborted();
    const jobs = options.jobs ?? defaultJobs(range.end - range.start);
    await writeAll(out, targets, options.force, async (temp) => {
        // Started once the output is known to be writable; a bundle built without its worker script
        // gets a pool of none, and then all runs in this thread.
        const workers = jobs > 1 ? RecordJobPool.start(jobs) : undefined;
        try {
            for (const name of families) {
                const family = FAMILY_GENERATORS[name];
                const tally = new FamilyTally();
                const writer = await LineWriter.create(temp(familyFile(name, shard)));
                /** Counts and writes one index's result; a promise only when the buffer must be written out. */
                const take = (result: IndexResult): Promise<void> | undefined => {
                    const line = tally.add(result);
                    options.onProgress?.(++done, total, name);
                    return line && writer.add(line);
                };
                try {
                    if (workers?.size) {
                        for await (const results of batchesInOrder(workers, name, range, config, options.signal)) {
                            for (const result of results) {
                                const written = take(result);
                                if (written) await written;
                            }
                        }
                    } else {
                        for (let index = range.start; index < range.end; index++) {
                            // Both answer at once unless a program text must be parsed or the buffer written out.
                            const result = generateIndex(family, index, config, pool);
                            const written = take(result instanceof Promise ? await result : result);
                            if (written) await written;
                            // Generation never waits on I/O: give signal handlers (Ctrl+C) a turn now and then.
                            if (options.signal && performance.now() - turn > 50) {
                                await nextTurn();
                                turn = performance.now();
                                options.signal.throwIfAborted();
                            }
                        }
                    }
                } finally {
                    await writer.close();
                }
                summary.families[name] = tally.summary();
            }
        } finally {
            await workers?.close();
        }
        await writeSummary(temp(summaryFile(shard)), summary);
    });
    return summary;
}

/**
 * Below this many records per family, workers cost more than they save: each loads the language and
 * parses the family's programs itself (on two cores, 20,000 a family took longer with two workers;
 * 40,000 took 0.79 of the time, 100,000 0.69).
 */
export const SMALL_RUN = 30_000;

function defaultJobs(recordsPerFamily: number): number {
    return recordsPerFamily < SMALL_RUN ? 0 : Math.min(8, availableParallelism());
}

/** Indices a worker generates per job: enough to make a message's cost small, few enough to show progress often. */
export const GENERATE_BATCH = 500;

/**
 * A family's results over `range`, batch by batch in index order, generated on the workers with a
 * few batches per worker in flight (the next ones start while this thread writes the earlier).
 */
async function* batchesInOrder(
    workers: RecordJobPool,
    family: FamilyName,
    range: { start: number; end: number },
    config: GenerateConfig,
    signal: AbortSignal | undefined,
): AsyncGenerator<IndexResult[]> {
    const inFlight: Promise<GeneratedBatch>[] = [];
    let next = range.start;
    const submit = () => {
        const end = Math.min(range.end, next + GENERATE_BATCH);
        inFlight.push(workers.run({ kind: 'generate', family, start: next, end, config }));
        next = end;
    };
    try {
        while (next < range.end && inFlight.length < 3 * workers.size) submit();
        while (inFlight.length > 0) {
            const batch = await (inFlight.shift() as Promise<GeneratedBatch>);
            signal?.throwIfAborted();
            if (next < range.end) submit();
            yield batchResults(batch);
        }
    } finally {
        // A failed or stopped run leaves no promise to reject unobserved.
        for (const pending of inFlight) pending.catch(() => {});
    }
}

async function writeSummary(path: string, summary: RunSummary): Promise<void> {
    const handle = await open(path, 'w');
    await handle.write(`${JSON.stringify(summary, null, 2)}\n`);
    await handle.close();
}

const SHARD_SUMMARY = /^summary\.shard-(\d+)-of-(\d+)\.json$/;

/**
 * Merges the shard files in `out` into the files a single run writes — byte for byte: the shards'
 * records in shard order, duplicates across shards dropped (the earlier index wins, as in a single
 * run), counts summed. The shard files are removed once the merged files are in place.
 */
export async function mergeShards(out: string, force: boolean): Promise<RunSummary> {
    let names: string[];
    try {
        names = await readdir(out);
    } catch {
        throw new OutputError(`${out} does not exist`);
    }
    const found = names.flatMap((name) => {
        const match = SHARD_SUMMARY.exec(name);
        return match ? [{ index: Number(match[1]), total: Number(match[2]) }] : [];
    });
    if (found.length === 0) throw new OutputError(`no shard summaries (summary.shard-I-of-N.json) in ${out}`);
    const total = found[0].total;
    if (found.some((s) => s.total !== total)) throw new OutputError(`${out} holds shards of different runs (different N in -of-N)`);
    const missing = Array.from({ length: total }, (_, i) => i + 1).filter((i) => !found.some((s) => s.index === i));
    if (missing.length > 0) throw new OutputError(`shard ${missing[0]} of ${total} is missing in ${out}`);

    const shards: { shard: Shard; summary: RunSummary }[] = [];
    for (let index = 1; index <= total; index++) {
        const shard = { index, total };
        const path = join(out, summaryFile(shard));
        try {
            shards.push({ shard, summary: JSON.parse(await readFile(path, 'utf8')) as RunSummary });
        } catch (error) {
            throw new OutputError(`cannot read ${path}: ${(error as Error).message}`);
        }
    }
    const first = shards[0].summary;
    const families = Object.keys(first.families) as FamilyName[];
    for (const { shard, summary } of shards) {
        const same =
            summary.seed === first.seed &&
            summary.sizes === first.sizes &&
            summary.count === first.count &&
            summary.train_pairs === first.train_pairs &&
            Object.keys(summary.families).join() === families.join();
        if (!same)
            throw new OutputError(
                `${summaryFile(shard)} comes from a different run than ${summaryFile(shards[0].shard)} (seed, sizes, count or families differ)`,
            );
    }

    const merged: RunSummary = { families: {}, seed: first.seed, sizes: first.sizes, count: first.count, train_pairs: first.train_pairs };
    const targets = [...families.map((f) => familyFile(f)), summaryFile()];
    await writeAll(out, targets, force, async (temp) => {
        for (const family of families) {
            const tally = new FamilyTally();
            const writer = await LineWriter.create(temp(familyFile(family)));
            try {
                for (const { shard, summary } of shards) {
                    const part = summary.families[family] as FamilySummary;
                    for (const [reason, n] of Object.entries(part.rejected)) tally.reject(reason, n);
                    tally.unfilled += part.unfilled;
                    const path = join(out, familyFile(family, shard));
                    let lines = 0;
                    for await (const line of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) {
                        if (line === '') continue;
                        lines++;
                        let record: { id: string; sub_rule: string };
                        try {
                            record = JSON.parse(line);
                        } catch {
                            throw new OutputError(`${path}:${lines}: not a JSON record`);
                        }
                        const { id, sub_rule } = record;
                        if (tally.keep(id, sub_rule)) await writer.add(Buffer.from(`${line}\n`));
                    }
                    if (lines !== part.accepted) throw new OutputError(`${path} has ${lines} records; its summary says ${part.accepted}`);
                }
            } finally {
                await writer.close();
            }
            merged.families[family] = tally.summary();
        }
        await writeSummary(temp(summaryFile()), merged);
    });
    for (const { shard } of shards) {
        await Promise.all([
            ...families.map((f) => rm(join(out, familyFile(f, shard)), { force: true })),
            rm(join(out, summaryFile(shard)), { force: true }),
        ]);
    }
    return merged;
}
