import { existsSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError } from './command.js';

/** Writes a file whole or not at all: a temp file beside it, then a rename. */
export function writeFileAtomically(path: string, text: string): void {
    const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
    try {
        writeFileSync(temp, text);
        renameSync(temp, path);
    } catch (error) {
        try {
            unlinkSync(temp);
        } catch {
            // the temp file was never created
        }
        throw new UsageError(`cannot write ${path}: ${(error as Error).message}`);
    }
}

/** Refuses to replace an existing file unless the user said --force. */
export function checkOverwrite(command: string, path: string, force: boolean): void {
    if (!force && existsSync(path)) throw new UsageError(`${command}: ${path} already exists; pass --force to overwrite it`);
}
