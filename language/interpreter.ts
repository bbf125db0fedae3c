import type { AstNode } from 'langium';
import { Budget, DEFAULT_LIMITS, type Limits } from './budget.js';
import { mostColor } from './builtins/grid-analysis.js';
import type { DerivedDefault } from './builtins/spec.js';
import { BUILTINS, type Builtin } from './builtins/table.js';
import { colorNumber } from './colors.js';
import { BuiltinFault, DslError, QUIET_FAULT, type SourceRange } from './errors.js';
import * as ast from './generated/ast.js';
import { Grid } from './grid.js';
import { printExpression } from './printer.js';
import type { FnValue, Value } from './values.js';

/**
 * One run's state: its work budget (builtins allocate through it) and its variable slots. A quiet run
 * (`tryRun`) fails without locating its faults: builtins return QUIET_FAULT for their common faults,
 * and every code that receives one returns it in turn, so most failed runs throw nothing.
 */
class Run extends Budget {
    readonly slots: Value[];

    constructor(
        limits: Limits,
        slotCount: number,
        quiet: boolean,
        /** Values shared with other quiet runs on the same input (see SharedValues). */
        readonly shared: SharedValues | undefined,
    ) {
        super(limits, quiet);
        this.slots = new Array(slotCount);
    }
}

/** Gives a value, or QUIET_FAULT in a quiet run that has failed. */
type Code = (run: Run) => Value;

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
 * grids must not change while a SharedValues is in use. The same holds for an input's most frequent
 * colour, the background default of many builtins (`move`, `erase`, …), which is counted once per input.
 */
export class SharedValues {
    private readonly byInput = new Map<Grid, InputValues>();
    /** The input asked about last and its values: runs ask about one input many times in a row. */
    private lastInput: Grid | undefined;
    private lastValues: InputValues | undefined;

    get(input: Grid, key: string): SharedValue | undefined {
        return this.valuesOf(input).calls.get(key);
    }

    set(input: Grid, key: string, value: Value, steps: number, cells: number): void {
        if (holdsFunction(value)) return;
        this.valuesOf(input).calls.set(key, { value, steps, cells });
    }

    /** The input's most frequent colour, the usual background default of builtins, counted once per input. */
    mostColor(input: Grid): number {
        const values = this.valuesOf(input);
        if (values.mostColor < 0) values.mostColor = mostColor(input);
        return values.mostColor;
    }

    private valuesOf(input: Grid): InputValues {
        if (input !== this.lastInput || !this.lastValues) {
            let values = this.byInput.get(input);
            if (!values) {
                values = { calls: new Map(), mostColor: -1 };
                this.byInput.set(input, values);
            }
            this.lastInput = input;
            this.lastValues = values;
        }
        return this.lastValues;
    }
}

interface InputValues {
    /** Values of calls, by their canonical text. */
    calls: Map<string, SharedValue>;
    /** -1 until asked for. */
    mostColor: number;
}

interface SharedValue {
    value: Value;
    steps: number;
    cells: number;
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
        const run = new Run(limits, this.slotCount, false, undefined);
        if (!this.relocate) return this.execute(run, input, trace) as Grid;
        try {
            return this.execute(run, input, trace) as Grid;
        } catch (error) {
            if (!(error instanceof DslError) || !error.range) throw error;
            throw new DslError(error.message, error.kind, this.relocate(error.range));
        }
    }

    /**
     * Runs the program on an input grid, or returns undefined where `run` would throw a DslError —
     * without building that error (its message and source range), which is most of what a failed run
     * costs; most failed quiet runs throw nothing at all (see Run). Anything else (a bug) propagates
     * as `run` would let it. With `shared`, values of calls that depend on the input alone are shared
     * with other quiet runs on the same inputs.
     */
    tryRun(input: Grid, limits: Limits = DEFAULT_LIMITS, shared?: SharedValues): Grid | undefined {
        try {
            return this.execute(new Run(limits, this.slotCount, true, shared), input, undefined);
        } catch (error) {
            // A RangeError can only come from a builtin here, where `run` locates it as a DslError.
            if (error === FAILED || error instanceof BuiltinFault || error instanceof DslError || error instanceof RangeError)
                return undefined;
            throw error;
        }
    }

    /** The output grid; undefined only for a quiet run that failed. */
    private execute(run: Run, input: Grid, trace: RunTrace | undefined): Grid | undefined {
        const slots = run.slots;
        slots[0] = input;
        const lets = this.lets;
        for (let i = 0; i < lets.length; i++) {
            const statement = lets[i];
            const value = statement.code(run);
            if (value === QUIET_FAULT) return undefined;
            slots[statement.slot] = value;
            if (trace) trace.lets.push({ name: statement.name, value });
        }
        const result = this.output(run);
        if (result instanceof Grid) return result;
        if (run.quiet) return undefined;
        throw new DslError('the output must be a grid', 'runtime', this.outputRange);
    }
}

/** What a quiet run throws where a fault cannot be returned: from a lambda, into the builtin calling it. */
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
        const constant = this.constant(expr);
        if (constant) {
            const value = constant.value;
            return () => value;
        }
        switch (expr.$type) {
            case 'InputRef':
                return (run) => run.slots[0];
            case 'NameRef':
                return this.nameRef(expr);
            case 'TupleExpr':
            case 'ListExpr':
                return this.items(expr.items.map((item) => this.expression(item)));
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

    /**
     * The value of an expression that runs no code: a literal, or a tuple, list or sign of such. One
     * value serves every run, as a value serves every use of a `let`: nothing changes values.
     */
    private constant(expr: ast.Expression): { value: Value } | undefined {
        switch (expr.$type) {
            case 'NumberLiteral':
                return { value: expr.value };
            case 'BoolLiteral':
                return { value: expr.value === 'true' };
            case 'ColorLiteral':
                return { value: colorNumber(expr.name) };
            case 'DirLiteral':
            case 'AxisLiteral':
                return { value: expr.name };
            case 'GridExpr':
                return { value: Grid.fromRows(expr.grid.rows.map((row) => row.cells)) };
            case 'UnaryExpr': {
                const operand = this.constant(expr.operand);
                if (!operand) return undefined;
                return { value: expr.operator === 'not' ? !operand.value : -(operand.value as number) };
            }
            case 'TupleExpr':
            case 'ListExpr': {
                const values: Value[] = [];
                for (const item of expr.items) {
                    const known = this.constant(item);
                    if (!known) return undefined;
                    values.push(known.value);
                }
                return { value: values };
            }
            default:
                return undefined;
        }
    }

    private nameRef(expr: ast.NameRef): Code {
        const target = expr.ref.ref;
        const slot = target ? this.slotOf.get(target) : undefined;
        if (slot === undefined) throw fault(`unknown name '${expr.ref.$refText}'`, expr);
        return (run) => run.slots[slot];
    }

    private items(items: Code[]): Code {
        const count = items.length;
        return (run) => {
            const values: Value[] = [];
            for (let i = 0; i < count; i++) {
                const value = items[i](run);
                if (value === QUIET_FAULT) return value;
                values.push(value);
            }
            return values;
        };
    }

    private unary(expr: ast.UnaryExpr): Code {
        const operand = this.expression(expr.operand);
        const not = expr.operator === 'not';
        return (run) => {
            const value = operand(run);
            if (value === QUIET_FAULT) return value;
            return not ? !value : -(value as number);
        };
    }

    private binary(expr: ast.BinaryExpr): Code {
        const left = this.expression(expr.left);
        const right = this.expression(expr.right);
        switch (expr.operator) {
            // The left side is a Bool or QUIET_FAULT, which the right side must not hide.
            case 'and':
                return (run) => {
                    const a = left(run);
                    return a === true ? right(run) : a;
                };
            case 'or':
                return (run) => {
                    const a = left(run);
                    return a === false ? right(run) : a;
                };
            // Both sides run, left first; a quiet fault on either side is the result. One closure per
            // operator, not one taking the operator as a function: operators run in lambdas, per item.
            case '==':
                return (run) => {
                    const a = left(run);
                    if (a === QUIET_FAULT) return a;
                    const b = right(run);
                    return b === QUIET_FAULT ? b : valuesEqual(a, b);
                };
            case '!=':
                return (run) => {
                    const a = left(run);
                    if (a === QUIET_FAULT) return a;
                    const b = right(run);
                    return b === QUIET_FAULT ? b : !valuesEqual(a, b);
                };
            case '<':
                return (run) => {
                    const a = left(run);
                    if (a === QUIET_FAULT) return a;
                    const b = right(run);
                    return b === QUIET_FAULT ? b : (a as number) < (b as number);
                };
            case '<=':
                return (run) => {
                    const a = left(run);
                    if (a === QUIET_FAULT) return a;
                    const b = right(run);
                    return b === QUIET_FAULT ? b : (a as number) <= (b as number);
                };
            case '>':
                return (run) => {
                    const a = left(run);
                    if (a === QUIET_FAULT) return a;
                    const b = right(run);
                    return b === QUIET_FAULT ? b : (a as number) > (b as number);
                };
            case '>=':
                return (run) => {
                    const a = left(run);
                    if (a === QUIET_FAULT) return a;
                    const b = right(run);
                    return b === QUIET_FAULT ? b : (a as number) >= (b as number);
                };
            case '+':
                return (run) => {
                    const a = left(run);
                    if (a === QUIET_FAULT) return a;
                    const b = right(run);
                    return b === QUIET_FAULT ? b : (a as number) + (b as number);
                };
            case '-':
                return (run) => {
                    const a = left(run);
                    if (a === QUIET_FAULT) return a;
                    const b = right(run);
                    return b === QUIET_FAULT ? b : (a as number) - (b as number);
                };
            case '*':
                return (run) => {
                    const a = left(run);
                    if (a === QUIET_FAULT) return a;
                    const b = right(run);
                    return b === QUIET_FAULT ? b : (a as number) * (b as number);
                };
            case '/':
            case '%': {
                const divide = expr.operator === '/';
                return (run) => {
                    const a = left(run) as number;
                    if (a === QUIET_FAULT) return a;
                    const b = right(run) as number;
                    if (b === QUIET_FAULT) return b;
                    if (b === 0) {
                        if (run.quiet) return QUIET_FAULT;
                        throw fault('division by zero', expr.right);
                    }
                    return divide ? Math.floor(a / b) : a - Math.floor(a / b) * b;
                };
            }
        }
    }

    /** A call outside lambdas that reads no `let`: in a quiet run with shared values, computed once per input. */
    private shareable(expr: ast.CallExpr | ast.PipeExpr, code: Code): Code {
        if (this.lambdaDepth > 0 || expr === this.unshared || !this.inputOnly(expr)) return code;
        const key = printExpression(expr);
        return (run) => {
            const shared = run.shared;
            if (!shared) return code(run);
            const input = run.slots[0] as Grid;
            const known = shared.get(input, key);
            if (known) {
                run.charge(known.steps, known.cells);
                return known.value;
            }
            const steps = run.steps;
            const cells = run.cells;
            const value = code(run);
            if (value !== QUIET_FAULT) shared.set(input, key, value, run.steps - steps, run.cells - cells);
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
        // The builtin calling a lambda expects a value: a quiet fault must stop it.
        if (arity === 1) {
            const slot = slots[0];
            return (run): FnValue =>
                (a) => {
                    run.step();
                    run.slots[slot] = a;
                    const value = body(run);
                    if (value === QUIET_FAULT) throw FAILED;
                    return value;
                };
        }
        if (arity === 2) {
            const first = slots[0];
            const second = slots[1];
            return (run): FnValue =>
                (a, b) => {
                    run.step();
                    run.slots[first] = a;
                    run.slots[second] = b as Value;
                    const value = body(run);
                    if (value === QUIET_FAULT) throw FAILED;
                    return value;
                };
        }
        return (run): FnValue =>
            (a, b) => {
                run.step();
                for (let i = 0; i < arity; i++) run.slots[slots[i]] = (i === 0 ? a : i === 1 ? b : undefined) as Value;
                const value = body(run);
                if (value === QUIET_FAULT) throw FAILED;
                return value;
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
        const count = builtin.params.length;
        // Each argument comes from a constant (a literal or a default), a slot (`input`, a name), code,
        // or a derived default; they are read in parameter order (literals and slots run nothing).
        const sources: Source[] = [];
        const derivedAt: number[] = [];
        const derived: DerivedDefault[] = [];
        for (let i = 0; i < count; i++) {
            const code = argCodes[i];
            const filler = fillers[i];
            if (code) sources.push(this.source(argExprs[i] as ast.Expression, code));
            else if (typeof filler === 'object') {
                derivedAt.push(i);
                derived.push(filler);
                sources.push(UNREAD);
            } else sources.push({ slot: -1, code: undefined, value: filler as Value });
        }
        const site: Site = { impl: builtin.impl, derivedAt, derived, builtin, call, argNodes };
        return argumentsThen(sources, site);
    }

    /** Where an argument comes from: its constant value, its slot, or its own code. */
    private source(expr: ast.Expression, code: Code): Source {
        const constant = this.constant(expr);
        if (constant) return { slot: -1, code: undefined, value: constant.value };
        const slot = this.slotRead(expr);
        return slot >= 0 ? { slot, code: undefined, value: undefined } : { slot, code, value: undefined };
    }

    /** The slot an argument's code would read (of `input` or a name), or -1 if it runs other code. */
    private slotRead(expr: ast.Expression): number {
        if (expr.$type === 'InputRef') return 0;
        if (expr.$type !== 'NameRef') return -1;
        const target = expr.ref.ref;
        return (target && this.slotOf.get(target)) ?? -1;
    }

    /** `choose(cond, then, otherwise)`: only the branch taken runs. */
    private conditional([cond, then, otherwise]: Code[]): Code {
        return (run) => {
            const taken = cond(run);
            if (taken === QUIET_FAULT) return taken;
            run.step();
            return taken === true ? then(run) : otherwise(run);
        };
    }
}

/** A call of a builtin, past its arguments. */
interface Site {
    impl: Builtin['impl'];
    /** Positions of derived defaults (e.g. `most_color(g)`), computed from the arguments before them. */
    derivedAt: number[];
    derived: DerivedDefault[];
    /** Where faults are located. */
    builtin: Builtin;
    call: ast.CallExpr;
    argNodes: (AstNode | undefined)[];
}

/**
 * An argument: read from a slot (`input`, a name) when `slot` is one, else given by `code` when there
 * is one, else `value` (a constant). Constants are not codes: a call through the call site's shared
 * (megamorphic) code reference costs more than the branch.
 */
interface Source {
    slot: number;
    code: Code | undefined;
    value: Value | undefined;
}

function argument(run: Run, slot: number, code: Code | undefined, value: Value | undefined): Value {
    if (slot >= 0) return run.slots[slot];
    return code === undefined ? (value as Value) : code(run);
}

/** A derived default's place until it is computed. */
const UNREAD: Source = { slot: -1, code: undefined, value: undefined };

/**
 * The code of a call: its arguments, then the builtin (see `invoke`). The arguments go into an array
 * literal of the call's own length where there are at most four, as most calls have; V8 builds those
 * inline. A quiet fault in an argument is the call's result.
 */
function argumentsThen(sources: Source[], site: Site): Code {
    const slots = sources.map((source) => source.slot);
    const codes = sources.map((source) => source.code);
    const values = sources.map((source) => source.value);
    switch (sources.length) {
        case 1: {
            const [r0] = slots;
            const [c0] = codes;
            const [v0] = values;
            return (run) => {
                const a0 = argument(run, r0, c0, v0);
                if (a0 === QUIET_FAULT) return a0;
                return invoke([a0], run, site);
            };
        }
        case 2: {
            const [r0, r1] = slots;
            const [c0, c1] = codes;
            const [v0, v1] = values;
            return (run) => {
                const a0 = argument(run, r0, c0, v0);
                if (a0 === QUIET_FAULT) return a0;
                const a1 = argument(run, r1, c1, v1);
                if (a1 === QUIET_FAULT) return a1;
                return invoke([a0, a1], run, site);
            };
        }
        case 3: {
            const [r0, r1, r2] = slots;
            const [c0, c1, c2] = codes;
            const [v0, v1, v2] = values;
            return (run) => {
                const a0 = argument(run, r0, c0, v0);
                if (a0 === QUIET_FAULT) return a0;
                const a1 = argument(run, r1, c1, v1);
                if (a1 === QUIET_FAULT) return a1;
                const a2 = argument(run, r2, c2, v2);
                if (a2 === QUIET_FAULT) return a2;
                return invoke([a0, a1, a2], run, site);
            };
        }
        case 4: {
            const [r0, r1, r2, r3] = slots;
            const [c0, c1, c2, c3] = codes;
            const [v0, v1, v2, v3] = values;
            return (run) => {
                const a0 = argument(run, r0, c0, v0);
                if (a0 === QUIET_FAULT) return a0;
                const a1 = argument(run, r1, c1, v1);
                if (a1 === QUIET_FAULT) return a1;
                const a2 = argument(run, r2, c2, v2);
                if (a2 === QUIET_FAULT) return a2;
                const a3 = argument(run, r3, c3, v3);
                if (a3 === QUIET_FAULT) return a3;
                return invoke([a0, a1, a2, a3], run, site);
            };
        }
        default: {
            const count = sources.length;
            return (run) => {
                const args: Value[] = [];
                for (let i = 0; i < count; i++) {
                    const value = argument(run, slots[i], codes[i], values[i]);
                    if (value === QUIET_FAULT) return value;
                    args.push(value);
                }
                return invoke(args, run, site);
            };
        }
    }
}

/**
 * Charges the call's step, computes its derived defaults and runs the builtin. In a loud run, the
 * faults of all three are located at the call or the argument they name.
 */
function invoke(args: Value[], run: Run, site: Site): Value {
    if (run.quiet) return invokeQuietly(args, run, site);
    const { derivedAt, derived } = site;
    try {
        run.step();
        for (let k = 0; k < derivedAt.length; k++) args[derivedAt[k]] = derived[k].compute(args);
        return site.impl(args, run);
    } catch (error) {
        throw locate(error, site.builtin, site.call, site.argNodes);
    }
}

/** `invoke` for a quiet run, which is told only that a run failed: nothing to locate, so no try. */
function invokeQuietly(args: Value[], run: Run, site: Site): Value {
    run.step();
    const { derivedAt, derived } = site;
    for (let k = 0; k < derivedAt.length; k++) args[derivedAt[k]] = quietDefault(derived[k], args, run);
    return site.impl(args, run);
}

/** A derived default in a quiet run: the background of an input grid comes from the shared values. */
function quietDefault(derived: DerivedDefault, args: Value[], run: Run): Value {
    const of = derived.mostColorOf;
    if (of !== undefined && run.shared && args[of] === run.slots[0]) return run.shared.mostColor(run.slots[0] as Grid);
    return derived.compute(args);
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
