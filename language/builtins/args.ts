import { BuiltinFault } from '../errors.js';
import type { Grid } from '../grid.js';
import type { Axis, Dir, FnValue, GridObject, Value } from '../values.js';

// Typed views of builtin arguments. The checker has already matched types, so these are casts; the
// range checks are the faults the types cannot rule out. They throw their faults; a builtin reports a
// fault of its own through `budget.fault`, which a quiet run gets without a throw. Builtins called per
// item (size, color_of, …) read `args[i]`: destructuring costs an iterator in V8's lower tiers.

export const asGrid = (v: Value) => v as Grid;
export const asObject = (v: Value) => v as GridObject;
export const asObjects = (v: Value) => v as GridObject[];
export const asList = (v: Value) => v as Value[];
export const asFn = (v: Value) => v as FnValue;
export const asBool = (v: Value) => v as boolean;
export const asDir = (v: Value) => v as Dir;
export const asAxis = (v: Value) => v as Axis;
export const asInt = (v: Value) => v as number;
export const asPoint = (v: Value) => v as [number, number];

export function asColor(v: Value, argument: string): number {
    const n = v as number;
    if (!Number.isInteger(n) || n < 0 || n > 9) throw new BuiltinFault(`colour ${n} is outside 0–9`, argument);
    return n;
}

export function pointInGrid(grid: Grid, v: Value, argument: string): [number, number] {
    const [row, col] = v as [number, number];
    if (!grid.inBounds(row, col)) {
        throw new BuiltinFault(`point (${row}, ${col}) is outside the ${grid.size} grid`, argument);
    }
    return [row, col];
}

/** A colour 0–9, or -1 for "none" / "its own colours" (the value of such a parameter's default). */
export function asColorOrNone(v: Value, argument: string): number {
    const n = v as number;
    if (n === -1) return n;
    return asColor(n, argument);
}

/** An integer of at least 1, e.g. a size or a repeat count. */
export function asPositive(v: Value, argument: string): number {
    const n = v as number;
    if (!Number.isInteger(n) || n < 1) throw new BuiltinFault(`${argument} must be at least 1, not ${n}`, argument);
    return n;
}

export function asConnectivity(v: Value, argument: string): 4 | 8 {
    const n = v as number;
    if (n !== 4 && n !== 8) throw new BuiltinFault(`connectivity must be 4 or 8, not ${n}`, argument);
    return n;
}
