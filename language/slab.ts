/**
 * Typed arrays cut from shared 64 KB slabs. In Node 20 a typed array over 64 bytes gets its own
 * backing store (≈ 1.5 µs plus GC work); a view on an existing ArrayBuffer costs a tenth of that,
 * and the interpreter makes many small arrays per run (grid cells, object cells).
 *
 * No part of a slab is handed out twice, so a part starts zeroed, and a slab is freed when its last
 * view is. Views share their `.buffer`: never transfer or detach it, and read only
 * `byteOffset … byteOffset + byteLength` of it (or copy the view).
 */
const SLAB_BYTES = 1 << 16;
/** Bigger requests get their own buffer: one would fill too much of a slab. */
const LARGEST_PART = SLAB_BYTES / 8;
/** Arrays this small live on the V8 heap, which is cheaper than any view. */
const ON_HEAP_BYTES = 64;

let slab = new ArrayBuffer(SLAB_BYTES);
let used = 0;

/** Reserves `bytes` (rounded up to 8) in the current slab, opening a new slab when it is full; returns the offset. */
function reserve(bytes: number): number {
    const size = (bytes + 7) & ~7;
    if (used + size > SLAB_BYTES) {
        slab = new ArrayBuffer(SLAB_BYTES);
        used = 0;
    }
    const offset = used;
    used += size;
    return offset;
}

/** A zeroed Uint8Array of `length` bytes. */
export function slabBytes(length: number): Uint8Array {
    if (length <= ON_HEAP_BYTES || length > LARGEST_PART) return new Uint8Array(length);
    const offset = reserve(length); // before reading `slab`: reserving may open a new one
    return new Uint8Array(slab, offset, length);
}

/** A zeroed Int32Array of `length` entries. */
export function slabInt32s(length: number): Int32Array {
    const bytes = length * 4;
    if (bytes <= ON_HEAP_BYTES || bytes > LARGEST_PART) return new Int32Array(length);
    const offset = reserve(bytes);
    return new Int32Array(slab, offset, length);
}

/** A zeroed Int16Array of `length` entries. */
export function slabInt16s(length: number): Int16Array {
    const bytes = length * 2;
    if (bytes <= ON_HEAP_BYTES || bytes > LARGEST_PART) return new Int16Array(length);
    const offset = reserve(bytes);
    return new Int16Array(slab, offset, length);
}

/** A Uint8Array holding a copy of `source`. */
export function slabCopy(source: Uint8Array): Uint8Array {
    const copy = slabBytes(source.length);
    copy.set(source);
    return copy;
}
