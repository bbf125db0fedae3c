import type { BuiltinSpec } from './spec.js';

export const logicBuiltins: BuiltinSpec[] = [
    {
        name: 'choose',
        category: 'logic',
        params: [
            { name: 'cond', type: 'Bool' },
            { name: 'then', type: 'T' },
            { name: 'otherwise', type: 'T' },
        ],
        returns: 'T',
        doc: 'then if cond is true, else otherwise. Only the chosen one is evaluated, so a fault in the other does not stop the program.',
        example: 'choose(width(input) > height(input), rotate(input), input)',
        impl: (args) => (args[0] === true ? args[1] : args[2]),
        conditional: true,
    },
];
