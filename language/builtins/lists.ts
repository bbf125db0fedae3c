import type { Budget } from '../budget.js';
import type { Value } from '../values.js';
import { asFn, asInt, asList } from './args.js';
import type { BuiltinSpec } from './spec.js';

/** The item with the greatest key (`greatest`) or the smallest; ties go to the first item. */
function bestBy(items: Value, key: Value, greatest: boolean, budget: Budget): Value {
    const list = asList(items);
    if (list.length === 0) return budget.fault('items', () => 'the list is empty');
    const fn = asFn(key);
    let best = list[0];
    let bestKey = fn(best) as number;
    for (let i = 1; i < list.length; i++) {
        const k = fn(list[i]) as number;
        if (greatest ? k > bestKey : k < bestKey) {
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
        impl: (args) => {
            const items = args[0];
            const f = args[1];
            const fn = asFn(f);
            const list = asList(items);
            const mapped: Value[] = [];
            for (let i = 0; i < list.length; i++) mapped.push(fn(list[i]));
            return mapped;
        },
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
        impl: (args) => {
            const items = args[0];
            const keep = args[1];
            const fn = asFn(keep);
            const list = asList(items);
            const kept: Value[] = [];
            for (let i = 0; i < list.length; i++) if (fn(list[i]) === true) kept.push(list[i]);
            return kept;
        },
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
        impl: (args, budget) => bestBy(args[0], args[1], true, budget),
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
        impl: (args, budget) => bestBy(args[0], args[1], false, budget),
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
        impl: (args) => {
            const items = args[0];
            const start = args[1];
            const step = args[2];
            const fn = asFn(step);
            const list = asList(items);
            let acc = start;
            for (let i = 0; i < list.length; i++) acc = fn(acc, list[i]);
            return acc;
        },
    },
    {
        name: 'count',
        category: 'lists',
        params: [{ name: 'items', type: 'List<T>' }],
        returns: 'Int',
        doc: 'The number of items.',
        example: 'count(objects(input))',
        impl: (args) => asList(args[0]).length,
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
        impl: (args, budget) => {
            const list = asList(args[0]);
            const i = asInt(args[1]);
            const at = i < 0 ? list.length + i : i;
            if (at < 0 || at >= list.length) {
                return budget.fault('index', () => `index ${i} is outside a list of ${list.length} item${list.length === 1 ? '' : 's'}`);
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
        impl: (args) => {
            const items = args[0];
            const key = args[1];
            const list = asList(items);
            const fn = asFn(key);
            const keys = list.map((item) => fn(item) as number);
            const order = keys.map((_, i) => i).sort((a, b) => keys[a] - keys[b] || a - b);
            return order.map((i) => list[i]);
        },
    },
];
