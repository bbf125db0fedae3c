import { CstUtils, DocumentValidator, type LangiumDocument, type MaybePromise } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import { type CodeAction, CodeActionKind, type CodeActionParams, type Command, type Diagnostic } from 'vscode-languageserver';
import { IssueCodes } from '../language/checker.js';
import * as ast from '../language/generated/ast.js';
import { closest } from '../language/suggest.js';
import type { ArcDslLspServices } from './arc-dsl-lsp-module.js';

type ScopeProvider = ArcDslLspServices['references']['ScopeProvider'];

/** Quick fixes: did-you-mean for an unknown builtin or name, and adding a missing `output = …`. */
export class ArcDslCodeActionProvider implements CodeActionProvider {
    private readonly scopes: ScopeProvider;

    constructor(services: ArcDslLspServices) {
        this.scopes = services.references.ScopeProvider;
    }

    getCodeActions(document: LangiumDocument, params: CodeActionParams): MaybePromise<Array<Command | CodeAction>> {
        const actions: CodeAction[] = [];
        for (const diagnostic of params.context.diagnostics) {
            const action = this.fix(document, diagnostic);
            if (action) actions.push(action);
        }
        return actions;
    }

    private fix(document: LangiumDocument, diagnostic: Diagnostic): CodeAction | undefined {
        if (diagnostic.code === IssueCodes.UnknownBuiltin) {
            const suggestion = (diagnostic.data as { suggestion?: string } | undefined)?.suggestion;
            return suggestion ? replaceWith(document, diagnostic, suggestion) : undefined;
        }
        if (diagnostic.code === IssueCodes.MissingOutput) return addOutput(document, diagnostic);
        if ((diagnostic.data as { code?: string } | undefined)?.code === DocumentValidator.LinkingError) {
            const suggestion = this.closestName(document, diagnostic);
            return suggestion ? replaceWith(document, diagnostic, suggestion) : undefined;
        }
        return undefined;
    }

    private closestName(document: LangiumDocument, diagnostic: Diagnostic): string | undefined {
        const root = document.parseResult.value.$cstNode;
        const offset = document.textDocument.offsetAt(diagnostic.range.start);
        const node = root && CstUtils.findLeafNodeAtOffset(root, offset)?.astNode;
        if (!ast.isNameRef(node)) return undefined;
        const names = this.scopes
            .getScope({ reference: node.ref, container: node, property: 'ref' })
            .getAllElements()
            .map((d) => d.name)
            .toArray();
        return closest(node.ref.$refText, [...names, 'input']);
    }
}

function replaceWith(document: LangiumDocument, diagnostic: Diagnostic, text: string): CodeAction {
    return {
        title: `Change to '${text}'`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: true,
        edit: { changes: { [document.textDocument.uri]: [{ range: diagnostic.range, newText: text }] } },
    };
}

/** Appends `output = <last let>` (or `output = input`) at the end of the document. */
function addOutput(document: LangiumDocument, diagnostic: Diagnostic): CodeAction {
    const root = document.parseResult.value as ast.Document;
    const lastLet = root.statements.filter(ast.isLetStatement).at(-1);
    const text = document.textDocument.getText();
    const end = document.textDocument.positionAt(text.length);
    const newText = `${text.length === 0 || text.endsWith('\n') ? '' : '\n'}output = ${lastLet?.name ?? 'input'}\n`;
    return {
        title: 'Add `output = …`',
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: true,
        edit: { changes: { [document.textDocument.uri]: [{ range: { start: end, end }, newText }] } },
    };
}
