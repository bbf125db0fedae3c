/** The DSL's static types. `T`/`U` are type variables used only in builtin signatures. */
export type DslType =
    | { kind: 'Grid' | 'Color' | 'Int' | 'Bool' | 'Point' | 'Object' | 'Dir' | 'Axis' | 'Any' }
    | { kind: 'List'; of: DslType }
    | { kind: 'Tuple'; items: DslType[] }
    | { kind: 'Fn'; params: DslType[]; result: DslType }
    | { kind: 'Union'; of: DslType[] }
    | { kind: 'Var'; name: string };

const SIMPLE = ['Grid', 'Color', 'Int', 'Bool', 'Point', 'Object', 'Dir', 'Axis', 'Any'] as const;

/** Parses a signature type such as `Grid`, `List<Object>`, `Objects`, `(T) -> Int`, `(Grid, T) -> Grid`. */
export function parseType(text: string): DslType {
    const parser = new TypeTextParser(text);
    const type = parser.type();
    parser.expectEnd();
    return type;
}

class TypeTextParser {
    private pos = 0;
    constructor(private readonly text: string) {}

    type(): DslType {
        const first = this.single();
        if (!this.peek('|')) return first;
        const of = [first];
        while (this.eat('|')) of.push(this.single());
        return { kind: 'Union', of };
    }

    private single(): DslType {
        this.skip();
        if (this.peek('(')) {
            this.pos++;
            const params: DslType[] = [];
            this.skip();
            if (!this.peek(')')) {
                params.push(this.type());
                while (this.eat(',')) params.push(this.type());
            }
            this.expect(')');
            this.expect('->');
            return { kind: 'Fn', params, result: this.type() };
        }
        const name = this.word();
        if (name === 'Objects') return { kind: 'List', of: { kind: 'Object' } };
        if (name === 'List') {
            this.expect('<');
            const of = this.type();
            this.expect('>');
            return { kind: 'List', of };
        }
        if ((SIMPLE as readonly string[]).includes(name)) return { kind: name as (typeof SIMPLE)[number] };
        if (/^[A-Z]$/.test(name)) return { kind: 'Var', name };
        throw new Error(`unknown type '${name}' in '${this.text}'`);
    }

    expectEnd(): void {
        this.skip();
        if (this.pos !== this.text.length) throw new Error(`unexpected '${this.text.slice(this.pos)}' in type '${this.text}'`);
    }

    private word(): string {
        this.skip();
        const match = /^[A-Za-z]+/.exec(this.text.slice(this.pos));
        if (!match) throw new Error(`expected a type name in '${this.text}' at ${this.pos}`);
        this.pos += match[0].length;
        return match[0];
    }
    private skip(): void {
        while (this.text[this.pos] === ' ') this.pos++;
    }
    private peek(token: string): boolean {
        this.skip();
        return this.text.startsWith(token, this.pos);
    }
    private eat(token: string): boolean {
        if (!this.peek(token)) return false;
        this.pos += token.length;
        return true;
    }
    private expect(token: string): void {
        if (!this.eat(token)) throw new Error(`expected '${token}' in type '${this.text}' at ${this.pos}`);
    }
}

export function typeToString(type: DslType): string {
    switch (type.kind) {
        case 'List':
            return type.of.kind === 'Object' ? 'Objects' : `List<${typeToString(type.of)}>`;
        case 'Tuple':
            return `(${type.items.map(typeToString).join(', ')})`;
        case 'Fn':
            return `(${type.params.map(typeToString).join(', ')}) -> ${typeToString(type.result)}`;
        case 'Union':
            return type.of.map(typeToString).join(' or ');
        case 'Var':
            return type.name;
        default:
            return type.kind;
    }
}

export type Substitution = Map<string, DslType>;

/**
 * Whether a value of type `actual` may be passed where `expected` is wanted, binding type variables
 * of `expected` in `subst`. Colours and ints are interchangeable (a colour is an int 0–9); a tuple of
 * two ints is a point; a tuple or list of T is a List<T>; `Any` matches everything (unknown types do
 * not cascade errors).
 */
export function assignable(actual: DslType, expected: DslType, subst: Substitution): boolean {
    if (actual.kind === 'Any' || expected.kind === 'Any') return true;
    if (expected.kind === 'Var') {
        const bound = subst.get(expected.name);
        if (bound) return assignable(actual, bound, subst) || assignable(bound, actual, new Map());
        subst.set(expected.name, widen(actual));
        return true;
    }
    if (actual.kind === 'Union') return actual.of.every((member) => assignable(member, expected, subst));
    switch (expected.kind) {
        case 'Union':
            return expected.of.some((member) => assignable(actual, member, subst));
        case 'Int':
        case 'Color':
            return actual.kind === 'Int' || actual.kind === 'Color';
        case 'Point':
            return (
                actual.kind === 'Point' || (actual.kind === 'Tuple' && actual.items.length === 2 && actual.items.every((t) => isNumeric(t)))
            );
        case 'List':
            if (actual.kind === 'List') return assignable(actual.of, expected.of, subst);
            if (actual.kind === 'Tuple') return actual.items.every((item) => assignable(item, expected.of, subst));
            return false;
        case 'Fn':
            if (actual.kind !== 'Fn' || actual.params.length !== expected.params.length) return false;
            return assignable(actual.result, expected.result, subst);
        case 'Tuple':
            return (
                actual.kind === 'Tuple' &&
                actual.items.length === expected.items.length &&
                actual.items.every((item, i) => assignable(item, expected.items[i], subst))
            );
        default:
            return actual.kind === expected.kind;
    }
}

function isNumeric(type: DslType): boolean {
    return type.kind === 'Int' || type.kind === 'Color' || type.kind === 'Any';
}

/** A tuple of two numbers bound to a type variable is remembered as a Point. */
function widen(type: DslType): DslType {
    if (type.kind === 'Tuple' && type.items.length === 2 && type.items.every(isNumeric)) return { kind: 'Point' };
    return type;
}

export function substitute(type: DslType, subst: Substitution): DslType {
    switch (type.kind) {
        case 'Var':
            return subst.get(type.name) ?? { kind: 'Any' };
        case 'List':
            return { kind: 'List', of: substitute(type.of, subst) };
        case 'Tuple':
            return { kind: 'Tuple', items: type.items.map((t) => substitute(t, subst)) };
        case 'Fn':
            return { kind: 'Fn', params: type.params.map((t) => substitute(t, subst)), result: substitute(type.result, subst) };
        case 'Union':
            return { kind: 'Union', of: type.of.map((t) => substitute(t, subst)) };
        default:
            return type;
    }
}
