import { type AstNode, AstUtils } from 'langium';
import type * as ast from '../language/generated/ast.js';
import { type CompiledProgram, compileProgram } from '../language/interpreter.js';
import { checkText, diagnosticText } from '../language/load.js';
import { printProgram } from '../language/printer.js';

export interface LoadedProgram {
    /** The program printed by the canonical printer (no comments). */
    canonical: string;
    program: CompiledProgram;
}

/**
 * Generated programs, checked, printed canonically and compiled once each. Generators propose the
 * same few hundred texts over and over, so parsing happens once per text, not once per record.
 * Least-recently-used entries are dropped past `capacity` (a compiled program keeps its AST alive).
 *
 * Most generated texts differ from one another only in their literals (`move(input, target, (2, -1))`
 * and `move(input, target, (1, 3))`). A text whose literals sit where a checked text of the same
 * form has them is not parsed again: the checked document's literal nodes take the new values, and
 * that document is printed by the canonical printer and compiled by the interpreter (see Template).
 */
export class ProgramPool {
    private readonly entries = new Map<string, LoadedProgram>();
    private readonly templates = new Map<string, Template>();
    /** Texts parsed and checked by the language services. */
    compiled = 0;
    /** Texts built from a checked document of the same form, without a parse. */
    instantiated = 0;

    constructor(private readonly capacity = 5000) {}

    async load(text: string): Promise<LoadedProgram> {
        return this.loadWithoutParse(text) ?? this.parse(text);
    }

    /** The program when it needs no parse (a text seen before, or one of a known form); else undefined. */
    loadWithoutParse(text: string): LoadedProgram | undefined {
        const hit = this.entries.get(text);
        if (hit) {
            this.entries.delete(text);
            this.entries.set(text, hit);
            return hit;
        }
        const form = formOf(text);
        const loaded = this.templates.get(form.key)?.instantiate(form.literals);
        if (loaded) {
            this.instantiated++;
            this.remember(text, loaded);
        }
        return loaded;
    }

    private async parse(text: string): Promise<LoadedProgram> {
        const checked = await checkGenerated(text);
        const loaded = { canonical: printProgram(checked, { comments: false }), program: compileProgram(checked) };
        this.compiled++;
        const form = formOf(text);
        const template = Template.of(checked, form);
        if (template && !this.templates.has(form.key)) {
            this.templates.set(form.key, template);
            if (this.templates.size > this.capacity) this.templates.delete(this.templates.keys().next().value as string);
        }
        this.remember(text, loaded);
        return loaded;
    }

    private remember(text: string, loaded: LoadedProgram): void {
        this.entries.set(text, loaded);
        if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    }
}

/** Checks a text; throws if it does not check (a generator bug, not a user error). */
async function checkGenerated(text: string): Promise<ast.Document> {
    const checked = await checkText(text);
    const error = checked.diagnostics.find((d) => d.severity === 1);
    if (error) {
        throw new Error(`generated program does not check: ${diagnosticText(error)} (line ${error.range.start.line + 1})\n${text}`);
    }
    return checked.document;
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
 * are colours' range 0–9 or above, since the checker reads that — and the literals themselves.
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
 * checked document (`diagonal: true` names a parameter) is fixed: a text with another word there
 * is parsed as usual.
 */
class Template {
    private constructor(
        private readonly document: ast.Document,
        /** Per literal of the form: the node it sets, or the text it must have. */
        private readonly slots: (AstNode | string)[],
    ) {}

    static of(document: ast.Document, form: Form): Template | undefined {
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
        return settable > 0 ? new Template(document, slots) : undefined;
    }

    instantiate(literals: readonly Literal[]): LoadedProgram | undefined {
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
        return { canonical: printProgram(this.document, { comments: false }), program: compileProgram(this.document) };
    }
}

function isLiteral(node: AstNode): boolean {
    const type = node.$type;
    return type === 'NumberLiteral' || type === 'ColorLiteral' || type === 'DirLiteral' || type === 'AxisLiteral';
}
