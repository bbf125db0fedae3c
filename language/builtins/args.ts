import { BuiltinFault } from '../errors.js';
import type { Grid } from '../grid.js';
import type { Axis, Dir, FnValue, GridObject, Value } from '../values.js';

// Typed views of builtin arguments. The checker has already matched types, so these are casts; the
// range checks are the faults the types cannot rule out.

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

export function nonEmpty<T>(list: T[], what: string, argument: string): T[] {
    if (list.length === 0) throw new BuiltinFault(`${what} is empty`, argument);
    return list;
}
