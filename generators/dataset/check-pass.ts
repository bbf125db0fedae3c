import { FAMILIES } from '../../language/colors.js';
import { DatasetBuildError } from './build-error.js';
import type { BuildReport } from './build-report.js';
import { Deduper } from './dedupe.js';
import type { InputFile } from './input-files.js';
import { LinePacker, type PackedLines } from './packed-lines.js';
import { type LineChunk, readLineChunks } from './read-records.js';
import type { RejectReason } from './record-error.js';
import { BLANK, type CheckVerdicts, REJECTED } from './record-jobs.js';
import type { ProgramTally } from './split.js';
import type { RecordJobPool } from './worker-pool.js';

export const NOT_KEPT = -1;
const JOB_LINES = 256;
const MAX_EXAMPLES = 10;

/** What the first pass learns about one input file, per line: the program and family of a kept record. */
export interface FileIndex {
    file: InputFile;
    lines: number;
    programOfLine: Int32Array;
    familyOfLine: Uint8Array;
}

export interface CheckOutcome {
    indexes: FileIndex[];
    programs: ProgramTally[];
    maxTrainPairs: number;
}

export interface CheckPassOptions {
    skipInvalid: boolean;
    signal?: AbortSignal;
    /** Called with the number of records read so far. */
    progress: (records: number) => void;
}

/**
 * Pass 1: every line is checked (by the pool, in parallel), then, in input order, duplicates by
 * content are dropped (the first stays), ids must be new, and kept records are tallied by program.
 * Only a few numbers per line are kept, never the records.
 */
export async function checkPass(
    files: InputFile[],
    pool: RecordJobPool,
    options: CheckPassOptions,
    report: BuildReport,
): Promise<CheckOutcome> {
    const deduper = new Deduper();
    const ids = new Set<string>();
    const programIndex = new Map<string, number>();
    const programs: ProgramTally[] = [];
    const indexes: FileIndex[] = [];
    let maxTrainPairs = 0;
    const window = Math.max(2, pool.size * 3);
    // One unit per chunk of lines: its lines go to the workers by program (see routeByProgram), come back
    // as parts, and are put back in line order before they are counted.
    const inFlight: {
        index: FileIndex;
        first: number;
        count: number;
        parts: { lineNumbers: Int32Array; verdicts: Promise<CheckVerdicts> }[];
    }[] = [];
    const packers = Array.from({ length: Math.max(1, pool.size) }, () => new LinePacker());

    const invalid = (reason: RejectReason, message: string) => {
        if (!options.skipInvalid) throw new DatasetBuildError(`${message} (pass --skip-invalid to leave bad records out)`);
        report.invalid[reason] = (report.invalid[reason] ?? 0) + 1;
        if (report.invalidExamples.length < MAX_EXAMPLES) report.invalidExamples.push(message);
    };

    const absorb = async () => {
        const { index, first, count, parts } = inFlight.shift()!;
        const results = await Promise.all(parts.map((part) => part.verdicts));
        // Each part holds some of the lines, in order: read the parts back in line order.
        const partOfLine = new Uint8Array(count);
        parts.forEach((part, p) => {
            for (const line of part.lineNumbers) partOfLine[line - first] = p;
        });
        const at = parts.map(() => ({ line: 0, valid: 0, rejected: 0, size: 0 }));
        for (let k = 0; k < count; k++) {
            const verdicts = results[partOfLine[k]];
            const next = at[partOfLine[k]];
            const outcome = verdicts.outcomes[next.line++];
            if (outcome === BLANK) continue;
            report.records++;
            if (outcome === REJECTED) {
                const { reason, message } = verdicts.rejects[next.rejected++];
                invalid(reason, message);
                continue;
            }
            const v = next.valid++;
            const pairs = verdicts.pairs[v];
            const sizes = verdicts.sizes.subarray(next.size, next.size + 2 * (pairs + 1));
            next.size += 2 * (pairs + 1);
            const line = first + k;
            const key = verdicts.keys[v];
            const id = verdicts.ids[v];
            if (deduper.has(key)) {
                report.duplicates++;
                continue;
            }
            if (ids.has(id)) {
                invalid('duplicate id', `${index.file.name}:${line}: id ${JSON.stringify(id)} is already used by an earlier record`);
                continue;
            }
            deduper.add(key);
            ids.add(id);
            const solution = verdicts.solutions[v];
            const family = verdicts.families[v];
            let program = programIndex.get(solution);
            if (program === undefined) {
                program = programs.length;
                programIndex.set(solution, program);
                programs.push({ text: solution, family: FAMILIES[family], records: 0 });
            }
            programs[program].records++;
            index.programOfLine[line - 1] = program;
            index.familyOfLine[line - 1] = family;
            maxTrainPairs = Math.max(maxTrainPairs, pairs);
            report.trainPairs[pairs] = (report.trainPairs[pairs] ?? 0) + 1;
            for (let i = 0; i <= pairs; i++) report.gridSizes.inputs[sizes[i]]++;
            for (let i = pairs + 1; i < sizes.length; i++) report.gridSizes.outputs[sizes[i]]++;
        }
        options.progress(report.records);
    };

    try {
        for (const file of files) {
            const index: FileIndex = {
                file,
                lines: 0,
                programOfLine: new Int32Array(1024).fill(NOT_KEPT),
                familyOfLine: new Uint8Array(1024),
            };
            indexes.push(index);
            for await (const chunk of readLineChunks(file.path)) {
                options.signal?.throwIfAborted();
                index.lines = chunk.first + chunk.count - 1;
                growTo(index, index.lines);
                for (let i = 0; i < chunk.count; i += JOB_LINES) {
                    const count = Math.min(JOB_LINES, chunk.count - i);
                    const first = chunk.first + i;
                    const parts = routeByProgram(chunk, i, count, packers).map(({ worker, lines }) => {
                        const verdicts = pool.run({ kind: 'check', file: file.name, lines }, worker);
                        verdicts.catch(() => {}); // awaited in order by absorb; this only keeps an early failure from being "unhandled"
                        return { lineNumbers: lines.lineNumbers, verdicts };
                    });
                    inFlight.push({ index, first, count, parts });
                    while (inFlight.length >= window) await absorb();
                }
            }
        }
        while (inFlight.length > 0) await absorb();
    } finally {
        inFlight.length = 0;
    }
    return { indexes, programs, maxTrainPairs };
}

/**
 * Splits lines into one group per worker by a hash of the solution text, so each program is compiled
 * by one worker only (compiling is the dearest step, and every worker caches what it compiled).
 */
function routeByProgram(chunk: LineChunk, from: number, count: number, packers: LinePacker[]): { worker: number; lines: PackedLines }[] {
    for (let i = from; i < from + count; i++) {
        const start = chunk.starts[i];
        const end = chunk.ends[i];
        const worker = packers.length > 1 ? solutionHash(chunk.bytes, start, end) % packers.length : 0;
        packers[worker].add(chunk.bytes, start, end, chunk.first + i);
    }
    const parts: { worker: number; lines: PackedLines }[] = [];
    packers.forEach((packer, worker) => {
        if (packer.lines > 0) parts.push({ worker, lines: packer.take() });
    });
    return parts;
}

const SOLUTION_KEY = Buffer.from('"solution"');

/** A hash of the raw `"solution": "…"` string in a JSONL line (0 if there is none): routing only. */
function solutionHash(bytes: Buffer, start: number, end: number): number {
    if (end - start < SOLUTION_KEY.length) return 0;
    const key = bytes.lastIndexOf(SOLUTION_KEY, end - SOLUTION_KEY.length);
    if (key < start) return 0;
    let at = bytes.indexOf(34, key + SOLUTION_KEY.length);
    if (at < 0 || at >= end) return 0;
    let hash = 0x811c9dc5;
    for (at++; at < end; at++) {
        const code = bytes[at];
        if (code === 34) break; // the closing quote
        if (code === 92) at++; // an escape: skip the escaped character
        hash = Math.imul(hash ^ code, 0x01000193);
    }
    return hash >>> 0;
}

function growTo(index: FileIndex, lines: number): void {
    if (lines <= index.programOfLine.length) return;
    let length = index.programOfLine.length * 2;
    while (length < lines) length *= 2;
    const programs = new Int32Array(length).fill(NOT_KEPT);
    programs.set(index.programOfLine);
    const families = new Uint8Array(length);
    families.set(index.familyOfLine);
    index.programOfLine = programs;
    index.familyOfLine = families;
}
