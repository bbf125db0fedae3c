import { ID_DIGITS } from './record.js';

/**
 * A set of record ids. An id is `<family>-<16 hex digits>` (see toRecord): with the family the same
 * for every id of a run, its digits alone tell it apart, so they are kept as a 64-bit number in a
 * hash table of typed arrays instead of as a string in a Set (no string hashed or retained per
 * record). That is exact, equal id ⇔ equal key; an id of another form is kept as its text.
 */
export class IdSet {
    /** Everything before the digits, taken from the first id. */
    private prefix: string | undefined;
    /** Per slot, the high and low 32 bits of an id's digits, and whether the slot is taken. */
    private high = new Int32Array(1024);
    private low = new Int32Array(1024);
    private taken = new Uint8Array(1024);
    private size = 0;
    private readonly others = new Set<string>();

    /** Adds an id; false if it was already in. */
    add(id: string): boolean {
        this.prefix ??= id.slice(0, -ID_DIGITS);
        const at = this.prefix.length;
        if (id.length !== at + ID_DIGITS || !id.startsWith(this.prefix)) return this.addOther(id);
        const high = hexValue(id, at);
        const low = hexValue(id, at + 8);
        if (high === undefined || low === undefined) return this.addOther(id);
        const mask = this.taken.length - 1;
        let slot = (high ^ low) & mask;
        for (; this.taken[slot] === 1; slot = (slot + 1) & mask) {
            if (this.low[slot] === low && this.high[slot] === high) return false;
        }
        this.taken[slot] = 1;
        this.high[slot] = high;
        this.low[slot] = low;
        if (++this.size * 2 > this.taken.length) this.grow();
        return true;
    }

    private addOther(id: string): boolean {
        if (this.others.has(id)) return false;
        this.others.add(id);
        return true;
    }

    /** Doubles the table (kept at most half full), placing every key again. */
    private grow(): void {
        const { high, low, taken } = this;
        this.high = new Int32Array(2 * taken.length);
        this.low = new Int32Array(2 * taken.length);
        this.taken = new Uint8Array(2 * taken.length);
        const mask = this.taken.length - 1;
        for (let i = 0; i < taken.length; i++) {
            if (taken[i] === 0) continue;
            let slot = (high[i] ^ low[i]) & mask;
            while (this.taken[slot] === 1) slot = (slot + 1) & mask;
            this.taken[slot] = 1;
            this.high[slot] = high[i];
            this.low[slot] = low[i];
        }
    }
}

/** The 32 bits of the 8 lowercase hex digits of `text` at `at`, or undefined if they are not such digits. */
function hexValue(text: string, at: number): number | undefined {
    let value = 0;
    for (let i = at; i < at + 8; i++) {
        const code = text.charCodeAt(i);
        const digit = code >= 48 && code <= 57 ? code - 48 : code >= 97 && code <= 102 ? code - 87 : -1;
        if (digit < 0) return undefined;
        value = (value << 4) | digit;
    }
    return value;
}
