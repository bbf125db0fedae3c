import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DatasetBuildError } from './build-error.js';

export interface InputFile {
    path: string;
    /** The name used in messages (`Connect.jsonl:17: …`). */
    name: string;
    size: number;
    mtimeMs: number;
}

/** The JSONL files to read: every `*.jsonl` in a directory (by name), or one file. */
export function listInputFiles(input: string): InputFile[] {
    let stats: ReturnType<typeof statSync>;
    try {
        stats = statSync(input);
    } catch {
        throw new DatasetBuildError(`input ${input} does not exist`);
    }
    const paths = stats.isDirectory()
        ? readdirSync(input)
              .filter((name) => name.endsWith('.jsonl'))
              .sort()
              .map((name) => join(input, name))
        : [input];
    if (paths.length === 0) throw new DatasetBuildError(`no .jsonl files in ${input}`);
    return paths.map((path) => {
        const { size, mtimeMs } = statSync(path);
        return { path, name: stats.isDirectory() ? basename(path) : path, size, mtimeMs };
    });
}

/** Throws if a file changed since it was listed (the second pass must read what the first read). */
export function assertUnchanged(file: InputFile): void {
    const { size, mtimeMs } = statSync(file.path);
    if (size !== file.size || mtimeMs !== file.mtimeMs)
        throw new DatasetBuildError(`${file.name} changed while the dataset was being built`);
}

/**
 * The generator's summary (`summary.json` beside the records), if there is one: undefined when
 * absent, a string describing the problem when it cannot be read.
 */
export function readGeneratorSummary(input: string): unknown {
    const dir = statSync(input).isDirectory() ? input : dirname(input);
    const path = join(dir, 'summary.json');
    let text: string;
    try {
        text = readFileSync(path, 'utf8');
    } catch {
        const shards = readdirSync(dir).filter((name) => /^summary\.shard-.*\.json$/.test(name));
        return shards.length > 0
            ? `Not available: the input holds shard summaries (${shards.join(', ')}); merge them with \`arcdsl generate --merge\`.`
            : undefined;
    }
    try {
        return JSON.parse(text);
    } catch (error) {
        return `summary.json could not be read: ${(error as Error).message}`;
    }
}
