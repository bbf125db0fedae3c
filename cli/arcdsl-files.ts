import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from './command.js';

/** The files named, with directories expanded to their `*.arcdsl` files (recursively, sorted). */
export function arcdslFiles(command: string, paths: readonly string[]): string[] {
    if (paths.length === 0) throw new UsageError(`${command}: name at least one .arcdsl file or directory`);
    const files: string[] = [];
    for (const path of paths) {
        let isDirectory: boolean;
        try {
            isDirectory = statSync(path).isDirectory();
        } catch {
            throw new UsageError(`${command}: ${path}: no such file or directory`);
        }
        if (!isDirectory) {
            files.push(path);
            continue;
        }
        const found = walk(path);
        if (found.length === 0) throw new UsageError(`${command}: ${path} holds no .arcdsl files`);
        files.push(...found);
    }
    return files;
}

function walk(dir: string): string[] {
    const found: string[] = [];
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
        if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
        const path = join(dir, entry.name);
        if (entry.isDirectory()) found.push(...walk(path));
        else if (entry.isFile() && entry.name.endsWith('.arcdsl')) found.push(path);
    }
    return found;
}
