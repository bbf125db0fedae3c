import { BuiltinFault, QUIET_FAULT } from './errors.js';
import { Grid, MAX_GRID_SIDE } from './grid.js';
import type { Value } from './values.js';

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
    private readonly maxSteps: number;
    private readonly maxCells: number;

    constructor(
        readonly limits: Limits = DEFAULT_LIMITS,
        /** A quiet run's builtins return QUIET_FAULT for their common faults instead of throwing them (see `fault`). */
        readonly quiet = false,
    ) {
        this.maxSteps = limits.maxSteps;
        this.maxCells = limits.maxCells;
    }

    step(): void {
        if (++this.steps > this.maxSteps) throw this.overSteps();
    }

    /** Charges work done elsewhere (a shared value's cost), failing as `step` and `grid` would past a limit. */
    charge(steps: number, cells: number): void {
        this.steps += steps;
        this.cells += cells;
        if (this.steps > this.maxSteps) throw this.overSteps();
        if (this.cells > this.maxCells) throw this.overCells();
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
        if (this.cells > this.maxCells) throw this.overCells();
        return Grid.filled(height, width, fill);
    }

    copy(grid: Grid): Grid {
        this.cells += grid.cells.length;
        if (this.cells > this.maxCells) throw this.overCells();
        return grid.clone();
    }

    /**
     * A builtin's fault, the argument it names and its message: thrown as a BuiltinFault, or in a quiet
     * run returned as QUIET_FAULT with no message built and nothing thrown (a quiet run is only told
     * that it failed, and throwing costs more than most runs). Builtins return what this returns.
     */
    fault(argument: string | undefined, message: () => string): Value {
        if (this.quiet) return QUIET_FAULT;
        throw new BuiltinFault(message(), argument);
    }

    private overSteps(): BuiltinFault {
        return new BuiltinFault(`the program ran more than ${this.maxSteps} steps`, undefined, 'budget');
    }

    private overCells(): BuiltinFault {
        return new BuiltinFault(`the program allocated more than ${this.maxCells} grid cells`, undefined, 'budget');
    }
}
