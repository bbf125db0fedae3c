/**
 * A small seeded PRNG (sfc32, seeded from a string by cyrb128) and the draws the generators need.
 * Same seed string → same sequence on every machine, so a record is a function of (seed, family, index).
 */
export class Random {
    private a: number;
    private b: number;
    private c: number;
    private d: number;

    constructor(seed: string) {
        [this.a, this.b, this.c, this.d] = cyrb128(seed);
        for (let i = 0; i < 12; i++) this.uint32();
    }

    /** The next 32-bit unsigned integer. */
    uint32(): number {
        const t = (((this.a + this.b) | 0) + this.d) | 0;
        this.d = (this.d + 1) | 0;
        this.a = this.b ^ (this.b >>> 9);
        this.b = (this.c + (this.c << 3)) | 0;
        this.c = (this.c << 21) | (this.c >>> 11);
        this.c = (this.c + t) | 0;
        return t >>> 0;
    }

    /** A float in [0, 1). */
    float(): number {
        return this.uint32() / 4294967296;
    }

    /** An integer in [min, max], both included. */
    int(min: number, max: number): number {
        if (max < min) throw new Error(`empty range ${min}..${max}`);
        return min + Math.floor(this.float() * (max - min + 1));
    }

    chance(probability: number): boolean {
        return this.float() < probability;
    }

    pick<T>(items: readonly T[]): T {
        if (items.length === 0) throw new Error('cannot pick from an empty list');
        return items[Math.floor(this.float() * items.length)];
    }

    /** A shuffled copy (Fisher–Yates). */
    shuffle<T>(items: readonly T[]): T[] {
        const out = items.slice();
        for (let i = out.length - 1; i > 0; i--) {
            const j = Math.floor(this.float() * (i + 1));
            [out[i], out[j]] = [out[j], out[i]];
        }
        return out;
    }

    /** `count` distinct items, in random order. */
    sample<T>(items: readonly T[], count: number): T[] {
        if (count > items.length) throw new Error(`cannot sample ${count} of ${items.length} items`);
        return this.shuffle(items).slice(0, count);
    }

    /** One option, chosen with probability proportional to its weight. */
    weighted<T>(options: readonly (readonly [T, number])[]): T {
        let total = 0;
        for (const [, weight] of options) total += weight;
        let x = this.float() * total;
        for (const [value, weight] of options) {
            x -= weight;
            if (x < 0) return value;
        }
        return options[options.length - 1][0];
    }
}

/** A 128-bit hash of a string as four 32-bit words (cyrb128 by bryc, public domain). */
function cyrb128(text: string): [number, number, number, number] {
    let h1 = 1779033703;
    let h2 = 3144134277;
    let h3 = 1013904242;
    let h4 = 2773480762;
    for (let i = 0; i < text.length; i++) {
        const k = text.charCodeAt(i);
        h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
        h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
        h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
        h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
    }
    h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
    h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
    h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
    h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
    h1 ^= h2 ^ h3 ^ h4;
    h2 ^= h1;
    h3 ^= h1;
    h4 ^= h1;
    return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}
