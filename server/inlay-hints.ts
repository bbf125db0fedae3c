import { type AstNode, AstUtils, GrammarUtils } from 'langium';
import { AbstractInlayHintProvider, type InlayHintAcceptor } from 'langium/lsp';
import { InlayHintKind } from 'vscode-languageserver';
import type { ArcDslValidator } from '../language/arc-dsl-validator.js';
import * as ast from '../language/generated/ast.js';
import { Grid } from '../language/grid.js';
import { typeToString } from '../language/types.js';
import { describeValue } from '../language/values.js';
import type { ArcDslLspServices } from './arc-dsl-lsp-module.js';
import { gridImageMarkdown } from './grid-image.js';
import type { Verifier } from './verification.js';

/**
 * Inlay hints: the size after each grid literal, the inferred type of each `let` and lambda parameter,
 * and the value of each `let` on the first train input (a grid's picture in the tooltip).
 */
export class ArcDslInlayHintProvider extends AbstractInlayHintProvider {
    private readonly validator: ArcDslValidator;
    private readonly verifier: Verifier;

    constructor(services: ArcDslLspServices) {
        super();
        this.validator = services.validation.ArcDslValidator;
        this.verifier = services.verification.Verifier;
    }

    override computeInlayHint(node: AstNode, acceptor: InlayHintAcceptor): void {
        if (ast.isGridLiteral(node)) {
            const end = node.$cstNode?.range.end;
            const width = node.rows[0]?.cells.length ?? 0;
            if (end) acceptor({ position: end, label: `${node.rows.length}×${width}`, paddingLeft: true });
        } else if (ast.isLetStatement(node) || ast.isLambdaParam(node)) {
            this.typeHint(node, acceptor);
            if (ast.isLetStatement(node)) this.valueHint(node, acceptor);
        }
    }

    private typeHint(node: ast.LetStatement | ast.LambdaParam, acceptor: InlayHintAcceptor): void {
        const document = AstUtils.getContainerOfType(node, ast.isDocument);
        const type = document && this.validator.typesOf(document)?.typeOf(node);
        const name = nameEnd(node);
        if (!type || type.kind === 'Any' || !name) return;
        acceptor({ position: name, label: `: ${typeToString(type)}`, kind: InlayHintKind.Type });
    }

    private valueHint(node: ast.LetStatement, acceptor: InlayHintAcceptor): void {
        const value = this.verifier.letValue(node);
        const end = node.$cstNode?.range.end;
        if (value === undefined || typeof value === 'function' || !end) return;
        const text = describeValue(value);
        acceptor({
            position: end,
            label: `= ${text.length > 40 ? `${text.slice(0, 40)}…` : text}`,
            paddingLeft: true,
            tooltip:
                value instanceof Grid
                    ? { kind: 'markdown', value: gridImageMarkdown(value.toRows(), `${node.name} on train 1`) }
                    : undefined,
        });
    }
}

function nameEnd(node: ast.LetStatement | ast.LambdaParam) {
    return GrammarUtils.findNodeForProperty(node.$cstNode, 'name')?.range.end;
}
