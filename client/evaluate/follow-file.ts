import { existsSync, type FSWatcher, statSync, watch } from 'node:fs';
import { basename, dirname } from 'node:path';

/**
 * Calls `onChange` when a file appears or grows (a log another process appends to). fs.watch on the
 * file's folder reports changes at once where the platform supports it; a stat poll every
 * `intervalMs` catches the rest (network drives, a folder created after the start).
 */
export class FileFollower {
    private watcher: FSWatcher | undefined;
    private readonly timer: NodeJS.Timeout;
    private last = '';

    constructor(
        private readonly path: string,
        private readonly onChange: () => void,
        intervalMs = 1000,
    ) {
        this.timer = setInterval(() => this.check(), intervalMs);
        this.check();
    }

    private check(): void {
        this.ensureWatcher();
        let stamp = 'missing';
        try {
            const stat = statSync(this.path);
            stamp = `${stat.size}:${stat.mtimeMs}`;
        } catch {
            // not there yet
        }
        if (stamp === this.last) return;
        this.last = stamp;
        this.onChange();
    }

    private ensureWatcher(): void {
        if (this.watcher || !existsSync(dirname(this.path))) return;
        try {
            this.watcher = watch(dirname(this.path), (_event, name) => {
                if (name === null || name === basename(this.path)) this.check();
            });
            this.watcher.on('error', () => {
                this.watcher?.close();
                this.watcher = undefined;
            });
        } catch {
            // the poll still runs
        }
    }

    dispose(): void {
        clearInterval(this.timer);
        this.watcher?.close();
        this.watcher = undefined;
    }
}
