import { FAMILY_GENERATORS } from './families/index.js';
import type { FamilyName, RejectReason } from './family.js';
import { type GenerateConfig, generateIndex, type IndexResult } from './generate.js';
import type { ProgramPool } from './programs.js';
import { RecordLine } from './record.js';

/** Indices [start, end) of one family, generated on a worker thread (see RecordJobPool). */
export interface GenerateJob {
    kind: 'generate';
    family: FamilyName;
    start: number;
    end: number;
    config: GenerateConfig;
}

/**
 * A job's results as plain data, cheap to pass between threads: the accepted records' lines end to
 * end in one buffer (transferred, not copied), and per index its line's length (-1: no record).
 */
export interface GeneratedBatch {
    start: number;
    lines: Uint8Array;
    lineLengths: Int32Array;
    /** Per accepted record, in index order. */
    ids: string[];
    subRules: string[];
    solutions: string[];
    /** Per index. */
    rejected: Partial<Record<RejectReason, number>>[];
}

export async function generateBatch(job: GenerateJob, pool: ProgramPool): Promise<GeneratedBatch> {
    const family = FAMILY_GENERATORS[job.family];
    const count = job.end - job.start;
    const results: IndexResult[] = [];
    let bytes = 0;
    for (let index = job.start; index < job.end; index++) {
        const pending = generateIndex(family, index, job.config, pool);
        const result = pending instanceof Promise ? await pending : pending;
        results.push(result);
        if (result.record) bytes += result.record.line.length;
    }
    const batch: GeneratedBatch = {
        start: job.start,
        lines: new Uint8Array(bytes),
        lineLengths: new Int32Array(count),
        ids: [],
        subRules: [],
        solutions: [],
        rejected: [],
    };
    let at = 0;
    for (let k = 0; k < count; k++) {
        const { record, rejected } = results[k];
        batch.rejected.push(rejected);
        if (!record) {
            batch.lineLengths[k] = -1;
            continue;
        }
        batch.lines.set(record.line, at);
        at += record.line.length;
        batch.lineLengths[k] = record.line.length;
        batch.ids.push(record.id);
        batch.subRules.push(record.sub_rule);
        batch.solutions.push(record.solution);
    }
    return batch;
}

/** The batch's results as generateIndex gave them, in index order. */
export function batchResults(batch: GeneratedBatch): IndexResult[] {
    const lines = Buffer.from(batch.lines.buffer, batch.lines.byteOffset, batch.lines.byteLength);
    const results: IndexResult[] = [];
    let at = 0;
    let accepted = 0;
    for (let k = 0; k < batch.lineLengths.length; k++) {
        const length = batch.lineLengths[k];
        const result: IndexResult = { index: batch.start + k, rejected: batch.rejected[k] };
        if (length >= 0) {
            const line = lines.subarray(at, at + length);
            result.record = new RecordLine(batch.ids[accepted], batch.subRules[accepted], batch.solutions[accepted], line);
            accepted++;
            at += length;
        }
        results.push(result);
    }
    return results;
}
