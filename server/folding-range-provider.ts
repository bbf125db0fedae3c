import type { AstNode } from 'langium';
import { DefaultFoldingRangeProvider } from 'langium/lsp';
import * as ast from '../language/generated/ast.js';

/** Folds the task block, grid literals of three or more lines, long statements and block comments. */
export class ArcDslFoldingRangeProvider extends DefaultFoldingRangeProvider {
    protected override shouldProcess(node: AstNode): boolean {
        return ast.isTask(node) || ast.isGridLiteral(node) || ast.isLetStatement(node) || ast.isOutputStatement(node);
    }

    protected override shouldProcessContent(node: AstNode): boolean {
        return !ast.isGridLiteral(node);
    }
}
