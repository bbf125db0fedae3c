import { DocumentState, type LangiumDocument, URI } from 'langium';
import type { Diagnostic } from 'vscode-languageserver';
import type { ArcDslServices } from './arc-dsl-module.js';
import type { Document } from './generated/ast.js';

/** Every fast-checked document has this URI; none of them is ever added to the workspace. */
const DETACHED_URI = URI.parse('memory:///detached.arcdsl');

/**
 * Parses, links and validates one text with the language's own services (parser, scope computation,
 * linker with its messages, document validator running the type checker), but as a detached
 * document: no workspace entry, no index update, no reference index, no build bookkeeping. A
 * document's names are all local (`let` and lambda parameters; nothing is exported), so linking one
 * text alone resolves exactly as the workspace build does, and the diagnostics are the same.
 *
 * The language server keeps the full build (other documents, incremental updates, cancellation).
 */
export async function checkDetached(services: ArcDslServices, text: string): Promise<{ document: Document; diagnostics: Diagnostic[] }> {
    const parseResult = parseWithoutStacks(services, text);
    const document: LangiumDocument<Document> = {
        uri: DETACHED_URI,
        // The validator reads no text from here; it is only kept to satisfy the type.
        textDocument: undefined as unknown as LangiumDocument['textDocument'],
        parseResult,
        state: DocumentState.Parsed,
        references: [],
    };
    (parseResult.value as { $document?: LangiumDocument }).$document = document;
    document.localSymbols = await services.references.ScopeComputation.collectLocalSymbols(document);
    document.state = DocumentState.ComputedScopes;
    await services.references.Linker.link(document);
    document.state = DocumentState.Linked;
    const diagnostics = await services.validation.DocumentValidator.validateDocument(document);
    document.state = DocumentState.Validated;
    return { document: parseResult.value, diagnostics };
}

/**
 * The parser threw instead of recovering. The one known cause is nesting deeper than the call stack:
 * the overflow surfaces as a RangeError, or — when the parser's own error recovery catches it first —
 * as a TypeError from its half-built tree.
 */
export class ParserFailure extends Error {
    constructor(readonly reason: unknown) {
        super(reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason));
    }
}

/**
 * Chevrotain recovers from a syntax error by throwing and catching recognition exceptions; their
 * stack traces are never read (the diagnostics carry token ranges), and capturing them made a parse
 * with an error about 40% dearer.
 */
function parseWithoutStacks(services: ArcDslServices, text: string) {
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
        return services.parser.LangiumParser.parse<Document>(text);
    } catch (error) {
        throw new ParserFailure(error);
    } finally {
        Error.stackTraceLimit = stackTraceLimit;
    }
}
