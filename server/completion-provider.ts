import {
    type AstNodeDescription,
    AstUtils,
    GrammarAST,
    type LangiumDocuments,
    type MaybePromise,
    type ReferenceInfo,
    type Stream,
    TextDocument,
    URI,
} from 'langium';
import {
    type CompletionAcceptor,
    type CompletionBacktrackingInformation,
    type CompletionContext,
    type CompletionValueItem,
    DefaultCompletionProvider,
    type NextFeature,
} from 'langium/lsp';
import { CompletionItemKind, InsertTextFormat } from 'vscode-languageserver';
import type { ArcDslValidator } from '../language/arc-dsl-validator.js';
import { builtinMarkdown } from '../language/builtin-docs.js';
import { defaultText } from '../language/builtins/spec.js';
import { BUILTINS, type Builtin } from '../language/builtins/table.js';
import { COLOR_HEX, colorNumber } from '../language/colors.js';
import * as ast from '../language/generated/ast.js';
import { typeToString } from '../language/types.js';
import type { ArcDslLspServices } from './arc-dsl-lsp-module.js';
import { type CallContext, callAt, statementStart } from './call-context.js';

const DIRS = new Set(['up', 'down', 'left', 'right', 'up_left', 'up_right', 'down_left', 'down_right']);
const AXES = new Set(['horizontal', 'vertical', 'diagonal', 'antidiagonal']);
const STATEMENT_KEYWORDS = new Set(['let', 'output']);

/** Sort groups: named arguments, then names in scope, builtins, literal keywords, other keywords. */
const SORT = { named: '0', expected: '1', binding: '2', builtin: '3', literal: '4', keyword: '5' } as const;

/**
 * Completion: builtins (signature + doc), named arguments of the call under the cursor, `let` names
 * and lambda parameters in scope, colour names with their colour, keywords. Literals of the type the
 * current parameter wants (a colour, a direction…) come first.
 */
export class ArcDslCompletionProvider extends DefaultCompletionProvider {
    private readonly validator: ArcDslValidator;
    private readonly documents: LangiumDocuments;
    private lastCall: { text: string; offset: number; call: CallContext | undefined } | undefined;

    constructor(services: ArcDslLspServices) {
        super(services);
        this.validator = services.validation.ArcDslValidator;
        this.documents = services.shared.workspace.LangiumDocuments;
    }

    /**
     * Below a complete task block, the grammar continues as if the document started there, so the
     * completion parser reads only the statements: re-parsing eight 30×30 grids on every request
     * would cost tens of milliseconds.
     */
    protected override findFeaturesAt(document: TextDocument, offset: number): NextFeature[] {
        const root = this.documents.getDocument(URI.parse(document.uri))?.parseResult.value as ast.Document | undefined;
        const taskEnd = root?.task?.$cstNode?.text.endsWith('}') ? root.task.$cstNode.end : undefined;
        if (taskEnd !== undefined && taskEnd < offset) {
            const statements = document.getText().slice(taskEnd, offset);
            if (statements.trim() !== '') {
                return super.findFeaturesAt(
                    TextDocument.create(document.uri, document.languageId, document.version, statements),
                    offset - taskEnd,
                );
            }
        }
        return super.findFeaturesAt(document, offset);
    }

    /** Like findFeaturesAt: tokenize from the statement around the cursor, not from the top of a big task. */
    protected override backtrackToAnyToken(text: string, offset: number): CompletionBacktrackingInformation {
        const base = statementStart(text, offset);
        // Only when the statement's keyword is before the cursor, so the previous token is still found.
        if (base === 0 || text.slice(base, offset).trim() === '') return super.backtrackToAnyToken(text, offset);
        const shift = (n: number | undefined) => (n === undefined ? undefined : n + base);
        const info = super.backtrackToAnyToken(text.slice(base), offset - base);
        return {
            nextTokenStart: info.nextTokenStart + base,
            nextTokenEnd: info.nextTokenEnd + base,
            previousTokenStart: shift(info.previousTokenStart),
            previousTokenEnd: shift(info.previousTokenEnd),
        };
    }

    protected override completionFor(context: CompletionContext, next: NextFeature, acceptor: CompletionAcceptor): MaybePromise<void> {
        const rule = AstUtils.getContainerOfType(next.feature, GrammarAST.isParserRule)?.name;
        const assignment = AstUtils.getContainerOfType(next.feature, GrammarAST.isAssignment);
        if (assignment?.feature === 'callee' && rule === 'CallExpr') return this.completeBuiltins(context, acceptor);
        // An argument name is an `ArgumentName`: an ID, or a keyword such as `diagonal`. Langium keeps one
        // feature per keyword, so a keyword here also stands for the literal that starts an argument's value.
        if (rule === 'ArgumentName' || (assignment?.feature === 'name' && rule === 'Argument')) {
            if (!GrammarAST.isKeyword(next.feature)) return this.completeNamedArguments(context, acceptor);
            if (STATEMENT_KEYWORDS.has(next.feature.value)) return undefined;
        }
        if (GrammarAST.isKeyword(next.feature)) return this.completeKeyword(context, next.feature, acceptor);
        return super.completionFor(context, next, acceptor);
    }

    /** The call around the cursor; asked once per keyword and context, so the last answer is kept. */
    private call(context: CompletionContext): CallContext | undefined {
        const text = context.textDocument.getText();
        if (this.lastCall?.text !== text || this.lastCall.offset !== context.tokenOffset) {
            this.lastCall = { text, offset: context.tokenOffset, call: callAt(text, context.tokenOffset) };
        }
        return this.lastCall.call;
    }

    private completeBuiltins(context: CompletionContext, acceptor: CompletionAcceptor): void {
        for (const item of builtinItems()) acceptor(context, item);
    }

    private completeNamedArguments(context: CompletionContext, acceptor: CompletionAcceptor): void {
        const call = this.call(context);
        if (!call?.atArgumentStart) return;
        call.builtin.params.forEach((param, index) => {
            if (call.given.has(index)) return;
            const dflt = defaultText(param);
            acceptor(context, {
                label: `${param.name}:`,
                kind: CompletionItemKind.Property,
                detail: `${param.type}${dflt === undefined ? '' : ` = ${dflt}`}`,
                documentation: param.doc ? { kind: 'markdown', value: param.doc } : undefined,
                insertText: `${param.name}: `,
                filterText: param.name,
                sortText: SORT.named + String(index).padStart(2, '0'),
                command: { title: 'Suggest', command: 'editor.action.triggerSuggest' },
            });
        });
    }

    private completeKeyword(context: CompletionContext, keyword: GrammarAST.Keyword, acceptor: CompletionAcceptor): void {
        const word = keyword.value;
        if (!/^[a-z_]+$/.test(word)) return;
        const wanted = this.expectedType(context);
        const color = colorNumber(word);
        if (color >= 0) {
            acceptor(context, {
                label: word,
                kind: CompletionItemKind.Color,
                detail: `Color ${color}`,
                // VS Code draws the swatch from a colour-kind item's documentation.
                documentation: COLOR_HEX[color],
                sortText: (wanted === 'Color' ? SORT.expected : SORT.literal) + String(color),
            });
        } else if (DIRS.has(word) || AXES.has(word)) {
            const type = DIRS.has(word) ? 'Dir' : 'Axis';
            acceptor(context, {
                label: word,
                kind: CompletionItemKind.EnumMember,
                detail: type,
                sortText: wanted === type ? SORT.expected : SORT.literal,
            });
        } else if (word === 'true' || word === 'false') {
            acceptor(context, {
                label: word,
                kind: CompletionItemKind.Constant,
                detail: 'Bool',
                sortText: wanted === 'Bool' ? SORT.expected : SORT.literal,
            });
        } else if (word === 'input') {
            acceptor(context, { label: word, kind: CompletionItemKind.Variable, detail: 'Grid', sortText: SORT.binding });
        } else {
            acceptor(context, { label: word, kind: CompletionItemKind.Keyword, detail: 'Keyword', sortText: SORT.keyword });
        }
    }

    /** The type the parameter under the cursor wants, e.g. `Color`. */
    private expectedType(context: CompletionContext): string | undefined {
        const call = this.call(context);
        const param = call?.activeParameter === undefined ? undefined : call.builtin.params[call.activeParameter];
        return param?.type;
    }

    /** `let` names of the statements before the one under the cursor, and the parameters of enclosing lambdas. */
    protected override getReferenceCandidates(refInfo: ReferenceInfo, context: CompletionContext): Stream<AstNodeDescription> {
        const statements = (context.document.parseResult.value as ast.Document).statements;
        const current = statements.findLastIndex((s) => (s.$cstNode?.offset ?? Infinity) < context.offset);
        const visible = new Set(statements.slice(0, Math.max(0, current)));
        return super
            .getReferenceCandidates(refInfo, context)
            .filter((description) => !ast.isLetStatement(description.node) || visible.has(description.node));
    }

    protected override createReferenceCompletionItem(
        description: AstNodeDescription,
        refInfo: ReferenceInfo,
        context: CompletionContext,
    ): CompletionValueItem {
        const item = super.createReferenceCompletionItem(description, refInfo, context);
        const node = description.node;
        const document = node && (context.document.parseResult.value as ast.Document);
        const type = node && document ? this.validator.typesOf(document)?.typeOf(node) : undefined;
        return {
            ...item,
            kind: ast.isLambdaParam(node) ? CompletionItemKind.TypeParameter : CompletionItemKind.Variable,
            detail: type && type.kind !== 'Any' ? typeToString(type) : ast.isLambdaParam(node) ? 'parameter' : 'let',
            sortText: SORT.binding,
        };
    }
}

let cachedBuiltinItems: CompletionValueItem[] | undefined;

/** One completion item per builtin, made once (the table does not change while the server runs). */
function builtinItems(): CompletionValueItem[] {
    cachedBuiltinItems ??= [...BUILTINS.values()].map((builtin) => ({
        label: builtin.name,
        kind: CompletionItemKind.Function,
        detail: signatureTail(builtin),
        labelDetails: { detail: `(${builtin.params.map((p) => p.name).join(', ')})`, description: builtin.returns },
        documentation: { kind: 'markdown', value: builtinMarkdown(builtin) },
        insertText: `${builtin.name}($0)`,
        insertTextFormat: InsertTextFormat.Snippet,
        command: { title: 'Signature help', command: 'editor.action.triggerParameterHints' },
        sortText: SORT.builtin,
    }));
    return cachedBuiltinItems;
}

/** `(g: Grid, …) -> Objects` */
function signatureTail(builtin: Builtin): string {
    return `(${builtin.params.map((p) => `${p.name}: ${p.type}`).join(', ')}) -> ${builtin.returns}`;
}
