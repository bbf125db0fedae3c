import type { Family } from '../family.js';
import {
    ALL_TRANSFORMS,
    type Arrangement,
    allObjectsRule,
    arrangementRule,
    beside,
    cropTransformRule,
    MIRRORS,
    mirror,
    selectedObjectRule,
    stacked,
    wholeGridRule,
} from './transforms.js';

const VERTICAL = [mirror('vertical')];
const HORIZONTAL = [mirror('horizontal')];
const IN_BOX = [mirror('vertical'), mirror('horizontal')];

/** The arrangements of the `mirrored-copies` rule. */
export const MIRRORED_COPIES: Arrangement[] = [
    {
        slots: [VERTICAL],
        square: false,
        factor: 2,
        program: ([t]) => `output = hconcat(input, ${t.gridText('input')})`,
        build: (input, [t]) => beside(input, t.grid(input)),
    },
    {
        slots: [VERTICAL],
        square: false,
        factor: 2,
        program: ([t]) => `output = hconcat(${t.gridText('input')}, input)`,
        build: (input, [t]) => beside(t.grid(input), input),
    },
    {
        slots: [HORIZONTAL],
        square: false,
        factor: 2,
        program: ([t]) => `output = vconcat(input, ${t.gridText('input')})`,
        build: (input, [t]) => stacked(input, t.grid(input)),
    },
    {
        slots: [HORIZONTAL],
        square: false,
        factor: 2,
        program: ([t]) => `output = vconcat(${t.gridText('input')}, input)`,
        build: (input, [t]) => stacked(t.grid(input), input),
    },
    {
        // Mirrored both ways into a 2×2 block: the top half is its own mirror image (so its half-turn is its flip).
        slots: [VERTICAL, HORIZONTAL],
        invariant: [undefined, mirror('vertical')],
        square: false,
        factor: 2,
        program: ([a, b]) => [`let top = hconcat(input, ${a.gridText('input')})`, `output = vconcat(top, ${b.gridText('top')})`].join('\n'),
        build: (input, [a, b]) => {
            const top = beside(input, a.grid(input));
            return stacked(top, b.grid(top));
        },
    },
    {
        slots: [HORIZONTAL, VERTICAL],
        invariant: [undefined, mirror('horizontal')],
        square: false,
        factor: 2,
        program: ([a, b]) =>
            [`let half = vconcat(${a.gridText('input')}, input)`, `output = hconcat(half, ${b.gridText('half')})`].join('\n'),
        build: (input, [a, b]) => {
            const half = stacked(a.grid(input), input);
            return beside(half, b.grid(half));
        },
    },
];

export const mirrorShape: Family = {
    name: 'MirrorShape',
    subRules: [
        wholeGridRule('flip-grid', MIRRORS),
        selectedObjectRule('flip-selected-object', IN_BOX),
        allObjectsRule('flip-every-object', IN_BOX),
        cropTransformRule('crop-and-flip', MIRRORS),
        arrangementRule('mirrored-copies', MIRRORED_COPIES, ALL_TRANSFORMS),
    ],
};
