import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { BUILTINS } from '../../language/builtins/table.js';
import { COLOR_NAMES, FAMILIES } from '../../language/colors.js';
import type * as ast from '../../language/generated/ast.js';
import { arcDslServices } from '../../language/load.js';
import { printDocument, printExpression, printGridLiteral, printProgram } from '../../language/printer.js';

function parse(text: string): ast.Document {
    const result = arcDslServices().ArcDsl.parser.LangiumParser.parse<ast.Document>(text);
    const errors = [...result.lexerErrors.map((e) => e.message), ...result.parserErrors.map((e) => e.message)];
    assert.deepEqual(errors, [], `does not parse:\n${text}`);
    return result.value;
}

const format = (text: string) => printDocument(parse(text));

/** An AST as plain data: node types and properties, no CST, containers or resolved references. */
function shape(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(shape);
    if (value === null || typeof value !== 'object') return value;
    if ('$refText' in value) return { ref: (value as { $refText: string }).$refText };
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
        if ((key.startsWith('$') && key !== '$type') || item === undefined) continue;
        out[key] = shape(item);
    }
    return out;
}

describe('printer: canonical layout', () => {
    it('prints a task, a blank line, then one statement per line', () => {
        const text =
            'task "flood-17"  family FloodFill { train [0 0 1|0 1 0] -> [1]\n test [1 1] }  let objs=objects(input,connectivity:8)\noutput=input|>crop(largest(objs))';
        assert.equal(
            format(text),
            [
                'task "flood-17" family FloodFill {',
                '  train [0 0 1 | 0 1 0] -> [1]',
                '  test  [1 1]',
                '}',
                '',
                'let objs = objects(input, connectivity: 8)',
                'output = input |> crop(largest(objs))',
                '',
            ].join('\n'),
        );
    });

    it('uses the fewest parentheses the precedence allows', () => {
        const cases: [string, string][] = [
            ['((1 + 2)) * 3', '(1 + 2) * 3'],
            ['1 + (2 * 3)', '1 + 2 * 3'],
            ['(1 - 2) - 3', '1 - 2 - 3'],
            ['1 - (2 - 3)', '1 - (2 - 3)'],
            ['(a < b) == c', '(a < b) == c'],
            ['a or (b and c)', 'a or b and c'],
            ['(a or b) and not (c)', '(a or b) and not c'],
            ['-(1 + 2)', '-(1 + 2)'],
            ['- (-1)', '- -1'],
            ['(input |> rotate()) == input', '(input |> rotate()) == input'],
            ['(a + 1) |> f()', 'a + 1 |> f()'],
            ['map(xs, (o) => (size(o) + 1))', 'map(xs, o => size(o) + 1)'],
            ['fold(xs, 0, (acc, o) => acc + size(o))', 'fold(xs, 0, (acc, o) => acc + size(o))'],
            ['[ ]', '[]'],
            ['(1,2)', '(1, 2)'],
            ['grid [1 2|3 4]', 'grid [1 2 | 3 4]'],
        ];
        for (const [input, expected] of cases) {
            const document = parse(`output = ${input}\n`);
            assert.equal(printExpression(document.statements[0].value), expected, input);
        }
    });

    it('wraps a pair too wide for 100 columns, one row per line, rows aligned', () => {
        const row = Array.from({ length: 20 }, (_, i) => i % 10).join(' ');
        const text = `task "wide" { train [${row} | ${row}] -> [${row}] test [1] }\noutput = input\n`;
        assert.equal(
            format(text),
            ['task "wide" {', `  train [${row}`, `       | ${row}]`, `     -> [${row}]`, '  test  [1]', '}', '', 'output = input', ''].join(
                '\n',
            ),
        );
    });

    it('keeps comments: leading, trailing, inside a task, and hoists those inside an expression', () => {
        const text = [
            '// header',
            'task "t" { // about the task',
            '  train [1] -> [2] // first',
            '  /* dangling */',
            '}',
            'let a = rotate(input, /* inside */ 1) // why',
            '',
            '// the answer',
            'output = a',
            '// the end',
        ].join('\n');
        assert.equal(
            format(text),
            [
                '// header',
                'task "t" {',
                '  // about the task',
                '  train [1] -> [2] // first',
                '  /* dangling */',
                '}',
                '',
                '/* inside */',
                'let a = rotate(input, 1) // why',
                '// the answer',
                'output = a',
                '// the end',
                '',
            ].join('\n'),
        );
        assert.equal(
            printDocument(parse(text), { comments: false }),
            'task "t" {\n  train [1] -> [2]\n}\n\nlet a = rotate(input, 1)\noutput = a\n',
        );
        assert.equal(printProgram(parse(text), { comments: false }), 'let a = rotate(input, 1)\noutput = a\n');
    });

    it('escapes task names so they read back unchanged', () => {
        const document = parse(
            printDocument({ $type: 'Document', task: taskNode('a "b" \\ c\nd\t'), statements: [] } as unknown as ast.Document),
        );
        assert.equal(document.task?.name, 'a "b" \\ c\nd\t');
    });

    it('prints grid rows inline for other tools', () => {
        assert.equal(
            printGridLiteral([
                [0, 1],
                [2, 3],
            ]),
            '[0 1 | 2 3]',
        );
    });
});

function taskNode(name: string): object {
    return { $type: 'Task', name, pairs: [] };
}

// ---- generated programs ------------------------------------------------------------------

// Some names start with a keyword (`reddish`, `order`, `input2`), which must still lex as names.
const NAMES = ['a', 'b', 'objs', 'big', 'o', 'acc', 'reddish', 'order', 'note', 'input2', 'gridline', 'upper', 'testing', '_x', 'letter'];
const OPERATORS = ['or', 'and', '==', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/', '%'] as const;
const DIRS = ['up', 'down', 'left', 'right', 'up_left', 'up_right', 'down_left', 'down_right'] as const;
const AXES = ['horizontal', 'vertical', 'diagonal', 'antidiagonal'] as const;
const BUILTIN_LIST = [...BUILTINS.values()];

/** Whether `name` can be written as a named argument (a keyword such as `diagonal` cannot). */
const writable = new Map<string, boolean>();
function writableName(name: string): boolean {
    let ok = writable.get(name);
    if (ok === undefined) {
        const result = arcDslServices().ArcDsl.parser.LangiumParser.parse(`output = f(${name}: 1)`);
        writable.set(name, (ok = result.lexerErrors.length === 0 && result.parserErrors.length === 0));
    }
    return ok;
}

// Mostly small grids (fast), sometimes up to maxSide (wrapping).
const side = (maxSide: number) => fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 1, max: 4 }) }, fc.integer({ min: 1, max: maxSide }));
const gridRows = (maxSide: number) =>
    fc
        .tuple(side(maxSide), side(maxSide))
        .chain(([h, w]) =>
            fc.array(fc.array(fc.integer({ min: 0, max: 12 }), { minLength: w, maxLength: w }), { minLength: h, maxLength: h }),
        );
const gridLiteral = (maxSide: number) =>
    gridRows(maxSide).map((rows) => ({ $type: 'GridLiteral', rows: rows.map((cells) => ({ $type: 'GridRow', cells })) }));

const { expr } = fc.letrec<{ expr: object; call: object }>((tie) => ({
    expr: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.nat(2000).map((value) => ({ $type: 'NumberLiteral', value })),
        fc.constantFrom('true', 'false').map((value) => ({ $type: 'BoolLiteral', value })),
        fc.constantFrom(...COLOR_NAMES, 'gray').map((name) => ({ $type: 'ColorLiteral', name })),
        fc.constantFrom(...DIRS).map((name) => ({ $type: 'DirLiteral', name })),
        fc.constantFrom(...AXES).map((name) => ({ $type: 'AxisLiteral', name })),
        fc.constant({ $type: 'InputRef' }),
        fc.constantFrom(...NAMES).map((name) => ({ $type: 'NameRef', ref: { $refText: name } })),
        gridLiteral(40).map((grid) => ({ $type: 'GridExpr', grid })),
        fc.array(tie('expr'), { minLength: 2, maxLength: 3 }).map((items) => ({ $type: 'TupleExpr', items })),
        fc.array(tie('expr'), { maxLength: 3 }).map((items) => ({ $type: 'ListExpr', items })),
        fc.record({ $type: fc.constant('UnaryExpr'), operator: fc.constantFrom('-', 'not'), operand: tie('expr') }),
        fc.record({ $type: fc.constant('BinaryExpr'), left: tie('expr'), operator: fc.constantFrom(...OPERATORS), right: tie('expr') }),
        fc.record({ $type: fc.constant('PipeExpr'), left: tie('expr'), right: tie('call') }),
        tie('call'),
        fc.record({
            $type: fc.constant('Lambda'),
            params: fc
                .uniqueArray(fc.constantFrom(...NAMES), { maxLength: 3 })
                .map((names) => names.map((name) => ({ $type: 'LambdaParam', name }))),
            body: tie('expr'),
        }),
    ),
    // A real builtin with some leading parameters positional and some later ones named.
    call: fc
        .tuple(
            fc.constantFrom(...BUILTIN_LIST),
            fc.nat(),
            fc.array(fc.boolean(), { maxLength: 6 }),
            fc.array(tie('expr'), { minLength: 6, maxLength: 6 }),
        )
        .map(([builtin, positional, named, values]) => {
            const count = positional % (builtin.params.length + 1);
            const args = builtin.params.flatMap((param, i) => {
                if (i < count) return [{ $type: 'Argument', value: values[i] }];
                return named[i] && writableName(param.name) ? [{ $type: 'Argument', name: param.name, value: values[i] }] : [];
            });
            return { $type: 'CallExpr', callee: builtin.name, args };
        }),
}));

const statement = fc.oneof(
    fc.record({ $type: fc.constant('LetStatement'), name: fc.constantFrom(...NAMES), value: expr }),
    fc.record({ $type: fc.constant('OutputStatement'), value: expr }),
);

const pair = fc.record(
    { $type: fc.constant('Pair'), kind: fc.constantFrom('train', 'test'), input: gridLiteral(30), output: gridLiteral(30) },
    { requiredKeys: ['$type', 'kind', 'input'] },
);

const task = fc.record(
    {
        $type: fc.constant('Task'),
        name: fc.string({ unit: 'binary', maxLength: 12 }),
        family: fc.oneof(fc.constantFrom(...FAMILIES), fc.constantFrom(...NAMES)),
        pairs: fc.array(pair, { maxLength: 4 }),
    },
    { requiredKeys: ['$type', 'name', 'pairs'] },
);

const documentArb = fc.record(
    { $type: fc.constant('Document'), task, statements: fc.array(statement, { maxLength: 5 }) },
    { requiredKeys: ['$type', 'statements'] },
);

/** Puts numbered comments into printed text at line ends, between lines and at spaces inside statements. */
function withComments(text: string, choices: number[]): { text: string; count: number } {
    let count = 0;
    let pick = 0;
    const next = () => choices[pick++ % choices.length];
    const comment = () => (next() % 2 === 0 ? `// c${++count}\n` : `/* c${++count} */ `);
    const lines = text.split('\n').map((line) => {
        const statementLine = line.startsWith('let ') || line.startsWith('output ');
        let out = statementLine ? line.replace(/ /g, (space) => (next() % 5 === 0 ? ` ${comment()}` : space)) : line;
        if (next() % 3 === 0) out = `${comment()}${out}`;
        if (line && next() % 3 === 0) out = `${out} /* c${++count} */`;
        if (line && next() % 4 === 0) out = `${out} // c${++count}`;
        return out;
    });
    return { text: lines.join('\n'), count };
}

describe('printer: properties over generated documents', () => {
    it('parse(print(ast)) is the same AST, and printing again changes nothing', () => {
        fc.assert(
            fc.property(documentArb, (document) => {
                const printed = printDocument(document as unknown as ast.Document);
                const reparsed = parse(printed);
                assert.deepEqual(shape(reparsed), shape(document));
                assert.equal(printDocument(reparsed), printed);
            }),
            { numRuns: 300 },
        );
    });

    it('keeps every comment and reaches a fixpoint in one step', () => {
        fc.assert(
            fc.property(documentArb, fc.array(fc.nat(59), { minLength: 1, maxLength: 40 }), (document, choices) => {
                const clean = printDocument(document as unknown as ast.Document);
                const { text, count } = withComments(clean, choices);
                const once = format(text);
                assert.equal(format(once), once);
                assert.equal(once.match(/\/\/ c\d+|\/\* c\d+ \*\//g)?.length ?? 0, count, `lost a comment:\n${text}\n---\n${once}`);
                assert.deepEqual(shape(parse(once)), shape(document));
                assert.equal(printDocument(parse(once), { comments: false }), clean);
            }),
            { numRuns: 200 },
        );
    });
});
