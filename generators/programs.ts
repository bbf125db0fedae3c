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
    let node = site.texts;
    const last = parts.length - 1;
    for (let i = 0; i < last; i++) {
        let next = node.get(parts[i]) as TextTree | undefined;
        if (!next) node.set(parts[i], (next = new Map()));
        node = next;
    }
    const known = node.get(parts[last]) as string | undefined;
    if (known !== undefined) return known;
    let text = strings[0];
    for (let i = 0; i <= last; i++) text += parts[i] + strings[i + 1];
    node.set(parts[last], text);
    site.size++;
    return text;
}

/** Per part, the texts (after the last part) or the next part's tree. */
type TextTree = Map<string | undefined, TextTree | string>;

const programTexts = new Map<TemplateStringsArray, { texts: TextTree; size: number }>();

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
