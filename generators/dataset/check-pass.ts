import { FAMILIES } from '../../language/colors.js';
import { DatasetBuildError } from './build-error.js';
import type { BuildReport } from './build-report.js';
import { Deduper } from './dedupe.js';
import type { InputFile } from './input-files.js';
import { readLineBatches } from './read-records.js';
import type { RejectReason } from './record-error.js';
import type { CheckVerdict } from './record-jobs.js';
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
        parts: { lineNumbers: number[]; verdicts: Promise<CheckVerdict[]> }[];
    }[] = [];

    const invalid = (reason: RejectReason, message: string) => {
        if (!options.skipInvalid) throw new DatasetBuildError(`${message} (pass --skip-invalid to leave bad records out)`);
        report.invalid[reason] = (report.invalid[reason] ?? 0) + 1;
        if (report.invalidExamples.length < MAX_EXAMPLES) report.invalidExamples.push(message);
    };

    const absorb = async () => {
        const { index, first, count, parts } = inFlight.shift()!;
        const results: CheckVerdict[] = new Array(count);
        for (const part of parts) {
            const verdicts = await part.verdicts;
            part.lineNumbers.forEach((line, k) => {
                results[line - first] = verdicts[k];
            });
        }
        for (let k = 0; k < results.length; k++) {
            const verdict = results[k];
            const line = first + k;
            if (verdict === null) continue;
            report.records++;
            if ('reason' in verdict) {
                invalid(verdict.reason, verdict.message);
                continue;
            }
            if (deduper.has(verdict.key)) {
                report.duplicates++;
                continue;
            }
            if (ids.has(verdict.id)) {
                invalid(
                    'duplicate id',
                    `${index.file.name}:${line}: id ${JSON.stringify(verdict.id)} is already used by an earlier record`,
                );
                continue;
            }
            deduper.add(verdict.key);
            ids.add(verdict.id);
            let program = programIndex.get(verdict.solution);
            if (program === undefined) {
                program = programs.length;
                programIndex.set(verdict.solution, program);
                programs.push({ text: verdict.solution, family: verdict.family, records: 0 });
            }
            programs[program].records++;
            index.programOfLine[line - 1] = program;
            index.familyOfLine[line - 1] = FAMILIES.indexOf(verdict.family as (typeof FAMILIES)[number]);
            maxTrainPairs = Math.max(maxTrainPairs, verdict.pairs);
            report.trainPairs[verdict.pairs] = (report.trainPairs[verdict.pairs] ?? 0) + 1;
            for (const bucket of verdict.inputSizes) report.gridSizes.inputs[bucket]++;
            for (const bucket of verdict.outputSizes) report.gridSizes.outputs[bucket]++;
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
            for await (const batch of readLineBatches(file.path)) {
                options.signal?.throwIfAborted();
                index.lines = batch.first + batch.lines.length - 1;
                growTo(index, index.lines);
                for (let i = 0; i < batch.lines.length; i += JOB_LINES) {
                    const lines = batch.lines.slice(i, i + JOB_LINES);
                    const first = batch.first + i;
                    const parts = routeByProgram(lines, pool.size).map(({ worker, lineIndexes }) => {
                        const lineNumbers = lineIndexes.map((k) => first + k);
                        const verdicts = pool.run(
                            { kind: 'check', file: file.name, lineNumbers, lines: lineIndexes.map((k) => lines[k]) },
                            worker,
                        );
                        verdicts.catch(() => {}); // awaited in order by absorb; this only keeps an early failure from being "unhandled"
                        return { lineNumbers, verdicts };
                    });
                    inFlight.push({ index, first, count: lines.length, parts });
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
function routeByProgram(lines: string[], workers: number): { worker: number; lineIndexes: number[] }[] {
    const groups = Array.from({ length: Math.max(1, workers) }, (_, worker) => ({ worker, lineIndexes: [] as number[] }));
    lines.forEach((line, k) => {
        groups[workers > 1 ? solutionHash(line) % workers : 0].lineIndexes.push(k);
    });
    return groups.filter((g) => g.lineIndexes.length > 0);
}

/** A hash of the raw `"solution": "…"` string in a JSONL line (0 if there is none): routing only. */
function solutionHash(line: string): number {
    const key = line.lastIndexOf('"solution"');
    if (key < 0) return 0;
    let at = line.indexOf('"', key + 10);
    if (at < 0) return 0;
    let hash = 0x811c9dc5;
    for (at++; at < line.length; at++) {
        const code = line.charCodeAt(at);
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
