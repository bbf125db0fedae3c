import type { AstNode } from 'langium';
import { Budget, DEFAULT_LIMITS, type Limits } from './budget.js';
import { BUILTINS, type Builtin } from './builtins/table.js';
import { colorNumber } from './colors.js';
import { BuiltinFault, DslError, type SourceRange } from './errors.js';
import * as ast from './generated/ast.js';
import { Grid } from './grid.js';
import type { FnValue, Value } from './values.js';

/** One run's state: the variable slots and the work budget. */
interface Frame {
    slots: Value[];
    budget: Budget;
}

type Code = (frame: Frame) => Value;

/** The trace of one run: the value of every `let`, in order, for previews. */
export interface RunTrace {
    lets: { name: string; value: Value }[];
}

/**
 * A program compiled to closures once, then run on many inputs. Compilation assumes the document
 * passed the checker; anything it cannot compile is a DslError with the source range.
 */
export class CompiledProgram {
    constructor(
        private readonly slotCount: number,
        private readonly lets: { name: string; slot: number; code: Code }[],
        private readonly output: Code,
        private readonly outputRange: SourceRange | undefined,
    ) {}

    /** Runs the program on an input grid. Every fault is a DslError with a source range. */
    run(input: Grid, limits: Limits = DEFAULT_LIMITS, trace?: RunTrace): Grid {
        const frame: Frame = { slots: new Array(this.slotCount), budget: new Budget(limits) };
        frame.slots[0] = input;
        for (const { name, slot, code } of this.lets) {
            const value = code(frame);
            frame.slots[slot] = value;
            trace?.lets.push({ name, value });
        }
        const result = this.output(frame);
        if (!(result instanceof Grid)) throw new DslError('the output must be a grid', 'runtime', this.outputRange);
        return result;
    }
}

export function compileProgram(document: ast.Document): CompiledProgram {
    return new Compiler().compile(document);
}

class Compiler {
    private readonly slotOf = new Map<AstNode, number>();
    private nextSlot = 1; // slot 0 holds `input`

    compile(document: ast.Document): CompiledProgram {
        const lets: { name: string; slot: number; code: Code }[] = [];
        let output: Code | undefined;
        let outputRange: SourceRange | undefined;
        for (const statement of document.statements) {
            if (ast.isLetStatement(statement)) {
                const slot = this.allocate(statement);
                lets.push({ name: statement.name, slot, code: this.expression(statement.value) });
            } else if (output === undefined) {
                output = this.expression(statement.value);
                outputRange = rangeOf(statement.value);
            }
        }
        if (!output) throw new DslError('the program has no `output = …` statement', 'type');
        return new CompiledProgram(this.nextSlot, lets, output, outputRange);
    }

    private allocate(node: AstNode): number {
        const slot = this.nextSlot++;
        this.slotOf.set(node, slot);
        return slot;
    }

    private expression(expr: ast.Expression): Code {
        switch (expr.$type) {
            case 'NumberLiteral': {
                const value = expr.value;
                return () => value;
            }
            case 'BoolLiteral': {
                const value = expr.value === 'true';
                return () => value;
            }
            case 'ColorLiteral': {
                const value = colorNumber(expr.name);
                return () => value;
            }
            case 'DirLiteral':
            case 'AxisLiteral': {
                const value = expr.name;
                return () => value;
            }
            case 'InputRef':
                return (frame) => frame.slots[0];
            case 'GridExpr': {
                const grid = Grid.fromRows(expr.grid.rows.map((row) => row.cells));
                return () => grid;
            }
            case 'NameRef':
                return this.nameRef(expr);
            case 'TupleExpr':
            case 'ListExpr': {
                const items = expr.items.map((item) => this.expression(item));
                return (frame) => items.map((item) => item(frame));
            }
            case 'UnaryExpr':
                return this.unary(expr);
            case 'BinaryExpr':
                return this.binary(expr);
            case 'CallExpr':
                return this.call(expr, []);
            case 'PipeExpr':
                if (!ast.isCallExpr(expr.right)) throw fault('the right side of |> must be a call', expr);
                return this.call(expr.right, [this.expression(expr.left)]);
            case 'Lambda':
                return this.lambda(expr);
            default:
                throw fault(`cannot run a ${(expr as AstNode).$type}`, expr);
        }
    }

    private nameRef(expr: ast.NameRef): Code {
        const target = expr.ref.ref;
        const slot = target ? this.slotOf.get(target) : undefined;
        if (slot === undefined) throw fault(`unknown name '${expr.ref.$refText}'`, expr);
        return (frame) => frame.slots[slot];
    }

    private unary(expr: ast.UnaryExpr): Code {
        const operand = this.expression(expr.operand);
        return expr.operator === 'not' ? (frame) => !operand(frame) : (frame) => -(operand(frame) as number);
    }

    private binary(expr: ast.BinaryExpr): Code {
        const left = this.expression(expr.left);
        const right = this.expression(expr.right);
        switch (expr.operator) {
            case 'and':
                return (frame) => (left(frame) as boolean) && (right(frame) as boolean);
            case 'or':
                return (frame) => (left(frame) as boolean) || (right(frame) as boolean);
            case '==':
                return (frame) => valuesEqual(left(frame), right(frame));
            case '!=':
                return (frame) => !valuesEqual(left(frame), right(frame));
            case '<':
                return (frame) => (left(frame) as number) < (right(frame) as number);
            case '<=':
                return (frame) => (left(frame) as number) <= (right(frame) as number);
            case '>':
                return (frame) => (left(frame) as number) > (right(frame) as number);
            case '>=':
                return (frame) => (left(frame) as number) >= (right(frame) as number);
            case '+':
                return (frame) => (left(frame) as number) + (right(frame) as number);
            case '-':
                return (frame) => (left(frame) as number) - (right(frame) as number);
            case '*':
                return (frame) => (left(frame) as number) * (right(frame) as number);
            case '/':
            case '%': {
                const divide = expr.operator === '/';
                return (frame) => {
                    const a = left(frame) as number;
                    const b = right(frame) as number;
                    if (b === 0) throw fault('division by zero', expr.right);
                    return divide ? Math.floor(a / b) : a - Math.floor(a / b) * b;
                };
            }
        }
    }

    private lambda(expr: ast.Lambda): Code {
        const slots = expr.params.map((param) => this.allocate(param));
        const body = this.expression(expr.body);
        const arity = slots.length;
        // The function value is an anonymous arrow on purpose: under tsx/esbuild's keepNames a named
        // one costs a defineProperty call each time a run creates it.
        return (frame): FnValue =>
            (args) => {
                frame.budget.step();
                for (let i = 0; i < arity; i++) frame.slots[slots[i]] = args[i];
                return body(frame);
            };
    }

    /** `piped` are codes for leading positional arguments coming from a pipe. */
    private call(call: ast.CallExpr, piped: Code[]): Code {
        const builtin = BUILTINS.get(call.callee);
        if (!builtin) throw fault(`unknown builtin '${call.callee}'`, call, 'callee');
        const argCodes: (Code | undefined)[] = new Array(builtin.params.length).fill(undefined);
        const argNodes: (AstNode | undefined)[] = new Array(builtin.params.length).fill(undefined);
        piped.forEach((code, i) => {
            argCodes[i] = code;
            argNodes[i] = call.$container as AstNode;
        });
        let position = piped.length;
        for (const arg of call.args) {
            const index = arg.name === undefined ? position++ : builtin.params.findIndex((p) => p.name === arg.name);
            if (index < 0 || index >= builtin.params.length) throw fault(`${builtin.name} has no such parameter`, arg);
            argCodes[index] = this.expression(arg.value);
            argNodes[index] = arg;
        }
        const fillers = builtin.params.map((param, i) => {
            if (argCodes[i]) return undefined;
            if (param.default === undefined) throw fault(`${builtin.name} needs '${param.name}'`, call, 'callee');
            return param.default;
        });
        if (builtin.conditional) return this.conditional(argCodes as Code[]);
        const impl = builtin.impl;
        const count = builtin.params.length;
        return (frame) => {
            const args = new Array<Value>(count);
            for (let i = 0; i < count; i++) {
                const code = argCodes[i];
                if (code) args[i] = code(frame);
            }
            // The step, derived defaults (e.g. `most_color(g)`) and the builtin itself can fault; all
            // such faults are located at this call or the argument they name.
            try {
                frame.budget.step();
                for (let i = 0; i < count; i++) {
                    if (argCodes[i]) continue;
                    const filler = fillers[i];
                    args[i] = typeof filler === 'object' ? (filler as { compute: (a: Value[]) => Value }).compute(args) : (filler as Value);
                }
                return impl(args, frame.budget);
            } catch (error) {
                throw locate(error, builtin, call, argNodes);
            }
        };
    }

    /** `choose(cond, then, otherwise)`: only the branch taken runs. */
    private conditional([cond, then, otherwise]: Code[]): Code {
        return (frame) => {
            const taken = cond(frame) === true;
            frame.budget.step();
            return taken ? then(frame) : otherwise(frame);
        };
    }
}

function locate(error: unknown, builtin: Builtin, call: ast.CallExpr, argNodes: (AstNode | undefined)[]): unknown {
    if (error instanceof BuiltinFault) {
        const index = error.argument ? builtin.params.findIndex((p) => p.name === error.argument) : -1;
        const node = (index >= 0 && argNodes[index]) || call;
        return new DslError(`${builtin.name}: ${error.message}`, error.kind, rangeOf(node));
    }
    if (error instanceof DslError) return error;
    if (error instanceof RangeError) {
        return new DslError(`${builtin.name}: ${error.message}`, 'runtime', rangeOf(call));
    }
    return error;
}

function fault(message: string, node: AstNode, property?: string): DslError {
    return new DslError(message, 'runtime', rangeOf(node, property));
}

export function rangeOf(node: AstNode, _property?: string): SourceRange | undefined {
    return node.$cstNode?.range;
}

/** Structural equality of runtime values (`==` in the language). */
export function valuesEqual(a: Value, b: Value): boolean {
    if (a === b) return true;
    if (a instanceof Grid && b instanceof Grid) return a.equals(b);
    if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => valuesEqual(item, b[i]));
    return false;
}
