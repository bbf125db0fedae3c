import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { DatasetBuildError } from './build-error.js';

/**
 * Checks that the output may be written: absent, an empty directory, or (with `force`) an earlier
 * dataset. Anything else — a file, a directory that is not a dataset — is never replaced.
 */
export function checkOutputTarget(out: string, force: boolean): void {
    if (!existsSync(out)) return;
    if (!statSync(out).isDirectory()) throw new DatasetBuildError(`${out} exists and is not a directory; choose another --out`);
    if (readdirSync(out).length === 0) return;
    if (!force) throw new DatasetBuildError(`${out} already exists; pass --force to replace it`);
    if (!existsSync(join(out, 'dataset_dict.json'))) {
        throw new DatasetBuildError(`${out} is not a dataset (no dataset_dict.json); refusing to replace it even with --force`);
    }
}

/** A fresh temporary directory beside the target, so the final rename stays on one file system. */
export function makeTempBeside(out: string): string {
    const target = resolve(out);
    mkdirSync(dirname(target), { recursive: true });
    const temp = join(dirname(target), `.${basename(target)}.partial-${process.pid}-${Date.now().toString(36)}`);
    mkdirSync(temp);
    return temp;
}

/** Moves the finished temp directory into place; an earlier dataset is removed only after that. */
export function replaceWith(temp: string, out: string, force: boolean): void {
    checkOutputTarget(out, force); // again: something may have appeared while we were writing
    const target = resolve(out);
    if (!existsSync(target)) {
        renameSync(temp, target);
        return;
    }
    const old = join(dirname(target), `.${basename(target)}.old-${process.pid}-${Date.now().toString(36)}`);
    renameSync(target, old);
    try {
        renameSync(temp, target);
    } catch (error) {
        renameSync(old, target);
        throw error;
    }
    rmSync(old, { recursive: true, force: true });
}

export function removeQuietly(path: string): void {
    try {
        rmSync(path, { recursive: true, force: true });
    } catch {
        // best effort: the error that brought us here is the one to report
    }
}
