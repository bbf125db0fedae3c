import { asInt, asList } from './args.js';
import type { BuiltinSpec } from './spec.js';

export const numberBuiltins: BuiltinSpec[] = [
    {
        name: 'abs',
        category: 'geometry',
        params: [{ name: 'n', type: 'Int' }],
        returns: 'Int',
        doc: 'The size of a number without its sign: abs(-3) is 3.',
        example: 'abs(row(center(largest(objects(input)))) - height(input) / 2)',
        impl: (args) => {
            const n = args[0];
            return Math.abs(asInt(n));
        },
    },
    {
        name: 'sign',
        category: 'geometry',
        params: [{ name: 'n', type: 'Int' }],
        returns: 'Int',
        doc: 'The sign of a number: -1, 0 or 1, e.g. the one-cell step from one row (or column) towards another.',
        example: 'sign(col(center(largest(objects(input)))) - width(input) / 2)',
        impl: (args) => {
            const n = args[0];
            return Math.sign(asInt(n)) + 0;
        },
    },
    {
        name: 'lookup',
        category: 'logic',
        params: [
            { name: 'key', type: 'Int' },
            { name: 'keys', type: 'List<Int>' },
            { name: 'values', type: 'List<T>', doc: 'as long as keys; values[i] belongs to keys[i]' },
        ],
        returns: 'T',
        doc: 'The value paired with key: values[i] for the first i where keys[i] is key. An error if key is not among keys.',
        example: 'lookup(color_of(largest(objects(input))), [blue, red], [yellow, green])',
        impl: (args, budget) => {
            const key = args[0];
            const keys = args[1];
            const values = args[2];
            const wanted = asInt(key);
            const from = asList(keys);
            const to = asList(values);
            if (from.length !== to.length) {
                return budget.fault('values', () => `values has ${to.length} items but keys has ${from.length}; they pair up one to one`);
            }
            const at = from.indexOf(wanted);
            if (at === -1) return budget.fault('key', () => `${wanted} is not among the keys [${from.join(', ')}]`);
            return to[at];
        },
    },
];
