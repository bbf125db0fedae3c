import { closeSync, existsSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { OutcomeStatus } from './outcome.js';
import type { Rows } from './task.js';

/** Why a candidate is not functionally correct; `wrong_output`: it ran, the test output differs. */
export type FailureKind = Exclude<OutcomeStatus, 'ok'> | 'wrong_output';

export const FAILURE_KINDS: readonly FailureKind[] = ['parse', 'type', 'runtime', 'budget', 'timeout', 'crash', 'wrong_output'];

/** One line of candidates.jsonl: a sampled program and how it scored. */
export interface CandidateRecord {
    task: string;
    /** 0-based sample index within the task. */
    sample: number;
    family: string;
    /** The program text as the model completed it (cut at its first EOS). */
    program: string;
    valid: boolean;
    exact: boolean;
    functional: boolean;
    /** Reproduces every train pair. */
    trainConsistent: boolean;
    trainPassed: number;
    /** null when functional. */
    failure: FailureKind | null;
    message?: string;
    /** The test output the program produced, when wrong. */
    got?: Rows;
}

export class CandidatesLogError extends Error {}

/**
 * The append-only `candidates.jsonl` of an evaluation. Each record is written with one write() call,
 * so a kill -9 can only leave the last line torn; opening the log drops such a line, and the
 * candidate is sampled again. Records are keyed by (task, sample): a key already present is never
 * written twice.
 */
export class CandidatesLog {
    private fd: number | undefined;
    private readonly records = new Map<string, CandidateRecord>();

    private constructor(readonly path: string) {}

    /** Reads what an earlier (possibly killed) run wrote; the file is created on the first append. */
    static open(path: string): CandidatesLog {
        const log = new CandidatesLog(path);
        if (!existsSync(path)) return log;
        const bytes = readFileSync(path);
        const end = bytes.lastIndexOf(0x0a) + 1;
        const lines = bytes.subarray(0, end).toString('utf8').split('\n');
        lines.pop();
        lines.forEach((line, i) => {
            if (line.trim() === '') return;
            const record = parseRecord(line, `${path}:${i + 1}`);
            const key = keyOf(record.task, record.sample);
            if (!log.records.has(key)) log.records.set(key, record);
        });
        if (end < bytes.length) {
            // A line torn by a kill: cut it off so the next append starts on a fresh line.
            const fd = openSync(path, 'r+');
            try {
                ftruncateSync(fd, end);
            } finally {
                closeSync(fd);
            }
        }
        return log;
    }

    has(task: string, sample: number): boolean {
        return this.records.has(keyOf(task, sample));
    }

    get size(): number {
        return this.records.size;
    }

    all(): CandidateRecord[] {
        return [...this.records.values()];
    }

    append(record: CandidateRecord): void {
        const key = keyOf(record.task, record.sample);
        if (this.records.has(key)) return;
        if (this.fd === undefined) {
            mkdirSync(dirname(this.path), { recursive: true });
            this.fd = openSync(this.path, 'a');
        }
        writeSync(this.fd, `${JSON.stringify(record)}\n`);
        this.records.set(key, record);
    }

    close(): void {
        if (this.fd !== undefined) closeSync(this.fd);
        this.fd = undefined;
    }
}

function keyOf(task: string, sample: number): string {
    return `${sample}\u0000${task}`;
}

function parseRecord(line: string, where: string): CandidateRecord {
    let value: unknown;
    try {
        value = JSON.parse(line);
    } catch {
        throw new CandidatesLogError(`${where}: not a JSON line; the log is damaged (move it away to start over)`);
    }
    const record = value as Partial<CandidateRecord> | null;
    if (typeof record?.task !== 'string' || !Number.isInteger(record.sample) || typeof record.functional !== 'boolean') {
        throw new CandidatesLogError(`${where}: not a candidate record (needs task, sample, functional)`);
    }
    return record as CandidateRecord;
}
