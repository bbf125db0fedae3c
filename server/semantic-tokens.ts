import type { AstNode } from 'langium';
import { AbstractSemanticTokenProvider, type SemanticTokenAcceptor } from 'langium/lsp';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver';
import { BUILTINS } from '../language/builtins/table.js';
import * as ast from '../language/generated/ast.js';

/** Semantic highlighting: builtin calls, named arguments, colour/direction/axis literals, `let` names, lambda parameters. */
export class ArcDslSemanticTokenProvider extends AbstractSemanticTokenProvider {
    protected override highlightElement(node: AstNode, acceptor: SemanticTokenAcceptor): void {
        if (ast.isCallExpr(node)) {
            if (BUILTINS.has(node.callee)) {
                acceptor({ node, property: 'callee', type: SemanticTokenTypes.function, modifier: SemanticTokenModifiers.defaultLibrary });
            }
        } else if (ast.isArgument(node)) {
            if (node.name !== undefined) acceptor({ node, property: 'name', type: SemanticTokenTypes.parameter });
        } else if (ast.isColorLiteral(node) || ast.isDirLiteral(node) || ast.isAxisLiteral(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.enumMember });
        } else if (ast.isLetStatement(node)) {
            acceptor({
                node,
                property: 'name',
                type: SemanticTokenTypes.variable,
                modifier: [SemanticTokenModifiers.declaration, SemanticTokenModifiers.readonly],
            });
        } else if (ast.isLambdaParam(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.parameter, modifier: SemanticTokenModifiers.declaration });
        } else if (ast.isNameRef(node)) {
            const target = node.ref.ref;
            if (ast.isLetStatement(target)) {
                acceptor({ node, property: 'ref', type: SemanticTokenTypes.variable, modifier: SemanticTokenModifiers.readonly });
            } else if (ast.isLambdaParam(target)) {
                acceptor({ node, property: 'ref', type: SemanticTokenTypes.parameter });
            }
        } else if (ast.isInputRef(node)) {
            acceptor({
                node,
                keyword: 'input',
                type: SemanticTokenTypes.variable,
                modifier: [SemanticTokenModifiers.readonly, SemanticTokenModifiers.defaultLibrary],
            });
        } else if (ast.isTask(node)) {
            if (node.family !== undefined) acceptor({ node, property: 'family', type: SemanticTokenTypes.type });
        } else if (ast.isGridRow(node)) {
            for (let index = 0; index < node.cells.length; index++) {
                acceptor({ node, property: 'cells', index, type: SemanticTokenTypes.number });
            }
        }
    }
}
