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
 */
export class ProgramPool {
    private readonly entries = new Map<string, LoadedProgram>();
    compiled = 0;

    constructor(private readonly capacity = 5000) {}

    async load(text: string): Promise<LoadedProgram> {
        const hit = this.entries.get(text);
        if (hit) {
            this.entries.delete(text);
            this.entries.set(text, hit);
            return hit;
        }
        const loaded = await compileGenerated(text);
        this.compiled++;
        this.entries.set(text, loaded);
        if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
        return loaded;
    }
}

/** Checks, prints canonically and compiles; throws if the text does not check (a generator bug, not a user error). */
async function compileGenerated(text: string): Promise<LoadedProgram> {
    const checked = await checkText(text);
    const error = checked.diagnostics.find((d) => d.severity === 1);
    if (error) {
        throw new Error(`generated program does not check: ${diagnosticText(error)} (line ${error.range.start.line + 1})\n${text}`);
    }
    return { canonical: printProgram(checked.document, { comments: false }), program: compileProgram(checked.document) };
}
