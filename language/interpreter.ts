import type { AstNode } from 'langium';
import { Budget, DEFAULT_LIMITS, type Limits } from './budget.js';
import type { DerivedDefault } from './builtins/spec.js';
import { BUILTINS, type Builtin } from './builtins/table.js';
import { colorNumber } from './colors.js';
import { BuiltinFault, DslError, type SourceRange } from './errors.js';
import * as ast from './generated/ast.js';
import { Grid } from './grid.js';
import { printExpression } from './printer.js';
import type { FnValue, Value } from './values.js';

/** One run's state: the variable slots and the work budget. */
interface Frame {
    slots: Value[];
    budget: Budget;
    /** A `tryRun`: faults are not located, only reported as FAILED. */
    quiet: boolean;
    /** Values shared with other quiet runs on the same input (see SharedValues). */
    shared: SharedValues | undefined;
}

type Code = (frame: Frame) => Value;

interface Let {
    name: string;
    slot: number;
    code: Code;
}

/**
 * Values of builtin calls that depend on the input alone (they read no `let` and sit in no lambda),
 * shared by quiet runs of several programs on the same inputs: a generator's program and its rivals
 * mostly begin with `let objs = objects(input)`. Two such calls printed alike (canonically) compute
 * the same value from the same input grid: the first run computes it, later runs take it and are
 * charged the steps and cells it cost, so every run's budget ends where it would have. A value is
 * shared only if it holds no function (a lambda belongs to the run that made it); builtins never
 * change their arguments, so a value may serve many runs as it serves many uses in one. The input
 * grids must not change while a SharedValues is in use.
 */
export class SharedValues {
    private readonly byInput = new Map<Grid, Map<string, { value: Value; steps: number; cells: number }>>();

    get(input: Grid, key: string): { value: Value; steps: number; cells: number } | undefined {
        return this.byInput.get(input)?.get(key);
    }

    set(input: Grid, key: string, value: Value, steps: number, cells: number): void {
        if (holdsFunction(value)) return;
        let values = this.byInput.get(input);
        if (!values) this.byInput.set(input, (values = new Map()));
        values.set(key, { value, steps, cells });
    }
}

function holdsFunction(value: Value): boolean {
    if (typeof value === 'function') return true;
    if (Array.isArray(value)) for (const item of value) if (holdsFunction(item)) return true;
    return false;
}

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
        private readonly lets: Let[],
        private readonly output: Code,
        private readonly outputRange: SourceRange | undefined,
        /** Maps a range in the compiled document to the same place in the text the program stands for. */
        private readonly relocate: ((range: SourceRange) => SourceRange) | undefined,
    ) {}

    /** Runs the program on an input grid. Every fault is a DslError with a source range. */
    run(input: Grid, limits: Limits = DEFAULT_LIMITS, trace?: RunTrace): Grid {
        const frame = this.frame(limits, false, undefined);
        if (!this.relocate) return this.execute(frame, input, trace);
        try {
            return this.execute(frame, input, trace);
        } catch (error) {
            if (!(error instanceof DslError) || !error.range) throw error;
            throw new DslError(error.message, error.kind, this.relocate(error.range));
        }
    }

    /**
     * Runs the program on an input grid, or returns undefined where `run` would throw a DslError —
     * without building that error (its message and source range), which is most of what a failed run
     * costs. Anything else (a bug) propagates as `run` would let it. With `shared`, values of calls
     * that depend on the input alone are shared with other quiet runs on the same inputs.
     */
    tryRun(input: Grid, limits: Limits = DEFAULT_LIMITS, shared?: SharedValues): Grid | undefined {
        try {
            return this.execute(this.frame(limits, true, shared), input, undefined);
        } catch (error) {
            if (error === FAILED || error instanceof DslError || error instanceof BuiltinFault) return undefined;
            throw error;
        }
    }

    private frame(limits: Limits, quiet: boolean, shared: SharedValues | undefined): Frame {
        return { slots: new Array(this.slotCount), budget: new Budget(limits), quiet, shared };
    }

    private execute(frame: Frame, input: Grid, trace: RunTrace | undefined): Grid {
        frame.slots[0] = input;
        const lets = this.lets;
        for (let i = 0; i < lets.length; i++) {
            const { slot, code } = lets[i];
            const value = code(frame);
            frame.slots[slot] = value;
            if (trace) trace.lets.push({ name: lets[i].name, value });
        }
        const result = this.output(frame);
        if (!(result instanceof Grid)) throw new DslError('the output must be a grid', 'runtime', this.outputRange);
        return result;
    }
}

/** What a quiet run throws where `run` throws a located DslError (see `CompiledProgram.tryRun`). */
const FAILED = Symbol('failed run');

/**
 * Compiles a checked document. `relocate` is for a document that stands for another text of the same
 * tree (language/program-forms.ts): the ranges of the program's faults are mapped into that text.
 */
export function compileProgram(document: ast.Document, relocate?: (range: SourceRange) => SourceRange): CompiledProgram {
    return new Compiler().compile(document, relocate);
}

class Compiler {
    private readonly slotOf = new Map<AstNode, number>();
    private nextSlot = 1; // slot 0 holds `input`
    private lambdaDepth = 0;
    private unshared: ast.Expression | undefined;
    private readonly readsNoLet = new Map<ast.Expression, boolean>();

    compile(document: ast.Document, relocate: ((range: SourceRange) => SourceRange) | undefined): CompiledProgram {
        const lets: Let[] = [];
        let output: Code | undefined;
        let outputRange: SourceRange | undefined;
        for (const statement of document.statements) {
            if (ast.isLetStatement(statement)) {
                const slot = this.allocate(statement);
                lets.push({ name: statement.name, slot, code: this.expression(statement.value) });
            } else if (output === undefined) {
                // The output's own value is never shared: two programs whose outputs print alike and
                // read no `let` are one program. Calls inside it may be.
                this.unshared = statement.value;
                output = this.expression(statement.value);
                outputRange = rangeOf(statement.value);
            }
        }
        if (!output) throw new DslError('the program has no `output = …` statement', 'type');
        return new CompiledProgram(this.nextSlot, lets, output, outputRange, relocate);
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
                return this.shareable(expr, this.call(expr, []));
            case 'PipeExpr':
                if (!ast.isCallExpr(expr.right)) throw fault('the right side of |> must be a call', expr);
                return this.shareable(expr, this.call(expr.right, [expr.left]));
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

    /** A call outside lambdas that reads no `let`: in a quiet run with shared values, computed once per input. */
    private shareable(expr: ast.CallExpr | ast.PipeExpr, code: Code): Code {
        if (this.lambdaDepth > 0 || expr === this.unshared || !this.inputOnly(expr)) return code;
        const key = printExpression(expr);
        return (frame) => {
            const shared = frame.shared;
            if (!shared) return code(frame);
            const input = frame.slots[0] as Grid;
            const budget = frame.budget;
            const known = shared.get(input, key);
            if (known) {
                budget.charge(known.steps, known.cells);
                return known.value;
            }
            const steps = budget.steps;
            const cells = budget.cells;
            const value = code(frame);
            shared.set(input, key, value, budget.steps - steps, budget.cells - cells);
            return value;
        };
    }

    /**
     * Whether an expression outside lambdas reads no `let` (any name it reads is a parameter of a
     * lambda inside it). Remembered per node: calls are compiled inner first, so each node is read once.
     */
    private inputOnly(expr: ast.Expression): boolean {
        let known = this.readsNoLet.get(expr);
        if (known === undefined) {
            known = this.readsNoLetIn(expr);
            this.readsNoLet.set(expr, known);
        }
        return known;
    }

    private readsNoLetIn(expr: ast.Expression): boolean {
        switch (expr.$type) {
            case 'NumberLiteral':
            case 'BoolLiteral':
            case 'ColorLiteral':
            case 'DirLiteral':
            case 'AxisLiteral':
            case 'InputRef':
            case 'GridExpr':
                return true;
            case 'NameRef': {
                const target = expr.ref.ref;
                return target !== undefined && !ast.isLetStatement(target);
            }
            case 'TupleExpr':
            case 'ListExpr':
                return expr.items.every((item) => this.inputOnly(item));
            case 'UnaryExpr':
                return this.inputOnly(expr.operand);
            case 'BinaryExpr':
                return this.inputOnly(expr.left) && this.inputOnly(expr.right);
            case 'CallExpr':
                return expr.args.every((arg) => this.inputOnly(arg.value));
            case 'PipeExpr':
                return this.inputOnly(expr.left) && this.inputOnly(expr.right);
            case 'Lambda':
                return this.inputOnly(expr.body);
            default:
                return false;
        }
    }

    private lambda(expr: ast.Lambda): Code {
        const slots = expr.params.map((param) => this.allocate(param));
        this.lambdaDepth++;
        const body = this.expression(expr.body);
        this.lambdaDepth--;
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

    /** `piped` are the leading positional arguments coming from a pipe. */
    private call(call: ast.CallExpr, piped: ast.Expression[]): Code {
        const builtin = BUILTINS.get(call.callee);
        if (!builtin) throw fault(`unknown builtin '${call.callee}'`, call, 'callee');
        const argCodes: (Code | undefined)[] = new Array(builtin.params.length).fill(undefined);
        const argNodes: (AstNode | undefined)[] = new Array(builtin.params.length).fill(undefined);
        const argExprs: (ast.Expression | undefined)[] = new Array(builtin.params.length).fill(undefined);
        piped.forEach((expr, i) => {
            argCodes[i] = this.expression(expr);
            argNodes[i] = call.$container as AstNode;
            argExprs[i] = expr;
        });
        let position = piped.length;
        for (const arg of call.args) {
            const index = arg.name === undefined ? position++ : builtin.params.findIndex((p) => p.name === arg.name);
            if (index < 0 || index >= builtin.params.length) throw fault(`${builtin.name} has no such parameter`, arg);
            argCodes[index] = this.expression(arg.value);
            argNodes[index] = arg;
            argExprs[index] = arg.value;
        }
        const fillers = builtin.params.map((param, i) => {
            if (argCodes[i]) return undefined;
            if (param.default === undefined) throw fault(`${builtin.name} needs '${param.name}'`, call, 'callee');
            return param.default;
        });
        if (builtin.conditional) return this.conditional(argCodes as Code[]);
        const impl = builtin.impl;
        const count = builtin.params.length;
        // Literals and constant defaults sit in a template that each call copies; `input` and names are
        // read from their slots; only other arguments run code (in parameter order, as written).
        const template = new Array<Value>(count).fill(undefined as unknown as Value);
        const positions: number[] = [];
        const reads: number[] = [];
        const codes: (Code | undefined)[] = [];
        const derivedAt: number[] = [];
        const derived: DerivedDefault[] = [];
        for (let i = 0; i < count; i++) {
            const code = argCodes[i];
            const filler = fillers[i];
            if (code) {
                const operand = this.operand(argExprs[i] as ast.Expression);
                if (operand?.constant) template[i] = operand.value as Value;
                else {
                    positions.push(i);
                    reads.push(operand ? (operand.slot as number) : -1);
                    codes.push(operand ? undefined : code);
                }
            } else if (typeof filler === 'object') {
                derivedAt.push(i);
                derived.push(filler);
            } else template[i] = filler as Value;
        }
        return (frame) => {
            // A loop, not template.slice(): a builtin call that costs more than the copy of 1–5 items.
            const args = new Array<Value>(count);
            for (let i = 0; i < count; i++) args[i] = template[i];
            for (let k = 0; k < positions.length; k++) {
                const slot = reads[k];
                args[positions[k]] = slot >= 0 ? frame.slots[slot] : (codes[k] as Code)(frame);
            }
            // The step, derived defaults (e.g. `most_color(g)`) and the builtin itself can fault; all
            // such faults are located at this call or the argument they name.
            try {
                frame.budget.step();
                for (let k = 0; k < derivedAt.length; k++) args[derivedAt[k]] = derived[k].compute(args);
                return impl(args, frame.budget);
            } catch (error) {
                throw frame.quiet ? quietly(error) : locate(error, builtin, call, argNodes);
            }
        };
    }

    /** What an argument's code would give when it is known without running code: a literal's value, or the slot of `input` or a name. */
    private operand(expr: ast.Expression): { constant: true; value: Value } | { constant: false; slot: number } | undefined {
        switch (expr.$type) {
            case 'NumberLiteral':
                return { constant: true, value: expr.value };
            case 'BoolLiteral':
                return { constant: true, value: expr.value === 'true' };
            case 'ColorLiteral':
                return { constant: true, value: colorNumber(expr.name) };
            case 'DirLiteral':
            case 'AxisLiteral':
                return { constant: true, value: expr.name };
            case 'InputRef':
                return { constant: false, slot: 0 };
            case 'NameRef': {
                const target = expr.ref.ref;
                const slot = target ? this.slotOf.get(target) : undefined;
                return slot === undefined ? undefined : { constant: false, slot };
            }
            default:
                return undefined;
        }
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

/** In a quiet run: FAILED where `locate` would give a DslError, else the error itself (a bug). */
function quietly(error: unknown): unknown {
    return error === FAILED || error instanceof BuiltinFault || error instanceof DslError || error instanceof RangeError ? FAILED : error;
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
