import type { CellRecord } from './cell-record.js';

/**
 * The canonical content of a record — its solution text and every grid with its shape, in order —
 * as a 64-bit key (two independent 32-bit hashes). Two records with the same key are the same task,
 * whatever their ids. A false match needs a 64-bit collision: about 3·10⁻⁸ for a million records.
 * Hashing the values directly, without building bytes, keeps this off the profile.
 */
export function contentKey(record: CellRecord): string {
    const hash = new PairHash();
    const { solution, cells, layout } = record;
    for (let i = 0; i < solution.length; i++) hash.add(solution.charCodeAt(i));
    hash.add(0x10000); // not a UTF-16 unit: ends the text
    for (let g = 0; g < layout.length; g += 3) {
        const start = layout[g];
        const height = layout[g + 1];
        const width = layout[g + 2];
        hash.add(height * 256 + width);
        // Four cells (0–9 each) to a word: a quarter of the mixing.
        const end = start + height * width;
        let i = start;
        for (; i + 4 <= end; i += 4) hash.add(cells[i] | (cells[i + 1] << 8) | (cells[i + 2] << 16) | (cells[i + 3] << 24));
        for (; i < end; i++) hash.add(cells[i]);
    }
    return hash.key();
}

/** Two murmur3-style 32-bit hashes with different seeds, finalised with murmur3's avalanche. */
class PairHash {
    private a = 0x9747b28c;
    private b = 0x2f0d1e3b;
    private length = 0;

    add(value: number): void {
        this.a = mix(this.a, value);
        this.b = mix(this.b, value ^ 0x5bd1e995);
        this.length++;
    }

    key(): string {
        return `${finalise(this.a ^ this.length).toString(36)}.${finalise(this.b ^ this.length).toString(36)}`;
    }
}

function mix(h: number, value: number): number {
    let k = Math.imul(value, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function finalise(h: number): number {
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return h >>> 0;
}

/** The content keys of the records kept so far. */
export class Deduper {
    private readonly seen = new Set<string>();

    has(key: string): boolean {
        return this.seen.has(key);
    }

    add(key: string): void {
        this.seen.add(key);
    }

    get size(): number {
        return this.seen.size;
    }
}
