import { type AstNode, AstUtils, type ValidationAcceptor } from 'langium';
import { BUILTINS, type Builtin } from './builtins/table.js';
import { FAMILIES } from './colors.js';
import * as ast from './generated/ast.js';
import { MAX_GRID_SIDE } from './grid.js';
import { closest, didYouMean } from './suggest.js';
import { assignable, type DslType, type Substitution, substitute, typeToString } from './types.js';

export const IssueCodes = {
    UnknownBuiltin: 'unknown-builtin',
    MissingOutput: 'missing-output',
    UnusedLet: 'unused-let',
} as const;

const ANY: DslType = { kind: 'Any' };
const INT: DslType = { kind: 'Int' };
const BOOL: DslType = { kind: 'Bool' };

/**
 * The type checker. It infers a type for every expression, remembers it (inlay hints and hovers read
 * `typeOf`) and reports problems through a Langium ValidationAcceptor, so ranges are exact.
 */
export class TypeChecker {
    private readonly types = new WeakMap<AstNode, DslType>();
    private readonly paramTypes = new WeakMap<ast.LambdaParam, DslType>();

    constructor(private readonly accept: ValidationAcceptor) {}

    /** The inferred type of an expression or binding checked earlier. */
    typeOf(node: AstNode): DslType {
        if (ast.isLambdaParam(node)) return this.paramTypes.get(node) ?? ANY;
        if (ast.isLetStatement(node)) return this.types.get(node.value) ?? ANY;
        return this.types.get(node) ?? ANY;
    }

    checkDocument(document: ast.Document): void {
        if (document.task) this.checkTask(document.task);
        this.checkStatements(document);
    }

    private checkTask(task: ast.Task): void {
        if (task.family !== undefined && !(FAMILIES as readonly string[]).includes(task.family)) {
            this.accept('error', `unknown family '${task.family}'.${didYouMean(task.family, FAMILIES)} Families: ${FAMILIES.join(', ')}`, {
                node: task,
                property: 'family',
            });
        }
        for (const pair of task.pairs) {
            this.checkGridLiteral(pair.input);
            if (pair.output) this.checkGridLiteral(pair.output);
            else if (pair.kind === 'train')
                this.accept('error', 'a train pair needs an output: train [..] -> [..]', { node: pair, property: 'input' });
        }
        if (!task.pairs.some((p) => p.kind === 'train')) {
            this.accept('warning', 'the task has no train pairs', { node: task, property: 'name' });
        }
    }

    checkGridLiteral(grid: ast.GridLiteral | undefined): void {
        if (!grid) return;
        const width = grid.rows[0]?.cells.length ?? 0;
        if (grid.rows.length > MAX_GRID_SIDE) {
            this.accept('error', `grid has ${grid.rows.length} rows; the most is ${MAX_GRID_SIDE}`, { node: grid });
        }
        grid.rows.forEach((row, r) => {
            if (row.cells.length !== width) {
                this.accept('error', `ragged grid: row ${r + 1} has ${row.cells.length} cells, row 1 has ${width}`, { node: row });
            } else if (r === 0 && width > MAX_GRID_SIDE) {
                this.accept('error', `grid has ${width} columns; the most is ${MAX_GRID_SIDE}`, { node: row });
            }
            row.cells.forEach((cell, c) => {
                if (cell > 9) this.accept('error', `colour ${cell} is outside 0–9`, { node: row, property: 'cells', index: c });
            });
        });
    }

    private checkStatements(document: ast.Document): void {
        const outputs = document.statements.filter(ast.isOutputStatement);
        if (outputs.length === 0) {
            const last = document.statements.at(-1);
            this.accept('error', 'the program has no `output = …` statement', {
                node: last ?? document.task ?? document,
                code: IssueCodes.MissingOutput,
            });
        }
        for (const extra of outputs.slice(1)) {
            this.accept('error', 'a program has exactly one `output = …`; this is a second one', { node: extra });
        }

        const seen = new Map<string, ast.LetStatement>();
        const defined = new Set<ast.LetStatement>();
        for (const statement of document.statements) {
            this.checkUsesDefined(statement.value, defined);
            this.infer(statement.value);
            if (ast.isLetStatement(statement)) {
                if (seen.has(statement.name)) {
                    this.accept('error', `'${statement.name}' is already defined`, { node: statement, property: 'name' });
                } else {
                    seen.set(statement.name, statement);
                }
                defined.add(statement);
            }
        }
        for (const statement of seen.values()) {
            const referenced = document.statements.some((s) => s !== statement && this.mentions(s.value, statement));
            if (!referenced) {
                this.accept('warning', `'${statement.name}' is never used`, {
                    node: statement,
                    property: 'name',
                    code: IssueCodes.UnusedLet,
                });
            }
        }
    }

    private mentions(expr: AstNode, target: ast.LetStatement): boolean {
        if (!expr) return false;
        for (const node of AstUtils.streamAst(expr)) {
            if (ast.isNameRef(node) && node.ref.ref === target) return true;
        }
        return false;
    }

    private checkUsesDefined(expr: AstNode, defined: Set<ast.LetStatement>): void {
        if (!expr) return;
        for (const node of AstUtils.streamAst(expr)) {
            if (ast.isNameRef(node)) {
                const target = node.ref.ref;
                if (ast.isLetStatement(target) && !defined.has(target)) {
                    this.accept('error', `'${target.name}' is used before its \`let\``, { node });
                }
            }
        }
    }

    /** Infers an expression's type, reporting problems; `expected` guides lambdas and colour literals. */
    infer(expr: ast.Expression | undefined, expected?: DslType): DslType {
        // After a parse error, recovery may leave parts of the tree missing; the parse error is reported.
        if (!expr) return ANY;
        const type = this.inferUncached(expr, expected);
        this.types.set(expr, type);
        return type;
    }

    private inferUncached(expr: ast.Expression, expected?: DslType): DslType {
        switch (expr.$type) {
            case 'NumberLiteral':
                if (expected?.kind === 'Color' && expr.value > 9) {
                    this.accept('error', `colour ${expr.value} is outside 0–9`, { node: expr });
                }
                return INT;
            case 'BoolLiteral':
                return BOOL;
            case 'ColorLiteral':
                return { kind: 'Color' };
            case 'DirLiteral':
                return { kind: 'Dir' };
            case 'AxisLiteral':
                return { kind: 'Axis' };
            case 'InputRef':
                return { kind: 'Grid' };
            case 'GridExpr':
                this.checkGridLiteral(expr.grid);
                return { kind: 'Grid' };
            case 'NameRef':
                return expr.ref.ref ? this.typeOf(expr.ref.ref) : ANY;
            case 'TupleExpr':
                return { kind: 'Tuple', items: expr.items.map((item) => this.infer(item)) };
            case 'ListExpr':
                return this.inferList(expr);
            case 'UnaryExpr':
                return this.inferUnary(expr);
            case 'BinaryExpr':
                return this.inferBinary(expr);
            case 'CallExpr':
                return this.inferCall(expr, []);
            case 'PipeExpr':
                return this.inferPipe(expr);
            case 'Lambda':
                if (!ast.isArgument(expr.$container) && !ast.isLetStatement(expr.$container)) {
                    this.accept('error', 'a lambda can only be an argument of a builtin (map, filter, argmax, fold…)', { node: expr });
                }
                return this.inferLambda(expr, expected?.kind === 'Fn' ? expected : undefined);
            default:
                return ANY;
        }
    }

    private inferList(expr: ast.ListExpr): DslType {
        const items = expr.items.map((item) => this.infer(item));
        const first = items.find((t) => t.kind !== 'Any') ?? ANY;
        items.forEach((type, i) => {
            if (!assignable(type, first, new Map())) {
                this.accept(
                    'error',
                    `list items must share a type: item ${i + 1} is ${typeToString(type)}, item 1 is ${typeToString(first)}`,
                    {
                        node: expr.items[i],
                    },
                );
            }
        });
        return { kind: 'List', of: first };
    }

    private inferUnary(expr: ast.UnaryExpr): DslType {
        const want = expr.operator === 'not' ? BOOL : INT;
        this.expect(this.infer(expr.operand), want, expr.operand, `'${expr.operator}'`);
        return want;
    }

    private inferBinary(expr: ast.BinaryExpr): DslType {
        const left = this.infer(expr.left);
        const right = this.infer(expr.right);
        switch (expr.operator) {
            case 'and':
            case 'or':
                this.expect(left, BOOL, expr.left, `'${expr.operator}'`);
                this.expect(right, BOOL, expr.right, `'${expr.operator}'`);
                return BOOL;
            case '==':
            case '!=':
                if (!assignable(right, left, new Map()) && !assignable(left, right, new Map())) {
                    this.accept('error', `cannot compare ${typeToString(left)} with ${typeToString(right)}`, { node: expr });
                }
                return BOOL;
            case '<':
            case '<=':
            case '>':
            case '>=':
                this.expect(left, INT, expr.left, `'${expr.operator}'`);
                this.expect(right, INT, expr.right, `'${expr.operator}'`);
                return BOOL;
            default:
                this.expect(left, INT, expr.left, `'${expr.operator}'`);
                this.expect(right, INT, expr.right, `'${expr.operator}'`);
                return INT;
        }
    }

    private expect(actual: DslType, wanted: DslType, node: AstNode, what: string): void {
        if (!assignable(actual, wanted, new Map())) {
            this.accept('error', `${what} needs ${typeToString(wanted)}, not ${typeToString(actual)}`, { node });
        }
    }

    private inferPipe(expr: ast.PipeExpr): DslType {
        const left = this.infer(expr.left);
        if (!ast.isCallExpr(expr.right)) {
            this.accept('error', 'the right side of |> must be a call, e.g. `input |> rotate(1)`', { node: expr, property: 'right' });
            return ANY;
        }
        const type = this.inferCall(expr.right, [{ type: left, node: expr.left }]);
        this.types.set(expr.right, type);
        return type;
    }

    /** `piped` holds the left side of a pipe, which becomes the first positional argument. */
    private inferCall(call: ast.CallExpr, piped: { type: DslType; node: AstNode }[]): DslType {
        if (call.callee === undefined) return ANY;
        const builtin = BUILTINS.get(call.callee);
        if (!builtin) {
            this.accept('error', `unknown builtin '${call.callee}'.${didYouMean(call.callee, BUILTINS.keys())}`, {
                node: call,
                property: 'callee',
                code: IssueCodes.UnknownBuiltin,
                data: { suggestion: closest(call.callee, BUILTINS.keys()) },
            });
            for (const arg of call.args) this.infer(arg.value);
            return ANY;
        }
        const slots = this.bindArguments(builtin, call, piped.length);
        if (!slots) {
            for (const arg of call.args) this.infer(arg.value);
            return substitute(builtin.returnType, new Map());
        }
        const subst: Substitution = new Map();
        const pending: { index: number; arg: ast.Argument }[] = [];
        slots.forEach((arg, index) => {
            if (arg === 'piped') {
                this.checkArgument(builtin, index, piped[0].type, piped[0].node, subst);
            } else if (arg && ast.isLambda(arg.value)) {
                pending.push({ index, arg });
            } else if (arg) {
                const type = this.infer(arg.value, builtin.paramTypes[index]);
                this.checkArgument(builtin, index, type, arg, subst);
            }
        });
        for (const { index, arg } of pending) {
            const wanted = substitute(builtin.paramTypes[index], subst);
            if (wanted.kind !== 'Fn') {
                this.accept('error', `'${builtin.params[index].name}' of ${builtin.name} is ${typeToString(wanted)}, not a function`, {
                    node: arg,
                });
                continue;
            }
            const type = this.inferLambda(arg.value as ast.Lambda, wanted);
            this.types.set(arg.value, type);
            this.checkArgument(builtin, index, type, arg, subst);
        }
        return substitute(builtin.returnType, subst);
    }

    private checkArgument(builtin: Builtin, index: number, actual: DslType, node: AstNode, subst: Substitution): void {
        const expectedType = builtin.paramTypes[index];
        if (!assignable(actual, expectedType, subst)) {
            const wanted = typeToString(substitute(expectedType, subst)).replace(/\bAny\b/g, 'a value');
            this.accept('error', `'${builtin.params[index].name}' of ${builtin.name} must be ${wanted}, not ${typeToString(actual)}`, {
                node,
            });
        }
    }

    /**
     * Matches arguments to parameters: positional first, then named. Returns, per parameter, the
     * argument (or 'piped'), or undefined if the call is malformed (already reported).
     */
    private bindArguments(builtin: Builtin, call: ast.CallExpr, pipedCount: number): (ast.Argument | 'piped' | undefined)[] | undefined {
        const slots: (ast.Argument | 'piped' | undefined)[] = new Array(builtin.params.length).fill(undefined);
        let ok = true;
        let position = 0;
        for (; position < pipedCount && position < slots.length; position++) slots[position] = 'piped';
        let sawNamed = false;
        for (const arg of call.args) {
            if (arg.name === undefined) {
                if (sawNamed) {
                    this.accept('error', 'positional arguments must come before named ones', { node: arg });
                    ok = false;
                    continue;
                }
                if (position >= slots.length) {
                    this.accept(
                        'error',
                        `${builtin.name} takes ${plural(builtin.params.length, 'argument')}, but got ${call.args.length + pipedCount}`,
                        {
                            node: arg,
                        },
                    );
                    ok = false;
                    continue;
                }
                slots[position++] = arg;
                continue;
            }
            sawNamed = true;
            const index = builtin.params.findIndex((p) => p.name === arg.name);
            if (index < 0) {
                const names = builtin.params.map((p) => p.name);
                this.accept(
                    'error',
                    `${builtin.name} has no parameter '${arg.name}'.${didYouMean(arg.name, names)} Parameters: ${names.join(', ')}`,
                    {
                        node: arg,
                        property: 'name',
                    },
                );
                ok = false;
            } else if (slots[index] !== undefined) {
                this.accept('error', `'${arg.name}' is given twice`, { node: arg, property: 'name' });
                ok = false;
            } else {
                slots[index] = arg;
            }
        }
        const missing = builtin.params.filter((p, i) => slots[i] === undefined && p.default === undefined);
        if (missing.length > 0) {
            this.accept(
                'error',
                `${builtin.name} needs ${missing.map((p) => `'${p.name}'`).join(', ')}: ${builtin.name}(${builtin.params.map((p) => p.name).join(', ')})`,
                {
                    node: call,
                    property: 'callee',
                },
            );
            ok = false;
        }
        return ok ? slots : undefined;
    }

    private inferLambda(lambda: ast.Lambda, expected: Extract<DslType, { kind: 'Fn' }> | undefined): DslType {
        if (expected && expected.params.length !== lambda.params.length) {
            this.accept('error', `this function must take ${plural(expected.params.length, 'parameter')}, not ${lambda.params.length}`, {
                node: lambda,
            });
        }
        const params = lambda.params.map((param, i) => {
            const type = expected?.params[i] ?? ANY;
            this.paramTypes.set(param, type);
            return type;
        });
        const result = this.infer(lambda.body);
        return { kind: 'Fn', params, result };
    }
}

function plural(n: number, word: string): string {
    return `${n} ${word}${n === 1 ? '' : 's'}`;
}
