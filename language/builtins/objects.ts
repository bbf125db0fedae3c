import type { Budget } from '../budget.js';
import { slabInt32s } from '../slab.js';
import { GridObject, type Value } from '../values.js';
import { asBool, asColor, asConnectivity, asGrid, asObject, asObjects, asPoint } from './args.js';
import { findObjects, mostColor, objectColor } from './grid-analysis.js';
import type { BuiltinSpec, DerivedDefault } from './spec.js';

/** A default that is the most frequent colour of the grid argument at index `of`. */
export function mostColorDefault(text: string, of: number): DerivedDefault {
    return { text, compute: (args) => mostColor(asGrid(args[of])), mostColorOf: of };
}

/** The usual background default: the grid's most frequent colour. */
export const BACKGROUND = mostColorDefault('most_color(g)', 0);

/** The object with the most cells (`most`) or the fewest; ties go to the first in reading order. */
function bySize(objs: Value, most: boolean, budget: Budget): Value {
    const objects = asObjects(objs);
    if (objects.length === 0) return budget.fault('objs', () => 'the object list is empty');
    let best = objects[0];
    for (let i = 1; i < objects.length; i++) {
        const size = objects[i].size;
        if (most ? size > best.size : size < best.size) best = objects[i];
    }
    return best;
}

export const objectBuiltins: BuiltinSpec[] = [
    {
        name: 'objects',
        category: 'objects',
        params: [
            { name: 'g', type: 'Grid' },
            { name: 'connectivity', type: 'Int', default: 4, doc: '4 (edges) or 8 (edges and corners)' },
            { name: 'by_color', type: 'Bool', default: true, doc: 'split touching cells of different colours' },
            { name: 'bg', type: 'Color', default: BACKGROUND, doc: 'the background colour, never part of an object' },
        ],
        returns: 'Objects',
        doc: 'The connected shapes of non-background cells, in reading order (by top row, then leftmost cell).',
        example: 'objects(input, connectivity: 8)',
        impl: (args) => findObjects(asGrid(args[0]), asConnectivity(args[1], 'connectivity'), asBool(args[2]), asColor(args[3], 'bg')),
    },
    {
        name: 'largest',
        category: 'selection',
        params: [{ name: 'objs', type: 'Objects' }],
        returns: 'Object',
        doc: 'The object with the most cells. Ties go to the first in reading order.',
        example: 'largest(objects(input))',
        impl: (args, budget) => bySize(args[0], true, budget),
    },
    {
        name: 'smallest',
        category: 'selection',
        params: [{ name: 'objs', type: 'Objects' }],
        returns: 'Object',
        doc: 'The object with the fewest cells. Ties go to the first in reading order.',
        example: 'smallest(objects(input))',
        impl: (args, budget) => bySize(args[0], false, budget),
    },
    {
        name: 'size',
        category: 'objects',
        params: [{ name: 'o', type: 'Object' }],
        returns: 'Int',
        doc: 'The number of cells in an object.',
        example: 'filter(objects(input), o => size(o) > 1)',
        impl: (args) => asObject(args[0]).size,
    },
    {
        name: 'color_of',
        category: 'objects',
        params: [{ name: 'o', type: 'Object' }],
        returns: 'Color',
        doc: "The object's most frequent colour (ties: the smallest colour number).",
        example: 'color_of(largest(objects(input)))',
        impl: (args) => objectColor(asObject(args[0])),
    },
    {
        name: 'position',
        category: 'geometry',
        params: [{ name: 'o', type: 'Object' }],
        returns: 'Point',
        doc: "The top-left corner of the object's bounding box, as (row, col); an empty object has none (a fault).",
        example: 'position(largest(objects(input)))',
        impl: (args, budget) => {
            const object = asObject(args[0]);
            if (object.size === 0) return budget.fault('o', () => 'an empty object has no position');
            return [object.top, object.left];
        },
    },
    {
        name: 'center',
        category: 'geometry',
        params: [{ name: 'o', type: 'Object' }],
        returns: 'Point',
        doc: "The centre of the object's bounding box, ((top + bottom) / 2, (left + right) / 2), rounded down; an empty object has none (a fault).",
        example: 'center(largest(objects(input)))',
        impl: (args, budget) => {
            const object = asObject(args[0]);
            if (object.size === 0) return budget.fault('o', () => 'an empty object has no centre');
            return [Math.floor((object.top + object.bottom) / 2), Math.floor((object.left + object.right) / 2)];
        },
    },
    {
        name: 'shift',
        category: 'geometry',
        params: [
            { name: 'o', type: 'Object' },
            { name: 'by', type: 'Point', doc: '(rows down, columns right); negative values go up or left' },
        ],
        returns: 'Object',
        doc: 'The same object moved by (drow, dcol); it may lie partly outside any grid (painting drops those cells).',
        example: 'paint(input, shift(largest(objects(input)), (0, 2)))',
        impl: (args) => {
            const object = asObject(args[0]);
            const [dr, dc] = asPoint(args[1]);
            const { rows: fromRows, cols: fromCols } = object;
            const rows = slabInt32s(object.size);
            const cols = slabInt32s(object.size);
            for (let i = 0; i < object.size; i++) {
                rows[i] = fromRows[i] + dr;
                cols[i] = fromCols[i] + dc;
            }
            return new GridObject(rows, cols, object.colors);
        },
    },
];
