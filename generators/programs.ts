import type * as ast from '../language/generated/ast.js';
import { compileProgram } from '../language/interpreter.js';
import { checkText, diagnosticText } from '../language/load.js';
import { printProgram } from '../language/printer.js';
import { type FormProgram, ProgramForms } from '../language/program-forms.js';

export type LoadedProgram = FormProgram;

/**
 * A program text built from a template and its parts, as the template literal would build it, but
 * the same string object each time the same parts come again. Generators build a dozen rival texts
 * per candidate; a pool lookup of a fresh string flattens and hashes it, while a string met before
 * has its hash cached and finds the pool's key by pointer. Use as a tag: programText`output = ${x}`.
 * Each call site's texts are kept in a tree by part, cleared past PROGRAM_TEXTS_PER_SITE texts.
 */
export function programText(strings: TemplateStringsArray, ...parts: string[]): string {
    let site = programTexts.get(strings);
    if (!site) programTexts.set(strings, (site = { texts: new Map(), size: 0 }));
    if (site.size >= PROGRAM_TEXTS_PER_SITE) {
        site.texts.clear();
        site.size = 0;
    }
    const node = leafMap(site.texts, parts);
    const last = parts[parts.length - 1];
    const known = node.get(last) as string | undefined;
    if (known !== undefined) return known;
    let text = strings[0];
    for (let i = 0; i < parts.length; i++) text += parts[i] + strings[i + 1];
    node.set(last, text);
    site.size++;
    return text;
}

/**
 * `make`, called once per distinct keys (transforms, selectors, colours…; compared as Map keys) and
 * giving the same value each time after: a rule's program and rival texts are built once per
 * parameters, not once per record, and the program pool finds them by pointer (see `programText`).
 * The keys take few values, so nothing is evicted.
 */
export function madeOnce<K extends unknown[], V>(make: (...keys: K) => V): (...keys: K) => V {
    const root: KeyTree = new Map();
    return (...keys) => {
        const node = leafMap(root, keys);
        const last = keys[keys.length - 1];
        let value = node.get(last) as V | undefined;
        if (value === undefined) node.set(last, (value = make(...keys)));
        return value;
    };
}

/** Per key, the values (after the last key) or the next key's tree. */
type KeyTree = Map<unknown, unknown>;

/** The map that holds the value for the last of `keys`, made along the way. */
function leafMap(root: KeyTree, keys: readonly unknown[]): KeyTree {
    let node = root;
    for (let i = 0; i < keys.length - 1; i++) {
        let next = node.get(keys[i]) as KeyTree | undefined;
        if (!next) node.set(keys[i], (next = new Map()));
        node = next;
    }
    return node;
}

const programTexts = new Map<TemplateStringsArray, { texts: KeyTree; size: number }>();

const PROGRAM_TEXTS_PER_SITE = 4096;

/**
 * Generated programs, checked, printed canonically and compiled once each. Generators propose the
 * same few hundred texts over and over, so parsing happens once per text, not once per record.
 * Entries used least lately are dropped past `capacity` (a compiled program keeps its AST alive).
 *
 * Most generated texts differ from one another only in their literals (`move(input, target, (2, -1))`
 * and `move(input, target, (1, 3))`). A text whose literals sit where a checked text of the same
 * form has them is not parsed again: the checked document's literal nodes take the new values, and
 * that document is printed by the canonical printer and compiled by the interpreter (see ProgramForms).
 */
export class ProgramPool {
    private readonly entries = new Map<string, Entry>();
    private readonly forms: ProgramForms;
    /** Texts parsed and checked by the language services. */
    compiled = 0;
    /** Texts built from a checked document of the same form, without a parse. */
    instantiated = 0;

    constructor(private readonly capacity = 5000) {
        this.forms = new ProgramForms(capacity);
    }

    async load(text: string): Promise<LoadedProgram> {
        return this.loadWithoutParse(text) ?? this.parse(text);
    }

    /** The program when it needs no parse (a text seen before, or one of a known form); else undefined. */
    loadWithoutParse(text: string): LoadedProgram | undefined {
        const hit = this.entries.get(text);
        if (hit) {
            hit.used = true;
            return hit.loaded;
        }
        const loaded = this.forms.lookup(text);
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
        this.forms.remember(text, checked);
        this.remember(text, loaded);
        return loaded;
    }

    /**
     * Past capacity, the oldest entry not used since it was last passed over is dropped (second
     * chance: an approximation of least-recently-used that costs a hit nothing but a flag).
     */
    private remember(text: string, loaded: LoadedProgram): void {
        this.entries.set(text, { loaded, used: false });
        while (this.entries.size > this.capacity) {
            const [oldest, entry] = this.entries.entries().next().value as [string, Entry];
            this.entries.delete(oldest);
            if (entry.used) {
                entry.used = false;
                this.entries.set(oldest, entry);
            }
        }
    }
}

interface Entry {
    loaded: LoadedProgram;
    /** Looked up since it was stored or last passed over by an eviction. */
    used: boolean;
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
