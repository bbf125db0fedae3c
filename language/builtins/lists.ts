import { BuiltinFault } from '../errors.js';
import type { Value } from '../values.js';
import { asFn, asInt, asList, nonEmpty } from './args.js';
import type { BuiltinSpec } from './spec.js';

function bestBy(list: Value[], key: (v: Value) => Value, better: (a: number, b: number) => boolean): Value {
    let best = list[0];
    let bestKey = key(best) as number;
    for (let i = 1; i < list.length; i++) {
        const k = key(list[i]) as number;
        if (better(k, bestKey)) {
            best = list[i];
            bestKey = k;
        }
    }
    return best;
}

export const listBuiltins: BuiltinSpec[] = [
    {
        name: 'map',
        category: 'lists',
        params: [
            { name: 'items', type: 'List<T>' },
            { name: 'f', type: '(T) -> U' },
        ],
        returns: 'List<U>',
        doc: 'Applies f to every item.',
        example: 'map(objects(input), o => size(o))',
        impl: ([items, f]) => asList(items).map((item) => asFn(f)([item])),
    },
    {
        name: 'filter',
        category: 'lists',
        params: [
            { name: 'items', type: 'List<T>' },
            { name: 'keep', type: '(T) -> Bool' },
        ],
        returns: 'List<T>',
        doc: 'The items for which keep is true, in their order.',
        example: 'filter(objects(input), o => color_of(o) == red)',
        impl: ([items, keep]) => asList(items).filter((item) => asFn(keep)([item]) === true),
    },
    {
        name: 'argmax',
        category: 'lists',
        params: [
            { name: 'items', type: 'List<T>' },
            { name: 'key', type: '(T) -> Int' },
        ],
        returns: 'T',
        doc: 'The item with the greatest key. Ties go to the first item.',
        example: 'argmax(objects(input), o => width(o))',
        impl: ([items, key]) =>
            bestBy(
                nonEmpty(asList(items), 'the list', 'items'),
                (v) => asFn(key)([v]),
                (a, b) => a > b,
            ),
    },
    {
        name: 'argmin',
        category: 'lists',
        params: [
            { name: 'items', type: 'List<T>' },
            { name: 'key', type: '(T) -> Int' },
        ],
        returns: 'T',
        doc: 'The item with the smallest key. Ties go to the first item.',
        example: 'argmin(objects(input), o => row(position(o)))',
        impl: ([items, key]) =>
            bestBy(
                nonEmpty(asList(items), 'the list', 'items'),
                (v) => asFn(key)([v]),
                (a, b) => a < b,
            ),
    },
    {
        name: 'fold',
        category: 'lists',
        params: [
            { name: 'items', type: 'List<T>' },
            { name: 'start', type: 'U' },
            { name: 'step', type: '(U, T) -> U' },
        ],
        returns: 'U',
        doc: 'Threads a value through the items: step(…step(step(start, item0), item1)…). Draws once per object.',
        example: 'fold(objects(input), input, (g, o) => outline(g, o, red))',
        impl: ([items, start, step]) => asList(items).reduce((acc, item) => asFn(step)([acc, item]), start),
    },
    {
        name: 'count',
        category: 'lists',
        params: [{ name: 'items', type: 'List<T>' }],
        returns: 'Int',
        doc: 'The number of items.',
        example: 'count(objects(input))',
        impl: ([items]) => asList(items).length,
    },
    {
        name: 'nth',
        category: 'lists',
        params: [
            { name: 'items', type: 'List<T>' },
            { name: 'index', type: 'Int', doc: '0 is the first item; -1 the last' },
        ],
        returns: 'T',
        doc: 'The item at an index (negative indices count from the end).',
        example: 'nth(objects(input), 0)',
        impl: ([items, index]) => {
            const list = asList(items);
            const i = asInt(index);
            const at = i < 0 ? list.length + i : i;
            if (at < 0 || at >= list.length) {
                throw new BuiltinFault(`index ${i} is outside a list of ${list.length} item${list.length === 1 ? '' : 's'}`, 'index');
            }
            return list[at];
        },
    },
    {
        name: 'sort_by',
        category: 'lists',
        params: [
            { name: 'items', type: 'List<T>' },
            { name: 'key', type: '(T) -> Int' },
        ],
        returns: 'List<T>',
        doc: 'The items in ascending order of key; items with equal keys keep their order.',
        example: 'sort_by(objects(input), o => size(o))',
        impl: ([items, key]) => {
            const list = asList(items);
            const fn = asFn(key);
            const keys = list.map((item) => fn([item]) as number);
            const order = keys.map((_, i) => i).sort((a, b) => keys[a] - keys[b] || a - b);
            return order.map((i) => list[i]);
        },
    },
];
