import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CANDIDATES_FILE, SUMMARY_FILE } from '../../evaluator/evaluate.js';

/** A folder an evaluation (summary.json or candidates.jsonl) or a fine-tuning run (metrics.jsonl) wrote. */
export interface RunFolder {
    folder: string;
    /** The path relative to the root it was found under (the root's own name when it is the run). */
    label: string;
    /** Last change, ms since the epoch: the newest run first. */
    modified: number;
    /** An evaluation with summary.json; false for one still running or stopped (candidates only). */
    complete: boolean;
}

const SKIPPED = new Set(['node_modules', '.git', '.venv', '.tools', 'dist', 'out', 'test-artifacts', '__pycache__', 'checkpoint']);

/** Evaluation run folders under `roots` (at most `depth` levels down), newest first. */
export function findEvaluationRuns(roots: readonly string[], depth = 3): RunFolder[] {
    return findRuns(roots, depth, (folder) => {
        if (existsSync(join(folder, SUMMARY_FILE))) return { file: SUMMARY_FILE, complete: true };
        if (existsSync(join(folder, CANDIDATES_FILE))) return { file: CANDIDATES_FILE, complete: false };
        return undefined;
    });
}

/** Fine-tuning run folders (metrics.jsonl) under `roots`, newest first. */
export function findTrainingRuns(roots: readonly string[], depth = 3): RunFolder[] {
    return findRuns(roots, depth, (folder) =>
        existsSync(join(folder, 'metrics.jsonl')) ? { file: 'metrics.jsonl', complete: true } : undefined,
    );
}

function findRuns(
    roots: readonly string[],
    depth: number,
    runIn: (folder: string) => { file: string; complete: boolean } | undefined,
): RunFolder[] {
    const found = new Map<string, RunFolder>();
    const visit = (root: string, folder: string, level: number) => {
        const run = runIn(folder);
        if (run) {
            if (!found.has(folder)) {
                const label = relative(root, folder) || folder.split(/[\\/]/).at(-1) || folder;
                found.set(folder, { folder, label, modified: modifiedTime(join(folder, run.file)), complete: run.complete });
            }
            return;
        }
        if (level >= depth) return;
        let entries: string[];
        try {
            entries = readdirSync(folder, { withFileTypes: true })
                .filter((e) => e.isDirectory() && !SKIPPED.has(e.name) && !e.name.startsWith('checkpoint-') && !e.name.startsWith('.'))
                .map((e) => e.name);
        } catch {
            return; // unreadable: not ours to report
        }
        for (const name of entries) visit(root, join(folder, name), level + 1);
    };
    for (const root of roots) if (existsSync(root)) visit(root, root, 0);
    return [...found.values()].sort((a, b) => b.modified - a.modified || a.label.localeCompare(b.label));
}

function modifiedTime(path: string): number {
    try {
        return statSync(path).mtimeMs;
    } catch {
        return 0;
    }
}
