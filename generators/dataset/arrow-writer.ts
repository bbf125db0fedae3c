import { type Data, Int64, makeData, RecordBatch, RecordBatchStreamWriter, type Schema, Struct, Utf8 } from 'apache-arrow';
import type { ArrayBufferViewInput } from 'apache-arrow/util/buffer';
import { Grid } from '../../language/grid.js';
import { arrowSchema, type Column, GRID_ROW_TYPE, GRID_TYPE } from './columns.js';

/** A cell value: a string column's text, an int column's number, a grid column's Grid, rows or cells; null for none. */
export type CellValue = string | number | Grid | GridCells | readonly (readonly number[])[] | null;

/** A grid as `height × width` cells, row by row, from `cells[start]`. */
export interface GridCells {
    cells: Uint8Array;
    start: number;
    height: number;
    width: number;
}

/**
 * Turns rows into Arrow IPC stream messages with apache-arrow: rows go into column buffers, and
 * `encode()` makes them one RecordBatch message. The messages of a stream file are self-contained,
 * so batches encoded anywhere (a worker thread) are simply appended after the schema message.
 */
export class BatchEncoder {
    readonly schema: Schema;
    private readonly builders: ColumnBuilder[];
    private rows = 0;

    constructor(columns: readonly Column[]) {
        this.schema = arrowSchema(columns);
        this.builders = columns.map((c) =>
            c.kind === 'string' ? new StringBuilder() : c.kind === 'int' ? new IntBuilder() : new GridBuilder(),
        );
    }

    /** Appends one row; `values` follow the column order. */
    append(values: readonly CellValue[]): void {
        for (let i = 0; i < this.builders.length; i++) this.builders[i].append(values[i]);
        this.rows++;
    }

    get pendingRows(): number {
        return this.rows;
    }

    /** The buffered rows as one RecordBatch message (in one fresh buffer); the buffers are reset. */
    encode(): Uint8Array {
        const length = this.rows;
        const children = this.builders.map((b) => b.data(length));
        const struct = makeData({ type: new Struct(this.schema.fields), length, nullCount: 0, children });
        const writer = new ChunkCollectingWriter();
        writer.reset(undefined, this.schema);
        writer.take(); // the schema message: written once per file by the split writer
        writer.write(new RecordBatch(this.schema, struct));
        const bytes = concat(writer.take());
        for (const builder of this.builders) builder.reset();
        this.rows = 0;
        return bytes;
    }
}

/** The messages that open (schema) and close (end-of-stream marker) an Arrow IPC stream. */
export function streamFraming(columns: readonly Column[]): { schema: Uint8Array; end: Uint8Array } {
    const writer = new ChunkCollectingWriter();
    writer.reset(undefined, arrowSchema(columns));
    const schema = concat(writer.take());
    writer.finish();
    return { schema, end: concat(writer.take()) };
}

function concat(chunks: Uint8Array[]): Uint8Array {
    let length = 0;
    for (const chunk of chunks) length += chunk.byteLength;
    // Every byte is copied over, so the buffer need not be zeroed first; its own ArrayBuffer (never
    // Buffer's shared pool), since a message is transferred to another thread whole.
    const bytes = new Uint8Array(Buffer.allocUnsafeSlow(length).buffer, 0, length);
    let at = 0;
    for (const chunk of chunks) {
        bytes.set(chunk, at);
        at += chunk.byteLength;
    }
    return bytes;
}

/**
 * apache-arrow's stream writer, with its bytes collected synchronously instead of queued for an
 * async reader, so a batch is copied out before its column buffers are reused.
 */
class ChunkCollectingWriter extends RecordBatchStreamWriter {
    private chunks: Uint8Array[] = [];

    protected override _write(chunk: ArrayBufferViewInput): this {
        if (this._started && ArrayBuffer.isView(chunk) && chunk.byteLength > 0) {
            this.chunks.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
            this._position += chunk.byteLength;
        } else if (this._started && chunk != null && !ArrayBuffer.isView(chunk)) {
            throw new Error('arrow writer produced a chunk that is not a byte view');
        }
        return this;
    }

    take(): Uint8Array[] {
        const chunks = this.chunks;
        this.chunks = [];
        return chunks;
    }
}

interface ColumnBuilder {
    append(value: CellValue): void;
    /** The buffered values as Arrow data; valid until reset. */
    data(length: number): Data;
    reset(): void;
}

/** Validity bits, allocated only once a null appears. */
class Validity {
    private bits: Uint8Array | undefined;
    nulls = 0;

    mark(index: number, valid: boolean): void {
        if (valid && !this.bits) return;
        if (!this.bits) {
            this.bits = new Uint8Array(Math.max(64, (index >> 3) + 1) * 2).fill(0xff);
        } else if (index >> 3 >= this.bits.length) {
            const grown = new Uint8Array(this.bits.length * 2).fill(0xff);
            grown.set(this.bits);
            this.bits = grown;
        }
        if (valid) this.bits[index >> 3] |= 1 << (index & 7);
        else {
            this.bits[index >> 3] &= ~(1 << (index & 7));
            this.nulls++;
        }
    }

    bitmap(length: number): Uint8Array | undefined {
        return this.nulls > 0 ? this.bits!.subarray(0, (length + 7) >> 3) : undefined;
    }

    reset(): void {
        this.bits = undefined;
        this.nulls = 0;
    }
}

class StringBuilder implements ColumnBuilder {
    private offsets = new Int32Array(1025);
    /** A Buffer: its `write` encodes UTF-8 in place, with no view or result object per value. */
    private bytes = Buffer.alloc(1 << 16);
    private count = 0;
    private readonly validity = new Validity();

    append(value: CellValue): void {
        const text = typeof value === 'string' ? value : '';
        if (value !== null && typeof value !== 'string') throw new Error('a string column got a non-string value');
        const start = this.offsets[this.count];
        if (start + text.length * 3 > this.bytes.length) {
            const grown = Buffer.alloc(Math.max(this.bytes.length * 2, start + text.length * 3));
            this.bytes.copy(grown, 0, 0, start);
            this.bytes = grown;
        }
        const written = text.length === 0 ? 0 : this.bytes.write(text, start, 'utf8');
        if (this.count + 2 > this.offsets.length) this.offsets = grow(this.offsets, this.count + 2);
        this.validity.mark(this.count, value !== null);
        this.offsets[++this.count] = start + written;
    }

    data(length: number): Data {
        const end = this.offsets[length];
        return makeData({
            type: new Utf8(),
            length,
            nullCount: this.validity.nulls,
            nullBitmap: this.validity.bitmap(length),
            valueOffsets: this.offsets.subarray(0, length + 1),
            data: this.bytes.subarray(0, end),
        });
    }

    reset(): void {
        this.count = 0;
        this.validity.reset();
    }
}

class IntBuilder implements ColumnBuilder {
    private values = new BigInt64Array(1024);
    private count = 0;
    private readonly validity = new Validity();

    append(value: CellValue): void {
        if (value !== null && typeof value !== 'number') throw new Error('an int column got a non-number value');
        if (this.count + 1 > this.values.length) this.values = grow(this.values, this.count + 1);
        this.validity.mark(this.count, value !== null);
        this.values[this.count++] = BigInt(value ?? 0);
    }

    data(length: number): Data {
        return makeData({
            type: new Int64(),
            length,
            nullCount: this.validity.nulls,
            nullBitmap: this.validity.bitmap(length),
            data: this.values.subarray(0, length),
        });
    }

    reset(): void {
        this.count = 0;
        this.validity.reset();
    }
}

/** A list<list<int64>> column: grid → rows → cells, as offsets and little-endian int64 cells. */
class GridBuilder implements ColumnBuilder {
    private gridOffsets = new Int32Array(1025);
    private rowOffsets = new Int32Array(1 << 14);
    /** Two int32 words per int64 cell (low word, then a high word that stays 0: cells are 0–9). */
    private cells = new Int32Array(1 << 18);
    private count = 0;
    private rowCount = 0;
    private cellCount = 0;
    private readonly validity = new Validity();

    append(value: CellValue): void {
        if (value !== null && typeof value !== 'object') throw new Error('a grid column got a non-grid value');
        if (this.count + 2 > this.gridOffsets.length) this.gridOffsets = grow(this.gridOffsets, this.count + 2);
        this.validity.mark(this.count, value !== null);
        if (value instanceof Grid) this.appendCells(value.cells, 0, value.height, value.width);
        else if (Array.isArray(value)) this.appendRows(value);
        else if (value !== null) {
            const { cells, start, height, width } = value as GridCells;
            this.appendCells(cells, start, height, width);
        }
        this.gridOffsets[++this.count] = this.rowCount;
    }

    private appendCells(cells: Uint8Array, start: number, height: number, width: number): void {
        const count = height * width;
        if (this.rowCount + height + 1 > this.rowOffsets.length) this.rowOffsets = grow(this.rowOffsets, this.rowCount + height + 1);
        const need = (this.cellCount + count) * 2;
        if (need > this.cells.length) this.cells = grow(this.cells, need);
        const words = this.cells;
        // Only low words are ever written: the high words stay 0 from allocation.
        for (let i = start, end = start + count, at = this.cellCount * 2; i < end; i++, at += 2) words[at] = cells[i];
        for (let r = 1; r <= height; r++) this.rowOffsets[this.rowCount + r] = this.cellCount + r * width;
        this.rowCount += height;
        this.cellCount += count;
    }

    private appendRows(rows: readonly (readonly number[])[]): void {
        if (this.rowCount + rows.length + 1 > this.rowOffsets.length)
            this.rowOffsets = grow(this.rowOffsets, this.rowCount + rows.length + 1);
        for (const row of rows) {
            const need = (this.cellCount + row.length) * 2;
            if (need > this.cells.length) this.cells = grow(this.cells, need);
            const words = this.cells;
            for (let c = 0, at = this.cellCount * 2; c < row.length; c++, at += 2) words[at] = row[c];
            this.cellCount += row.length;
            this.rowOffsets[++this.rowCount] = this.cellCount;
        }
    }

    data(length: number): Data {
        const values = makeData({
            type: new Int64(),
            length: this.cellCount,
            nullCount: 0,
            data: new BigInt64Array(this.cells.buffer, 0, this.cellCount),
        });
        const rows = makeData({
            type: GRID_ROW_TYPE,
            length: this.rowCount,
            nullCount: 0,
            valueOffsets: this.rowOffsets.subarray(0, this.rowCount + 1),
            child: values,
        });
        return makeData({
            type: GRID_TYPE,
            length,
            nullCount: this.validity.nulls,
            nullBitmap: this.validity.bitmap(length),
            valueOffsets: this.gridOffsets.subarray(0, length + 1),
            child: rows,
        });
    }

    reset(): void {
        this.count = 0;
        this.rowCount = 0;
        this.cellCount = 0;
        this.validity.reset();
    }
}

function grow<T extends Int32Array | Uint8Array | BigInt64Array>(array: T, atLeast: number): T {
    let length = array.length * 2;
    while (length < atLeast) length *= 2;
    const grown = new (array.constructor as new (n: number) => T)(length);
    grown.set(array as never);
    return grown;
}
