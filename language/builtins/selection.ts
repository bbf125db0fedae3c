import type { Budget } from '../budget.js';
import { MAX_GRID_SIDE } from '../grid.js';
import type { GridObject, Value } from '../values.js';
import { asColor, asFn, asList, asObject, asObjects } from './args.js';
import { objectColor } from './grid-analysis.js';
import type { BuiltinSpec } from './spec.js';

/** sameShape's mask for objects of grid size, cleared after each use. */
const SHAPE_MASK = new Uint8Array(MAX_GRID_SIDE * MAX_GRID_SIDE);

/** Whether two objects cover the same cells relative to their bounding boxes' top-left corners. */
export function sameShape(a: GridObject, b: GridObject): boolean {
    if (a === b) return true;
    if (a.size !== b.size || a.height !== b.height || a.width !== b.width) return false;
    const area = a.height * a.width;
    const mask = area <= SHAPE_MASK.length ? SHAPE_MASK : new Uint8Array(area);
    const { rows: aRows, cols: aCols } = a;
    const { rows: bRows, cols: bCols } = b;
    for (let i = 0; i < a.size; i++) mask[(aRows[i] - a.top) * a.width + (aCols[i] - a.left)] = 1;
    let same = true;
    for (let i = 0; i < b.size && same; i++) same = mask[(bRows[i] - b.top) * b.width + (bCols[i] - b.left)] === 1;
    // The shared mask goes back to all zeros for the next call.
    for (let i = 0; i < a.size; i++) mask[(aRows[i] - a.top) * a.width + (aCols[i] - a.left)] = 0;
    return same;
}

/** Whether some cell of a lies on, or edge-next to, a cell of b. */
export function touches(a: GridObject, b: GridObject): boolean {
    if (a.size === 0 || b.size === 0) return false;
    if (a.top > b.bottom + 1 || b.top > a.bottom + 1 || a.left > b.right + 1 || b.left > a.right + 1) return false;
    // b's cells on a mask with a one-cell margin, so a's neighbours can be looked up without bounds checks.
    const w = b.width + 2;
    const mask = new Uint8Array((b.height + 2) * w);
    const { rows: aRows, cols: aCols } = a;
    const { rows: bRows, cols: bCols } = b;
    for (let i = 0; i < b.size; i++) mask[(bRows[i] - b.top + 1) * w + (bCols[i] - b.left + 1)] = 1;
    for (let i = 0; i < a.size; i++) {
        const r = aRows[i] - b.top + 1;
        const c = aCols[i] - b.left + 1;
        if (r < 0 || c < 0 || r >= b.height + 2 || c >= w) continue;
        const at = r * w + c;
        if (mask[at]) return true;
        if (r > 0 && mask[at - w]) return true;
        if (r < b.height + 1 && mask[at + w]) return true;
        if (c > 0 && mask[at - 1]) return true;
        if (c < w - 1 && mask[at + 1]) return true;
    }
    return false;
}

function oddOneOut(items: Value, key: Value, budget: Budget): Value {
    const list = asList(items);
    if (list.length === 0) return budget.fault('items', () => 'the list is empty');
    const fn = asFn(key);
    const keys: number[] = [];
    for (let i = 0; i < list.length; i++) keys.push(fn(list[i]) as number);
    let unique = 0;
    let found = -1;
    for (let i = 0; i < keys.length; i++) {
        let shared = false;
        for (let j = 0; j < keys.length && !shared; j++) shared = j !== i && keys[j] === keys[i];
        if (!shared) {
            unique++;
            found = i;
        }
    }
    if (unique === 1) return list[found];
    return budget.fault('key', () => {
        const shown = keys.length > 12 ? `${keys.slice(0, 12).join(', ')}, …` : keys.join(', ');
        const problem = unique === 0 ? 'no key is unique' : `${unique} keys are unique`;
        return `there is no single odd one out: ${problem} (keys: ${shown})`;
    });
}

export const selectionBuiltins: BuiltinSpec[] = [
    {
        name: 'with_color',
        category: 'selection',
        params: [
            { name: 'objs', type: 'Objects' },
            { name: 'color', type: 'Color' },
        ],
        returns: 'Objects',
        doc: 'The objects whose colour (color_of) is the given one, in their order (possibly none).',
        example: 'with_color(objects(input), red)',
        impl: (args) => {
            const objs = args[0];
            const color = args[1];
            const wanted = asColor(color, 'color');
            return asObjects(objs).filter((o) => objectColor(o) === wanted);
        },
    },
    {
        name: 'odd_one_out',
        category: 'selection',
        params: [
            { name: 'items', type: 'List<T>' },
            { name: 'key', type: '(T) -> Int' },
        ],
        returns: 'T',
        doc: "The one item whose key no other item shares. An error unless exactly one item's key is unique (a lone item is its own odd one out).",
        example: 'odd_one_out(objects(input), o => size(o))',
        impl: (args, budget) => oddOneOut(args[0], args[1], budget),
    },
    {
        name: 'same_shape',
        category: 'selection',
        params: [
            { name: 'a', type: 'Object' },
            { name: 'b', type: 'Object' },
        ],
        returns: 'Bool',
        doc: 'Whether two objects have the same cells relative to their top-left corners (colours and positions ignored; no rotation).',
        example: 'filter(objects(input), o => same_shape(o, largest(objects(input))))',
        impl: (args) => sameShape(asObject(args[0]), asObject(args[1])),
    },
    {
        name: 'touches',
        category: 'selection',
        params: [
            { name: 'a', type: 'Object' },
            { name: 'b', type: 'Object' },
        ],
        returns: 'Bool',
        doc: 'Whether some cell of a is on a cell of b or next to one (up, down, left or right; corners do not count).',
        example: 'filter(objects(input), o => touches(o, largest(objects(input))))',
        impl: (args) => touches(asObject(args[0]), asObject(args[1])),
    },
    {
        name: 'is_rectangle',
        category: 'selection',
        params: [{ name: 'o', type: 'Object' }],
        returns: 'Bool',
        doc: 'Whether the object fills its bounding box (a single cell is a rectangle).',
        example: 'filter(objects(input), o => is_rectangle(o))',
        impl: (args) => {
            const object = asObject(args[0]);
            return object.size > 0 && object.size === object.height * object.width;
        },
    },
];
