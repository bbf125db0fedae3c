import { BUILTINS } from '../../language/builtins/table.js';
import { COLOR_NAMES } from '../../language/colors.js';

// The fuzz tests' document generator: random text, token soups and mutations of valid programs.

/** Valid programs to mutate: together they call most builtins, with lambdas, pipes, tasks and grids. */
export const SEEDS = [
    'output = rotate(input)',
    'output = input |> flip(axis: horizontal)',
    'let objs = objects(input, connectivity: 8)\noutput = crop(input, largest(objs))',
    'let big = argmax(objects(input), o => size(o) * 10 + width(o))\noutput = paint(input, big, color: red)',
    'let small = filter(objects(input), o => size(o) < 3 and not is_rectangle(o))\noutput = fold(small, input, (g, o) => erase(g, o))',
    'output = fill_enclosed(input, color: 4)',
    'output = recolor(input, from: most_color(input), to: least_color(input))',
    'let o = largest(objects(input))\noutput = move_until(input, o, down)',
    'output = connect_pairs(input)',
    'output = symmetrize(input, axis: vertical)',
    'output = tile(input, 2, 2) |> scale(2)',
    'let p = (row(center(largest(objects(input)))), 0)\noutput = cross(input, at: p, color: 3)',
    'output = line(input, from: (0, 0), to: (4, 4), color: 2)',
    'output = ray(input, from: (2, 2), dir: up_right, color: 5, stop: true)',
    'output = choose(count(objects(input)) > 2, input, rotate(input, turns: 3))',
    'task "t" family FloodFill {\n  train [0 0 | 0 1] -> [2 2 | 2 1]\n  test  [1 0 | 0 0]\n}\n\noutput = flood_fill(input, at: (0, 0), color: 2)',
    'output = overlay(input, grid [1 0 0 0 0 | 0 0 0 0 0 | 0 0 0 0 0 | 0 0 0 0 0 | 0 0 0 0 2])',
    'let xs = sort_by(objects(input), o => -size(o))\noutput = keep(input, [nth(xs, 0), nth(xs, -1)])',
    'output = paste(blank(7, 7), input, at: (1, 1), transparent: 0)',
    'output = outline(input, odd_one_out(objects(input), o => color_of(o)), color: 8)',
    'output = subgrid(input, at: (1, 1), height: 3, width: 3)',
    'let o = smallest(objects(input))\noutput = move(input, o, by: (1, -1)) |> rotate_object(o, turns: 2)',
    'let n = count(with_color(objects(input), blue)) % 3\noutput = hconcat(input, rotate(input, turns: n))',
    '// count the cells\nlet c = count_color(input, 0) + count(points(input, 1))\noutput = blank(1, c / 5 + 1, color: c % 10)',
];

const EXAMPLES = [...BUILTINS.values()].map((b) => `let v = ${b.example}\noutput = input`);
const PIECES = [
    ...BUILTINS.keys(),
    ...[...BUILTINS.values()].flatMap((b) => b.params.map((p) => `${p.name}:`)),
    ...COLOR_NAMES,
    ...[
        'up',
        'down_left',
        'vertical',
        'antidiagonal',
        'input',
        'output',
        'let',
        'task',
        'train',
        'test',
        'family',
        'grid',
        'true',
        'not',
        'and',
        'or',
    ],
    ...[
        '(',
        ')',
        '[',
        ']',
        '{',
        '}',
        ',',
        ':',
        '=',
        '|',
        '|>',
        '->',
        '=>',
        '==',
        '<=',
        '+',
        '-',
        '*',
        '/',
        '%',
        '"',
        '//',
        '/*',
        '*/',
        '\n',
    ],
    ...['0', '1', '2', '9', '10', '30', '31', '-1', '4294967296', '99999999999999999999999', 'o', 'x', '(o) =>', 'o =>'],
];
const TOKEN = /\s+|[A-Za-z_]\w*|\d+|"(?:\\.|[^"\\])*"|\/\/[^\n]*|\/\*[\s\S]*?\*\/|\|>|->|=>|==|!=|<=|>=|[\s\S]/g;

/** mulberry32: small, fast, seedable. */
export function randomSource(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

const NUMBERS = ['0', '1', '2', '3', '5', '8', '9', '10', '29', '30', '31', '100', '4294967296'];
const SWAPS: readonly (readonly string[])[] = [
    [...BUILTINS.keys()],
    [...COLOR_NAMES, 'gray'],
    ['up', 'down', 'left', 'right', 'up_left', 'up_right', 'down_left', 'down_right'],
    ['horizontal', 'vertical', 'diagonal', 'antidiagonal'],
    ['+', '-', '*', '/', '%'],
    ['==', '!=', '<', '<=', '>', '>='],
    ['and', 'or'],
    ['true', 'false'],
];

export function makeDocument(random: () => number): string {
    const int = (n: number) => Math.floor(random() * n);
    const pick = <T>(items: readonly T[]) => items[int(items.length)];
    const randomBytes = () =>
        Array.from({ length: 1 + int(8) }, () => String.fromCharCode(int(4) === 0 ? int(0x3000) : 32 + int(95))).join('');
    const kind = random();
    if (kind < 0.08) return randomBytes();
    if (kind < 0.16) return Array.from({ length: 3 + int(30) }, () => pick(PIECES)).join(int(2) ? ' ' : '');
    const tokens = (int(4) === 0 ? pick(EXAMPLES) : pick(SEEDS)).match(TOKEN) ?? [];
    if (kind < 0.6) {
        // Same-kind swaps (a number for a number, a builtin for a builtin…): mostly still parses, often
        // still checks, so the interpreter runs odd values.
        for (let edits = 1 + int(3); edits > 0; edits--) {
            const at = int(tokens.length);
            const token = tokens[at];
            if (/^\d+$/.test(token)) tokens[at] = pick(NUMBERS);
            else tokens[at] = pick(SWAPS.find((group) => group.includes(token)) ?? [token]);
        }
        return tokens.join('');
    }
    for (let edits = 1 + int(4); edits > 0; edits--) {
        const at = int(tokens.length + 1);
        switch (int(6)) {
            case 0:
                tokens.splice(at, 1);
                break;
            case 1:
                tokens.splice(at, 0, pick(PIECES));
                break;
            case 2: {
                const other = int(tokens.length);
                [tokens[at], tokens[other]] = [tokens[other], tokens[at]];
                break;
            }
            case 3:
                tokens.splice(at, 1, pick(PIECES));
                break;
            case 4:
                tokens.splice(at, 0, randomBytes());
                break;
            default:
                tokens.splice(at, 0, ...tokens.slice(int(tokens.length), int(tokens.length)));
        }
    }
    return tokens.filter((t) => t !== undefined).join('');
}
