import { type AstNode, AstUtils } from 'langium';
import type { SourceRange } from './errors.js';
import type * as ast from './generated/ast.js';
import { type CompiledProgram, compileProgram } from './interpreter.js';
import { printProgram } from './printer.js';

/** A program text built without a parse: printed by the canonical printer, compiled by the interpreter. */
export interface FormProgram {
    /** The program printed by the canonical printer (no comments). */
    canonical: string;
    program: CompiledProgram;
}

/**
 * Checked documents by form, so that a text differing from a checked one only in its literals
 * (`rotate(input, 1)` and `rotate(input, 3)`) is not parsed again: the checked document's literal
 * nodes take the new values, and that document is printed and compiled (see Template). Only
 * documents that checked without errors may be remembered. Least-recently-used forms are dropped
 * past `capacity` (each keeps its document alive).
 *
 * A program built here runs as the parsed text would, and the source ranges of its runtime errors
 * are mapped into its own text (literals may differ in length from the checked text's).
 */
export class ProgramForms {
    private readonly templates = new Map<string, Template>();

    constructor(private readonly capacity = 4096) {}

    /** The program of a text of a remembered form; undefined when the text needs a parse. */
    lookup(text: string): FormProgram | undefined {
        const form = formOf(text);
        const template = this.templates.get(form.key);
        if (!template) return undefined;
        this.templates.delete(form.key);
        this.templates.set(form.key, template);
        return template.instantiate(form.literals);
    }

    /** Remembers the form of a text whose document checked with no errors. */
    remember(text: string, checked: ast.Document): void {
        const form = formOf(text);
        if (this.templates.has(form.key)) return;
        const template = Template.of(checked, form, text);
        if (!template) return;
        this.templates.set(form.key, template);
        if (this.templates.size > this.capacity) this.templates.delete(this.templates.keys().next().value as string);
    }

    get size(): number {
        return this.templates.size;
    }
}

/** Words and numbers that may be literals: numbers, colours, directions, axes (the grammar's keywords). */
const LITERAL =
    /\b(?:\d+|black|blue|red|green|yellow|grey|gray|magenta|orange|azure|maroon|up_left|up_right|down_left|down_right|up|down|left|right|horizontal|vertical|antidiagonal|diagonal)\b/g;

type LiteralKind = 'NumberLiteral' | 'ColorLiteral' | 'DirLiteral' | 'AxisLiteral';

const DIRS = new Set(['up_left', 'up_right', 'down_left', 'down_right', 'up', 'down', 'left', 'right']);
const AXES = new Set(['horizontal', 'vertical', 'antidiagonal', 'diagonal']);

function kindOf(word: string): LiteralKind {
    if (word.charCodeAt(0) <= 57) return 'NumberLiteral';
    return DIRS.has(word) ? 'DirLiteral' : AXES.has(word) ? 'AxisLiteral' : 'ColorLiteral';
}

interface Literal {
    offset: number;
    text: string;
}

/**
 * A text's form: the text with every possible literal replaced by its kind — numbers by whether they
 * are in colours' range 0–9 or above, since the checker reads that — and the literals themselves.
 */
interface Form {
    key: string;
    literals: Literal[];
}

function formOf(text: string): Form {
    let key = '';
    let last = 0;
    const literals: Literal[] = [];
    for (const match of text.matchAll(LITERAL)) {
        const word = match[0];
        const offset = match.index as number;
        const kind = kindOf(word);
        key += `${text.slice(last, offset)}\u0001${kind === 'NumberLiteral' ? (Number(word) <= 9 ? '#' : '##') : kind}\u0001`;
        last = offset + word.length;
        literals.push({ offset, text: word });
    }
    return { key: key + text.slice(last), literals };
}

/**
 * A checked document whose literal nodes take other values. Two texts of one form differ only in
 * literal tokens of the same kind at the same places, so they parse to the same tree and check the
 * same way (the checker reads no literal value but a number's 0–9 range, which the form keeps);
 * only the literal nodes' values differ. A word of the form that is not a literal node in the
 * checked document (`diagonal: true` names a parameter, a digit of a grid literal or a comment) is
 * fixed: a text with another word there is parsed as usual. The interpreter copies literal values
 * when it compiles, so setting them again leaves programs compiled before unchanged.
 */
class Template {
    private constructor(
        private readonly document: ast.Document,
        /** Per literal of the form: the node it sets, or the text it must have. */
        private readonly slots: (AstNode | string)[],
        /** Per literal of the form: where it stands in the checked text. */
        private readonly places: Place[],
    ) {}

    static of(document: ast.Document, form: Form, text: string): Template | undefined {
        // A literal node's CST may start earlier than its token (the first item of a tuple holds the
        // `(`), so nodes are found by where they end.
        const nodes = new Map<number, AstNode>();
        for (const node of AstUtils.streamAst(document)) {
            const cst = node.$cstNode;
            if (cst && isLiteral(node)) nodes.set(cst.end, node);
        }
        let settable = 0;
        const slots = form.literals.map(({ offset, text }) => {
            const node = nodes.get(offset + text.length);
            if (!node || node.$type !== kindOf(text) || !node.$cstNode?.text.endsWith(text)) return text;
            settable++;
            return node;
        });
        return settable > 0 ? new Template(document, slots, placesOf(form.literals, text)) : undefined;
    }

    instantiate(literals: readonly Literal[]): FormProgram | undefined {
        for (let i = 0; i < literals.length; i++) {
            const slot = this.slots[i];
            if (typeof slot === 'string' && slot !== literals[i].text) return undefined;
        }
        for (let i = 0; i < literals.length; i++) {
            const slot = this.slots[i];
            if (typeof slot === 'string') continue;
            const text = literals[i].text;
            if (slot.$type === 'NumberLiteral') (slot as ast.NumberLiteral).value = Number(text);
            else (slot as unknown as { name: string }).name = text;
        }
        const program = compileProgram(this.document, this.relocation(literals));
        return { canonical: printProgram(this.document, { comments: false }), program };
    }

    /** Maps the checked text's positions to a text whose literals are `literals`; undefined if no length differs. */
    private relocation(literals: readonly Literal[]): ((range: SourceRange) => SourceRange) | undefined {
        const shifts: Shift[] = [];
        for (let i = 0; i < literals.length; i++) {
            const { line, character, length } = this.places[i];
            const delta = literals[i].text.length - length;
            if (delta !== 0) shifts.push({ line, after: character + length, delta });
        }
        if (shifts.length === 0) return undefined;
        return ({ start, end }) => ({ start: shifted(start, shifts), end: shifted(end, shifts) });
    }
}

interface Place {
    line: number;
    character: number;
    length: number;
}

/** A literal of another length: positions on its line from `after` on move by `delta`. */
interface Shift {
    line: number;
    after: number;
    delta: number;
}

function placesOf(literals: readonly Literal[], text: string): Place[] {
    const places: Place[] = [];
    let line = 0;
    let lineStart = 0;
    let scanned = 0;
    for (const { offset, text: word } of literals) {
        for (; scanned < offset; scanned++) {
            if (text.charCodeAt(scanned) === 10) {
                line++;
                lineStart = scanned + 1;
            }
        }
        places.push({ line, character: offset - lineStart, length: word.length });
    }
    return places;
}

function shifted(position: { line: number; character: number }, shifts: readonly Shift[]): { line: number; character: number } {
    let character = position.character;
    for (const shift of shifts) if (shift.line === position.line && shift.after <= position.character) character += shift.delta;
    return { line: position.line, character };
}

function isLiteral(node: AstNode): boolean {
    const type = node.$type;
    return type === 'NumberLiteral' || type === 'ColorLiteral' || type === 'DirLiteral' || type === 'AxisLiteral';
}
