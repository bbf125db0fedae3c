import { createHash } from 'node:crypto';
import { closeSync, openSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export interface WrittenSplit {
    /** File names inside the split directory, in order. */
    files: string[];
    rows: number;
    bytes: number;
    /** A digest of every byte written (of the batches' own digests): the same rows give the same fingerprint. */
    fingerprint: string;
}

/**
 * The files of one split: Arrow IPC stream files of encoded RecordBatch messages, each opened by the
 * schema message and closed by the end-of-stream marker. A new file starts once one holds
 * `maxShardBytes` (`datasets` shards at 500 MB); at the end they are named `data-0000i-of-0000n.arrow`.
 */
export class SplitWriter {
    private readonly hash = createHash('sha256');
    private readonly shards: string[] = [];
    private shard: { fd: number; bytes: number } | undefined;
    private rows = 0;
    private bytes = 0;

    constructor(
        private readonly dir: string,
        private readonly framing: { schema: Uint8Array; end: Uint8Array },
        private readonly maxShardBytes = 500 * 1024 * 1024,
    ) {}

    /** Appends one encoded RecordBatch message of `rows` rows; `digest` is the message's SHA-256 (made where it was encoded). */
    writeBatch(message: Uint8Array, rows: number, digest: Uint8Array): void {
        const shard = this.openShard();
        this.write(shard, message, digest);
        this.rows += rows;
        if (shard.bytes >= this.maxShardBytes) this.closeShard();
    }

    /** Ends the last file (a split with no rows still gets one, holding the schema) and names the files. */
    finish(): WrittenSplit {
        if (this.shards.length === 0) this.openShard();
        this.closeShard();
        const files = this.shards.map((_, i) => `data-${pad(i)}-of-${pad(this.shards.length)}.arrow`);
        this.shards.forEach((temp, i) => {
            renameSync(join(this.dir, temp), join(this.dir, files[i]));
        });
        return { files, rows: this.rows, bytes: this.bytes, fingerprint: this.hash.digest('hex').slice(0, 16) };
    }

    /** Closes an open file after a failure (the caller removes the directory). */
    abort(): void {
        if (this.shard) closeSync(this.shard.fd);
        this.shard = undefined;
    }

    private openShard(): { fd: number; bytes: number } {
        if (this.shard) return this.shard;
        const name = `shard-${pad(this.shards.length)}.arrow.partial`;
        this.shard = { fd: openSync(join(this.dir, name), 'wx'), bytes: 0 };
        this.shards.push(name);
        this.write(this.shard, this.framing.schema);
        return this.shard;
    }

    private closeShard(): void {
        if (!this.shard) return;
        this.write(this.shard, this.framing.end);
        closeSync(this.shard.fd);
        this.shard = undefined;
    }

    private write(shard: { fd: number; bytes: number }, bytes: Uint8Array, digest?: Uint8Array): void {
        this.hash.update(digest ?? bytes);
        let written = 0;
        while (written < bytes.byteLength) written += writeSync(shard.fd, bytes, written, bytes.byteLength - written);
        shard.bytes += bytes.byteLength;
        this.bytes += bytes.byteLength;
    }
}

function pad(n: number): string {
    return String(n).padStart(5, '0');
}
