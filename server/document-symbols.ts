import { type AstNode, type CstNode, GrammarUtils, type LangiumDocument, type MaybePromise } from 'langium';
import type { DocumentSymbolProvider } from 'langium/lsp';
import { type DocumentSymbol, SymbolKind } from 'vscode-languageserver';
import * as ast from '../language/generated/ast.js';

/** The outline: the task with its pairs, then each `let` and the `output`. */
export class ArcDslDocumentSymbolProvider implements DocumentSymbolProvider {
    getSymbols(document: LangiumDocument): MaybePromise<DocumentSymbol[]> {
        const root = document.parseResult.value as ast.Document;
        const symbols: DocumentSymbol[] = [];
        if (root.task) symbols.push(...taskSymbol(root.task));
        for (const statement of root.statements) {
            if (ast.isLetStatement(statement)) {
                symbols.push(...symbol(statement, statement.name, SymbolKind.Variable, property(statement, 'name')));
            } else {
                symbols.push(...symbol(statement, 'output', SymbolKind.Field, keyword(statement, 'output')));
            }
        }
        return symbols;
    }
}

function taskSymbol(task: ast.Task): DocumentSymbol[] {
    const counts = { train: 0, test: 0 };
    const children = task.pairs.flatMap((pair) => {
        const label = `${pair.kind} ${++counts[pair.kind as 'train' | 'test']}`;
        const sizes = [pair.input, pair.output].filter((g) => g !== undefined).map(size);
        return symbol(pair, label, SymbolKind.Array, keyword(pair, pair.kind), sizes.join(' → '));
    });
    const name = task.name || 'task';
    return symbol(task, name, SymbolKind.Module, property(task, 'name'), task.family, children);
}

function symbol(
    node: AstNode,
    name: string,
    kind: SymbolKind,
    selection: CstNode | undefined,
    detail?: string,
    children?: DocumentSymbol[],
): DocumentSymbol[] {
    const cst = node.$cstNode;
    if (!cst || !name) return [];
    return [{ name, kind, detail, range: cst.range, selectionRange: (selection ?? cst).range, children }];
}

function property(node: AstNode, name: string): CstNode | undefined {
    return GrammarUtils.findNodeForProperty(node.$cstNode, name);
}

function keyword(node: AstNode, word: string): CstNode | undefined {
    return GrammarUtils.findNodeForKeyword(node.$cstNode, word);
}

function size(grid: ast.GridLiteral): string {
    return `${grid.rows.length}×${grid.rows[0]?.cells.length ?? 0}`;
}
