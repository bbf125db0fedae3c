import type { Family } from '../family.js';
import {
    ALL_TRANSFORMS,
    type Arrangement,
    allObjectsRule,
    arrangementRule,
    beside,
    cropTransformRule,
    ROTATIONS,
    rotation,
    selectedObjectRule,
    stacked,
    wholeGridRule,
} from './transforms.js';

const HALF_TURN = [rotation(2)];

/** The arrangements of the `rotated-copies` rule. */
export const ROTATED_COPIES: Arrangement[] = [
    {
        // The input beside its half-turn (any shape).
        slots: [HALF_TURN],
        square: false,
        factor: 2,
        program: ([t]) => `output = hconcat(input, ${t.gridText('input')})`,
        build: (input, [t]) => beside(input, t.grid(input)),
    },
    {
        slots: [HALF_TURN],
        square: false,
        factor: 2,
        program: ([t]) => `output = vconcat(input, ${t.gridText('input')})`,
        build: (input, [t]) => stacked(input, t.grid(input)),
    },
    {
        // Four quarter-turned copies in a 2×2 block (square inputs).
        slots: [ROTATIONS, ROTATIONS, ROTATIONS],
        square: true,
        factor: 2,
        program: ([a, b, c]) =>
            [
                `let top = hconcat(input, ${a.gridText('input')})`,
                `let bottom = hconcat(${c.gridText('input')}, ${b.gridText('input')})`,
                'output = vconcat(top, bottom)',
            ].join('\n'),
        build: (input, [a, b, c]) => stacked(beside(input, a.grid(input)), beside(c.grid(input), b.grid(input))),
    },
    {
        // The input beside its quarter turn (square inputs).
        slots: [ROTATIONS],
        square: true,
        factor: 2,
        program: ([t]) => `output = hconcat(${t.gridText('input')}, input)`,
        build: (input, [t]) => beside(t.grid(input), input),
    },
];

export const rotateShape: Family = {
    name: 'RotateShape',
    subRules: [
        wholeGridRule('rotate-grid', ROTATIONS),
        selectedObjectRule('rotate-selected-object', ROTATIONS),
        allObjectsRule('rotate-every-object', ROTATIONS),
        cropTransformRule('crop-and-rotate', ROTATIONS),
        arrangementRule('rotated-copies', ROTATED_COPIES, ALL_TRANSFORMS),
    ],
};
