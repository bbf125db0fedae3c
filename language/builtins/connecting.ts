import { asAxis, asColor, asColorOrNone, asGrid, asObject, asPoint } from './args.js';
import { connectAlongAxes } from './drawing.js';
import { BACKGROUND } from './objects.js';
import { OWN_COLORS, paintObject } from './painting.js';
import type { BuiltinSpec } from './spec.js';

export const connectingBuiltins: BuiltinSpec[] = [
    {
        name: 'connect_along',
        category: 'drawing',
        params: [
            { name: 'g', type: 'Grid' },
            {
                name: 'axis',
                type: 'Axis',
                doc: 'horizontal: rows; vertical: columns; diagonal: top-left to bottom-right; antidiagonal: top-right to bottom-left',
            },
            { name: 'color', type: 'Color', default: OWN_COLORS, doc: 'the colour of the connecting cells' },
            { name: 'bg', type: 'Color', default: BACKGROUND, doc: 'the only cells that change' },
        ],
        returns: 'Grid',
        doc: 'Like connect_pairs, along lines of one direction only: fills the bg cells between two same-coloured non-bg cells with nothing but bg between them.',
        example: 'connect_along(input, horizontal, red)',
        impl: (args, budget) => {
            const g = args[0];
            const axis = args[1];
            const color = args[2];
            const bg = args[3];
            return connectAlongAxes(asGrid(g), [asAxis(axis)], asColor(bg, 'bg'), asColorOrNone(color, 'color'), budget);
        },
    },
    {
        name: 'move_to',
        category: 'drawing',
        params: [
            { name: 'g', type: 'Grid' },
            { name: 'o', type: 'Object' },
            { name: 'at', type: 'Point', doc: "where the top-left corner of the object's bounding box goes" },
            { name: 'bg', type: 'Color', default: BACKGROUND, doc: 'the colour left behind' },
        ],
        returns: 'Grid',
        doc: "Erases the object and paints it with its bounding box's top-left corner at a point, over whatever is there; cells leaving the grid are dropped.",
        example: 'move_to(input, largest(objects(input)), (0, 0))',
        impl: (args, budget) => {
            const g = args[0];
            const o = args[1];
            const at = args[2];
            const bg = args[3];
            const object = asObject(o);
            const [row, col] = asPoint(at);
            const out = budget.copy(asGrid(g));
            if (object.size === 0) return out;
            paintObject(out, object, asColor(bg, 'bg'));
            paintObject(out, object, -1, row - object.top, col - object.left);
            return out;
        },
    },
];
