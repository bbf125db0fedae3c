import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { PromptFormat } from '../../language/prompt.js';
import { noRoomReason } from '../no-room.js';
import { streamFraming } from './arrow-writer.js';
import { DatasetBuildError } from './build-error.js';
import { type BuildReport, LengthStats, SIZE_BUCKETS } from './build-report.js';
import { checkPass } from './check-pass.js';
import { type Column, datasetColumns, hfFeatures } from './columns.js';
import { renderDatasetCard } from './dataset-card.js';
import { type InputFile, listInputFiles, readGeneratorSummary } from './input-files.js';
import { checkOutputTarget, makeTempBeside, removeQuietly, replaceWith } from './output-dir.js';
import { assignSplits, SPLIT_NAMES } from './split.js';
import { SplitWriter, type WrittenSplit } from './split-writer.js';
import { RecordJobPool } from './worker-pool.js';
import { writePass } from './write-pass.js';

export interface BuildOptions {
    /** A directory of `*.jsonl` files (one per family, as `arcdsl generate` writes them) or one file. */
    input: string;
    out: string;
    /** Percentages for train/validation/test. */
    split?: number[];
    seed?: number | string;
    promptFormat?: PromptFormat;
    skipInvalid?: boolean;
    force?: boolean;
    /** Worker threads; 0 checks and encodes in this thread. Default: one per CPU (up to 8), none for small inputs. */
    jobs?: number;
    /** Rows per RecordBatch (`datasets` writes 1,000). */
    batchRows?: number;
    /** A new data file is started once one holds this many bytes (`datasets`: 500 MB). */
    maxShardBytes?: number;
    /** Called as records are checked (pass 1, total unknown) and rows written (pass 2). */
    onProgress?: (update: BuildProgress) => void;
    signal?: AbortSignal;
}

/** Below this much input, starting workers (each loads the language) costs more than it saves. */
const SMALL_INPUT_BYTES = 8 << 20;

/**
 * Builds a Hugging Face DatasetDict from generator JSONL in two streaming passes. Pass 1 checks every
 * record (shape, grids, family, and the solution reproducing every pair), dedupes by content and
 * tallies programs; the programs are then split; pass 2 re-reads the records and writes each kept row
 * to its program's split. Neither pass holds the records. Everything is written into a temporary
 * directory beside `out` and renamed into place at the end; on any failure it is removed.
 */
export interface BuildProgress {
    phase: 'check' | 'write';
    done: number;
    /** Rows to write in the write phase; unknown while checking. */
    total?: number;
}

export async function buildDataset(options: BuildOptions): Promise<BuildReport> {
    const started = performance.now();
    const startedCpu = process.cpuUsage();
    const split = options.split ?? [90, 5, 5];
    const seed = String(options.seed ?? 0);
    const promptFormat = options.promptFormat ?? 'compact';
    const force = options.force ?? false;
    checkOutputTarget(options.out, force);
    const files = listInputFiles(options.input);
    const report = emptyReport(options, files, { split, seed, promptFormat });

    const pool = RecordJobPool.start(options.jobs ?? defaultJobs(files));
    report.workers = pool.size;
    let temp: string | undefined;
    let writers: SplitWriter[] = [];
    try {
        const { indexes, programs, maxTrainPairs } = await checkPass(
            files,
            pool,
            {
                skipInvalid: options.skipInvalid ?? false,
                signal: options.signal,
                progress: (done) => options.onProgress?.({ phase: 'check', done }),
            },
            report,
        );
        report.timings.checkSeconds = (performance.now() - started) / 1000;
        report.timings.checkCpuSeconds = cpuSecondsSince(startedCpu);
        const kept = programs.reduce((sum, p) => sum + p.records, 0);
        if (kept === 0)
            throw new DatasetBuildError(`nothing to write: none of the ${report.records} records in ${options.input} is valid and new`);
        const splitOfProgram = assignSplits(programs, split, seed);
        report.programs = programs.length;
        programs.forEach((p, i) => {
            report.programsBySplit[SPLIT_NAMES[splitOfProgram[i]]]++;
            report.programsByFamily[p.family] = (report.programsByFamily[p.family] ?? 0) + 1;
        });

        temp = makeTempBeside(options.out);
        const columns = datasetColumns(maxTrainPairs);
        const framing = streamFraming(columns);
        writers = SPLIT_NAMES.map((name) => {
            mkdirSync(join(temp!, name));
            return new SplitWriter(join(temp!, name), framing, options.maxShardBytes);
        });
        const passOptions = {
            seed,
            promptFormat,
            maxTrainPairs,
            batchRows: options.batchRows ?? 1000,
            signal: options.signal,
            progress: (done: number) => options.onProgress?.({ phase: 'write', done, total: kept }),
        };
        await writePass(indexes, splitOfProgram, pool, writers, passOptions, report);
        const written = writers.map((w) => w.finish());
        report.timings.writeSeconds = (performance.now() - started) / 1000 - report.timings.checkSeconds;
        report.timings.writeCpuSeconds = cpuSecondsSince(startedCpu) - report.timings.checkCpuSeconds;
        writeDatasetFiles(temp, columns, written);
        written.forEach((w, i) => {
            report.files[SPLIT_NAMES[i]] = w.files;
            report.bytes += w.bytes;
        });
        report.seconds = (performance.now() - started) / 1000;
        writeFileSync(join(temp, 'README.md'), renderDatasetCard(report));
        replaceWith(temp, options.out, force);
    } catch (error) {
        for (const writer of writers) writer.abort();
        if (temp) removeQuietly(temp);
        throw asBuildError(error, options.out);
    } finally {
        await pool.close();
    }
    return report;
}

function defaultJobs(files: InputFile[]): number {
    const bytes = files.reduce((sum, f) => sum + f.size, 0);
    return bytes < SMALL_INPUT_BYTES ? 0 : Math.min(8, availableParallelism());
}

function emptyReport(options: BuildOptions, files: InputFile[], settings: BuildReport['options']): BuildReport {
    return {
        out: options.out,
        inputFiles: files.map((f) => f.name),
        options: settings,
        records: 0,
        invalid: {},
        invalidExamples: [],
        duplicates: 0,
        rows: { train: 0, validation: 0, test: 0 },
        rowsByFamily: {},
        programs: 0,
        programsBySplit: { train: 0, validation: 0, test: 0 },
        programsByFamily: {},
        programsInTwoSplits: 0,
        trainPairs: {},
        gridSizes: { inputs: SIZE_BUCKETS.map(() => 0), outputs: SIZE_BUCKETS.map(() => 0) },
        generatorSummary: readGeneratorSummary(options.input),
        example: undefined,
        lengths: { prompt: new LengthStats(), completion: new LengthStats() },
        files: { train: [], validation: [], test: [] },
        bytes: 0,
        seconds: 0,
        workers: 0,
        timings: { checkSeconds: 0, writeSeconds: 0, checkCpuSeconds: 0, writeCpuSeconds: 0 },
    };
}

function writeDatasetFiles(dir: string, columns: Column[], written: WrittenSplit[]): void {
    const features = hfFeatures(columns);
    written.forEach((split, i) => {
        const name = SPLIT_NAMES[i];
        const state = {
            _data_files: split.files.map((filename) => ({ filename })),
            _fingerprint: split.fingerprint,
            _format_columns: null,
            _format_kwargs: {},
            _format_type: null,
            _output_all_columns: false,
            _split: null,
        };
        writeFileSync(join(dir, name, 'state.json'), `${JSON.stringify(state, null, 2)}\n`);
        // `splits` is the DatasetInfo field `datasets` fills when it builds a split; readers use num_examples.
        const splits = { [name]: { name, num_bytes: split.bytes, num_examples: split.rows, dataset_name: null } };
        const info = { citation: '', description: '', features, homepage: '', license: '', splits };
        writeFileSync(join(dir, name, 'dataset_info.json'), `${JSON.stringify(info, null, 2)}\n`);
    });
    writeFileSync(join(dir, 'dataset_dict.json'), JSON.stringify({ splits: [...SPLIT_NAMES] }));
}

function asBuildError(error: unknown, out: string): unknown {
    if (error instanceof DatasetBuildError) return error;
    const noRoom = noRoomReason(error);
    if (noRoom) return new DatasetBuildError(`cannot write ${out}: ${noRoom}; nothing was written (an earlier dataset there is intact)`);
    const code = (error as NodeJS.ErrnoException)?.code;
    if (code && typeof (error as Error).message === 'string') return new DatasetBuildError((error as Error).message);
    return error;
}

/** CPU seconds (user + system, every thread of this process) since `from`. */
function cpuSecondsSince(from: NodeJS.CpuUsage): number {
    const { user, system } = process.cpuUsage(from);
    return (user + system) / 1e6;
}
