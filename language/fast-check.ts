import {
    type AstNode,
    type AstNodeDescription,
    DefaultDocumentValidator,
    DefaultLinker,
    DefaultScopeComputation,
    DocumentState,
    type DocumentValidator,
    isAstNode,
    isMultiReference,
    isReference,
    type LangiumDocument,
    type LocalSymbols,
    MultiMap,
    type ReferenceInfo,
    URI,
    type ValidationAcceptor,
    type ValidationOptions,
} from 'langium';
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
 * Scoping, linking and validation each walk the whole tree in Langium; here the tree is walked once,
 * into an array, and the three steps call the same services' per-node methods over it (see
 * `DetachedSteps`). The language server keeps the full build (other documents, incremental updates,
 * cancellation).
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
    const root = parseResult.value;
    (root as { $document?: LangiumDocument }).$document = document;
    const steps = detachedSteps(services);
    const nodes = allNodes(root);
    steps.nodes.set(root, nodes);
    try {
        document.localSymbols = await steps.localSymbols(document, nodes);
        document.state = DocumentState.ComputedScopes;
        await steps.link(document, nodes);
        document.state = DocumentState.Linked;
        const diagnostics = await steps.validator.validateDocument(document);
        document.state = DocumentState.Validated;
        return { document: root, diagnostics };
    } finally {
        steps.nodes.delete(root);
    }
}

/**
 * Every node of a tree, the root first, in the order of Langium's `streamAst` (depth first; a node's
 * properties in key order, an array's elements in index order), without its stream and iterator
 * objects per node.
 */
function allNodes(root: AstNode): AstNode[] {
    const nodes: AstNode[] = [];
    const visit = (node: AstNode): void => {
        nodes.push(node);
        for (const property of Object.keys(node)) {
            if (property.charCodeAt(0) === 36 /* $ */) continue;
            const value = (node as unknown as Record<string, unknown>)[property];
            if (Array.isArray(value)) {
                for (const item of value) if (isAstNode(item)) visit(item);
            } else if (isAstNode(value)) {
                visit(value);
            }
        }
    };
    visit(root);
    return nodes;
}

/** Langium's per-node hooks, protected in its typings. */
interface ScopeComputationHooks {
    addLocalSymbol(node: AstNode, document: LangiumDocument, symbols: MultiMap<AstNode, AstNodeDescription>): void;
}
interface LinkerHooks {
    doLink(refInfo: ReferenceInfo, document: LangiumDocument): void;
}
interface ValidatorHooks {
    validateAstNodes(root: AstNode, options: ValidationOptions, acceptor: ValidationAcceptor): Promise<void>;
}
type ValidationCheck = (node: AstNode, accept: ValidationAcceptor, cancelToken: unknown) => unknown;

interface DetachedSteps {
    /** Each checked root's nodes, for the validator's walk. */
    nodes: WeakMap<AstNode, AstNode[]>;
    localSymbols(document: LangiumDocument, nodes: AstNode[]): Promise<LocalSymbols>;
    link(document: LangiumDocument, nodes: AstNode[]): Promise<void>;
    validator: DocumentValidator;
}

const stepsOf = new WeakMap<ArcDslServices, DetachedSteps>();

/**
 * The language's scope computation, linker and document validator, each driven over the array of
 * nodes instead of its own tree stream. What each does per node is theirs (`addLocalSymbol`,
 * `doLink`, the registered checks), in the same order; a step whose walk the language overrides
 * is run as is. Nothing is interrupted for cancellation: a detached check has no cancel token.
 */
function detachedSteps(services: ArcDslServices): DetachedSteps {
    const known = stepsOf.get(services);
    if (known) return known;
    const scopeComputation = services.references.ScopeComputation;
    const linker = services.references.Linker;
    const nodes = new WeakMap<AstNode, AstNode[]>();
    const referenceable = referenceableTypes(services);
    const steps: DetachedSteps = {
        nodes,
        localSymbols:
            scopeComputation.collectLocalSymbols === DefaultScopeComputation.prototype.collectLocalSymbols
                ? async (document, all) => {
                      const symbols = new MultiMap<AstNode, AstNodeDescription>();
                      const hooks = scopeComputation as unknown as ScopeComputationHooks;
                      // The root has no container, so Langium adds no symbol for it either.
                      for (let i = 1; i < all.length; i++) if (referenceable(all[i].$type)) hooks.addLocalSymbol(all[i], document, symbols);
                      return symbols;
                  }
                : (document) => scopeComputation.collectLocalSymbols(document),
        link:
            linker.link === DefaultLinker.prototype.link
                ? async (document, all) => {
                      const hooks = linker as unknown as LinkerHooks;
                      for (const node of all) linkReferences(node, document, hooks);
                  }
                : (document) => linker.link(document),
        validator: walkingValidator(services, nodes),
    };
    stepsOf.set(services, steps);
    return steps;
}

/** Calls `doLink` for each cross-reference a node holds, in the order of Langium's `streamReferences`. */
function linkReferences(node: AstNode, document: LangiumDocument, linker: LinkerHooks): void {
    for (const property of Object.keys(node)) {
        if (property.charCodeAt(0) === 36 /* $ */) continue;
        const value = (node as unknown as Record<string, unknown>)[property];
        if (isReference(value) || isMultiReference(value)) {
            linker.doLink({ reference: value, container: node, property }, document);
        } else if (Array.isArray(value)) {
            value.forEach((item, index) => {
                if (isReference(item) || isMultiReference(item))
                    linker.doLink({ reference: item, container: node, property, index }, document);
            });
        }
    }
}

/**
 * Whether a node of this type can be the target of some cross-reference. Langium's scope computation
 * describes every named node (here also a named argument's name and a color literal), but a scope
 * only ever offers descriptions whose type is a subtype of the reference's type, so the others are
 * never seen: they are not described at all.
 */
function referenceableTypes(services: ArcDslServices): (type: string) => boolean {
    const reflection = services.shared.AstReflection;
    const targets = new Set<string>();
    for (const type of reflection.getAllTypes()) {
        for (const property of Object.values(reflection.getTypeMetaData(type).properties)) {
            if (property.referenceType) targets.add(property.referenceType);
        }
    }
    const known = new Map<string, boolean>();
    return (type) => {
        let referenceable = known.get(type);
        if (referenceable === undefined) {
            referenceable = [...targets].some((target) => reflection.isSubtype(type, target));
            known.set(type, referenceable);
        }
        return referenceable;
    };
}

/**
 * The language's document validator (lexer, parser and linker diagnostics, then the registered
 * checks) whose node walk runs each node's checks over the array of nodes, looked up once per node
 * type; Langium streams the tree and awaits a cancellation check per node.
 */
function walkingValidator(services: ArcDslServices, nodes: WeakMap<AstNode, AstNode[]>): DocumentValidator {
    const validator = services.validation.DocumentValidator;
    const base = validator as unknown as ValidatorHooks & { validateSingleNodeOptions: unknown };
    const defaults = DefaultDocumentValidator.prototype as unknown as ValidatorHooks & { validateSingleNodeOptions: unknown };
    if (base.validateAstNodes !== defaults.validateAstNodes || base.validateSingleNodeOptions !== defaults.validateSingleNodeOptions) {
        return validator;
    }
    const registry = services.validation.ValidationRegistry;
    const checksByType = new Map<string, ValidationCheck[]>();
    const checksOf = (type: string, options: ValidationOptions): ValidationCheck[] => {
        if (options.categories) return registry.getChecks(type, options.categories).toArray() as ValidationCheck[];
        let checks = checksByType.get(type);
        if (!checks) {
            checks = registry.getChecks(type).toArray() as ValidationCheck[];
            checksByType.set(type, checks);
        }
        return checks;
    };
    const validateAstNodes: ValidatorHooks['validateAstNodes'] = async (root, options, acceptor) => {
        const all = nodes.get(root);
        if (!all) return defaults.validateAstNodes.call(validator, root, options, acceptor);
        for (const node of all) {
            for (const check of checksOf(node.$type, options)) await check(node, acceptor, undefined);
        }
    };
    return Object.create(validator, { validateAstNodes: { value: validateAstNodes } }) as DocumentValidator;
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
