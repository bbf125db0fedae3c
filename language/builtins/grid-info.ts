import { Grid } from '../grid.js';
import type { Value } from '../values.js';
import { asColor, asGrid, asObject, asPoint, pointInGrid } from './args.js';
import { colorCounts, leastColor, mostColor, objectColor } from './grid-analysis.js';
import { BACKGROUND } from './objects.js';
import type { BuiltinSpec } from './spec.js';

export const gridInfoBuiltins: BuiltinSpec[] = [
    {
        name: 'width',
        category: 'geometry',
        params: [{ name: 'x', type: 'Grid|Object', doc: 'a grid, or an object (its bounding box)' }],
        returns: 'Int',
        doc: "The number of columns of a grid, or of an object's bounding box.",
        example: 'width(largest(objects(input)))',
        impl: (args) => (args[0] instanceof Grid ? args[0].width : asObject(args[0]).width),
    },
    {
        name: 'height',
        category: 'geometry',
        params: [{ name: 'x', type: 'Grid|Object', doc: 'a grid, or an object (its bounding box)' }],
        returns: 'Int',
        doc: "The number of rows of a grid, or of an object's bounding box.",
        example: 'height(input)',
        impl: (args) => (args[0] instanceof Grid ? args[0].height : asObject(args[0]).height),
    },
    {
        name: 'row',
        category: 'geometry',
        params: [{ name: 'p', type: 'Point' }],
        returns: 'Int',
        doc: "A point's row (0 is the top row).",
        example: 'row(position(largest(objects(input))))',
        impl: (args) => asPoint(args[0])[0],
    },
    {
        name: 'col',
        category: 'geometry',
        params: [{ name: 'p', type: 'Point' }],
        returns: 'Int',
        doc: "A point's column (0 is the leftmost column).",
        example: 'col(center(largest(objects(input))))',
        impl: (args) => asPoint(args[0])[1],
    },
    {
        name: 'most_color',
        category: 'colour',
        params: [{ name: 'g', type: 'Grid|Object' }],
        returns: 'Color',
        doc: 'The most frequent colour of a grid or object. Ties go to the smallest colour number.',
        example: 'most_color(input)',
        impl: (args) => {
            const g = args[0];
            return g instanceof Grid ? mostColor(g) : objectColor(asObject(g));
        },
    },
    {
        name: 'least_color',
        category: 'colour',
        params: [{ name: 'g', type: 'Grid' }],
        returns: 'Color',
        doc: 'The least frequent colour among those present in the grid. Ties go to the smallest colour number.',
        example: 'least_color(input)',
        impl: (args) => {
            const g = args[0];
            return leastColor(asGrid(g));
        },
    },
    {
        name: 'count_color',
        category: 'colour',
        params: [
            { name: 'g', type: 'Grid' },
            { name: 'color', type: 'Color' },
        ],
        returns: 'Int',
        doc: 'The number of cells of a colour (0 if it is absent).',
        example: 'count_color(input, red)',
        impl: (args) => {
            const g = args[0];
            const color = args[1];
            return colorCounts(asGrid(g))[asColor(color, 'color')];
        },
    },
    {
        name: 'colors',
        category: 'colour',
        params: [
            { name: 'g', type: 'Grid' },
            { name: 'bg', type: 'Color', default: BACKGROUND, doc: 'left out of the list' },
        ],
        returns: 'List<Color>',
        doc: 'The colours present in the grid except bg, ascending (empty if the grid is all bg).',
        example: 'count(colors(input))',
        impl: (args) => {
            const g = args[0];
            const bg = args[1];
            const counts = colorCounts(asGrid(g));
            const background = asColor(bg, 'bg');
            const present: Value[] = [];
            for (let c = 0; c < 10; c++) if (counts[c] > 0 && c !== background) present.push(c);
            return present;
        },
    },
    {
        name: 'cell',
        category: 'colour',
        params: [
            { name: 'g', type: 'Grid' },
            { name: 'at', type: 'Point', doc: '(row, col), 0-based' },
        ],
        returns: 'Color',
        doc: 'The colour of one cell. A point outside the grid is an error.',
        example: 'cell(input, (0, 0))',
        impl: (args) => {
            const g = args[0];
            const at = args[1];
            const grid = asGrid(g);
            const [r, c] = pointInGrid(grid, at, 'at');
            return grid.cells[r * grid.width + c];
        },
    },
    {
        name: 'points',
        category: 'colour',
        params: [
            { name: 'g', type: 'Grid' },
            { name: 'color', type: 'Color' },
        ],
        returns: 'List<Point>',
        doc: 'The cells of a colour as (row, col) points, in reading order (empty if the colour is absent).',
        example: 'points(input, red)',
        impl: (args) => {
            const g = args[0];
            const color = args[1];
            const grid = asGrid(g);
            const wanted = asColor(color, 'color');
            const found: Value[] = [];
            const { cells, width } = grid;
            for (let i = 0; i < cells.length; i++) {
                if (cells[i] === wanted) {
                    const r = (i / width) | 0;
                    found.push([r, i - r * width]);
                }
            }
            return found;
        },
    },
];
