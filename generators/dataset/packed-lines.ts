/**
 * Lines copied into one buffer, each followed by a NUL byte. Jobs carry their lines this way (one
 * transferable buffer, no decoding in the reading thread), and the NUL, which JSON never has outside a
 * string, is the sentinel that stops the record scanner at the end of a line.
 */
export interface PackedLines {
    bytes: Uint8Array;
    /** Line i is bytes[starts[i], starts[i + 1] - 1); starts has one entry more than there are lines. */
    starts: Int32Array;
    /** The 1-based line number of each line in its file. */
    lineNumbers: Int32Array;
}

export class LinePacker {
    private bytes = new Uint8Array(1 << 16);
    private starts = new Int32Array(257);
    private lineNumbers = new Int32Array(256);
    private count = 0;
    private used = 0;

    get lines(): number {
        return this.count;
    }

    get byteLength(): number {
        return this.used;
    }

    add(source: Uint8Array, start: number, end: number, lineNumber: number): void {
        const need = this.used + (end - start) + 1;
        if (need > this.bytes.length) this.bytes = grown(this.bytes, need);
        if (this.count + 2 > this.starts.length) {
            this.starts = grown(this.starts, this.count + 2);
            this.lineNumbers = grown(this.lineNumbers, this.count + 1);
        }
        this.bytes.set(source.subarray(start, end), this.used);
        this.used = need;
        this.bytes[need - 1] = 0;
        this.lineNumbers[this.count++] = lineNumber;
        this.starts[this.count] = need;
    }

    /** The lines added so far, in buffers of their own (safe to transfer); the packer starts empty. */
    take(): PackedLines {
        const packed = {
            bytes: this.bytes.slice(0, this.used),
            starts: this.starts.slice(0, this.count + 1),
            lineNumbers: this.lineNumbers.slice(0, this.count),
        };
        this.count = 0;
        this.used = 0;
        return packed;
    }
}

/** The big buffer of packed lines, for postMessage's transfer list (the sender keeps the line numbers). */
export function transferables(lines: PackedLines): ArrayBuffer[] {
    return [lines.bytes.buffer as ArrayBuffer];
}

function grown<T extends Uint8Array | Int32Array>(array: T, atLeast: number): T {
    let length = array.length * 2;
    while (length < atLeast) length *= 2;
    const copy = new (array.constructor as new (n: number) => T)(length);
    copy.set(array as never);
    return copy;
}
