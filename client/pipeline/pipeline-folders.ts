import { type Dirent, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

// What each stage's output folder holds, so a stage can offer the folders the previous one wrote.

/** `arcdsl generate` output: *.jsonl files. */
export function isTaskFolder(dir: string): boolean {
    return entries(dir).some((entry) => entry.isFile() && entry.name.endsWith('.jsonl'));
}

/** `arcdsl dataset` output: a DatasetDict on disk. */
export function isDataset(dir: string): boolean {
    return existsSync(join(dir, 'dataset_dict.json'));
}

/** An exported model that `arcdsl evaluate` loads (`arcdsl export-onnx` output). */
export function isExportedModel(dir: string): boolean {
    return existsSync(join(dir, 'onnx', 'model.onnx')) && existsSync(join(dir, 'tokenizer.json'));
}

/** The folders under `root` (itself included, `depth` levels down) that satisfy `test`, sorted by path. */
export function findFolders(root: string, test: (dir: string) => boolean, depth = 2): string[] {
    const found: string[] = [];
    const walk = (dir: string, level: number) => {
        if (test(dir)) found.push(dir);
        if (level === depth) return;
        for (const entry of entries(dir)) {
            if (entry.isDirectory() && !entry.name.startsWith('.')) walk(join(dir, entry.name), level + 1);
        }
    };
    if (existsSync(root)) walk(root, 0);
    return found.sort();
}

function entries(dir: string): Dirent[] {
    try {
        return readdirSync(dir, { withFileTypes: true });
    } catch {
        return [];
    }
}
