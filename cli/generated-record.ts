import { isBlank, parseJsonLine, readLineBatches } from '../generators/dataset/read-records.js';
import { RecordError } from '../generators/dataset/record-error.js';
import { recordFromJson, type TaskRecord } from '../generators/dataset/validate-record.js';
import { UsageError } from './command.js';

/** Which record of a JSONL file: its line (1-based) or its id. */
export type RecordChoice = { line: number } | { id: string };

/**
 * The record a generator wrote at a line of a JSONL file (or under an id), read and checked as the
 * dataset builder reads and checks records (file streamed in batches of lines, up to the record). A
 * missing file or record, bad JSON or a bad field is a UsageError naming the file, line and field.
 */
export async function readGeneratedRecord(file: string, choice: RecordChoice): Promise<{ record: TaskRecord; line: number }> {
    let lines = 0;
    try {
        for await (const { first, lines: batch } of readLineBatches(file)) {
            lines = first + batch.length - 1;
            for (let i = 0; i < batch.length; i++) {
                const line = first + i;
                const text = batch[i];
                if ('line' in choice ? line !== choice.line : isBlank(text) || !text.includes(choice.id)) continue;
                if (isBlank(text)) throw new UsageError(`${file}:${line} is blank`);
                const record = recordFromJson(parseJsonLine(text, file, line), file, line);
                if ('line' in choice || record.id === choice.id) return { record, line };
            }
        }
    } catch (error) {
        if (error instanceof UsageError) throw error;
        if (error instanceof RecordError) throw new UsageError(error.message);
        const code = (error as NodeJS.ErrnoException).code;
        const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
        throw new UsageError(`cannot read ${file}: ${why}`);
    }
    const wanted = 'line' in choice ? `line ${choice.line}` : `record with id ${choice.id}`;
    throw new UsageError(`${file} has no ${wanted} (${lines} line${lines === 1 ? '' : 's'})`);
}
