import { BuiltinFault } from './errors.js';
import { Grid, MAX_GRID_SIDE } from './grid.js';

export interface Limits {
    /** Builtin calls plus lambda invocations allowed in one run. */
    maxSteps: number;
    /** Total grid cells a run may allocate. */
    maxCells: number;
}

export const DEFAULT_LIMITS: Limits = { maxSteps: 200_000, maxCells: 5_000_000 };

/** Counts the work of one program run and stops it when a limit is passed. */
export class Budget {
    steps = 0;
    cells = 0;
    constructor(readonly limits: Limits = DEFAULT_LIMITS) {}

    step(cost = 1): void {
        this.steps += cost;
        if (this.steps > this.limits.maxSteps) {
            throw new BuiltinFault(`the program ran more than ${this.limits.maxSteps} steps`, undefined, 'budget');
        }
    }

    /** Charges work done elsewhere (a shared value's cost), failing as `step` and `grid` would past a limit. */
    charge(steps: number, cells: number): void {
        this.steps += steps;
        this.cells += cells;
        if (this.steps > this.limits.maxSteps) {
            throw new BuiltinFault(`the program ran more than ${this.limits.maxSteps} steps`, undefined, 'budget');
        }
        if (this.cells > this.limits.maxCells) {
            throw new BuiltinFault(`the program allocated more than ${this.limits.maxCells} grid cells`, undefined, 'budget');
        }
    }

    /** Allocates a grid, refusing sizes over 30×30 before any memory is taken. */
    grid(height: number, width: number, fill = 0, argument?: string): Grid {
        if (!Number.isInteger(height) || !Number.isInteger(width) || height < 1 || width < 1) {
            throw new BuiltinFault(`a grid must be at least 1×1, not ${height}×${width}`, argument);
        }
        if (height > MAX_GRID_SIDE || width > MAX_GRID_SIDE) {
            throw new BuiltinFault(
                `the result would be a ${height}×${width} grid; the most is ${MAX_GRID_SIDE}×${MAX_GRID_SIDE}`,
                argument,
            );
        }
        this.cells += height * width;
        if (this.cells > this.limits.maxCells) {
            throw new BuiltinFault(`the program allocated more than ${this.limits.maxCells} grid cells`, undefined, 'budget');
        }
        return Grid.filled(height, width, fill);
    }

    copy(grid: Grid): Grid {
        this.cells += grid.cells.length;
        if (this.cells > this.limits.maxCells) {
            throw new BuiltinFault(`the program allocated more than ${this.limits.maxCells} grid cells`, undefined, 'budget');
        }
        return grid.clone();
    }
}
