import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { RecordError } from '../generators/dataset/record-error.js';
import { recordFromJson, type TaskRecord } from '../generators/dataset/validate-record.js';
import { UsageError } from './command.js';
import { jsonSyntaxError } from './read-json.js';

/** Which record of a JSONL file: its line (1-based) or its id. */
export type RecordChoice = { line: number } | { id: string };

/**
 * The record a generator wrote at a line of a JSONL file (or under an id), checked against the
 * record schema the dataset builder uses. The file is read line by line up to the record, so a
 * large file is never held whole. A missing file or record, bad JSON or a bad field is a UsageError
 * naming the file, line and field.
 */
export async function readGeneratedRecord(file: string, choice: RecordChoice): Promise<{ record: TaskRecord; line: number }> {
    const input = createReadStream(file);
    const lines = createInterface({ input, crlfDelay: Infinity });
    let line = 0;
    try {
        for await (const text of lines) {
            line++;
            if ('line' in choice ? line !== choice.line : !text.includes(choice.id)) continue;
            const record = checkedRecord(text, file, line);
            if ('line' in choice || record.id === choice.id) return { record, line };
        }
    } catch (error) {
        if (error instanceof UsageError) throw error;
        const code = (error as NodeJS.ErrnoException).code;
        const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
        throw new UsageError(`cannot read ${file}: ${why}`);
    } finally {
        lines.close();
        input.destroy();
    }
    const wanted = 'line' in choice ? `line ${choice.line}` : `record with id ${choice.id}`;
    throw new UsageError(`${file} has no ${wanted} (${line} line${line === 1 ? '' : 's'})`);
}

function checkedRecord(text: string, file: string, line: number): TaskRecord {
    let value: unknown;
    try {
        value = JSON.parse(text);
    } catch (error) {
        const { column, reason } = jsonSyntaxError(text, error);
        throw new UsageError(`${file}:${line}:${column}: not valid JSON: ${reason}`);
    }
    try {
        return recordFromJson(value, file, line);
    } catch (error) {
        if (error instanceof RecordError) throw new UsageError(error.message);
        throw error;
    }
}
