import type { Family } from '../../language/colors.js';
import { Grid } from '../../language/grid.js';

/**
 * A checked generator record with its grids as cells: what the builder hashes, runs and encodes.
 * The grids, in the order train_input1, train_output1, …, test_input, test_output, lie in `cells`:
 * grid g starts at `layout[3g]` and has `layout[3g + 1]` rows of `layout[3g + 2]` cells. (Cells of
 * many records share one buffer: small typed arrays are dear to allocate.)
 */
export interface CellRecord {
    id: string;
    task_type: Family;
    sub_rule: string | null;
    solution: string;
    trainPairs: number;
    cells: Uint8Array;
    layout: number[];
}

/** Grid g of a record as a Grid (over the record's cells, not a copy). */
export function recordGrid(record: CellRecord, g: number): Grid {
    const start = record.layout[3 * g];
    const height = record.layout[3 * g + 1];
    const width = record.layout[3 * g + 2];
    return new Grid(height, width, record.cells.subarray(start, start + height * width));
}
