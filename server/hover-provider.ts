import { AstUtils, type CstNode, CstUtils, type GrammarConfig, type LangiumDocument, type MaybePromise } from 'langium';
import type { HoverProvider } from 'langium/lsp';
import type { Hover, HoverParams } from 'vscode-languageserver';
import type { ArcDslValidator } from '../language/arc-dsl-validator.js';
import { builtinMarkdown } from '../language/builtin-docs.js';
import { BUILTINS } from '../language/builtins/table.js';
import { COLOR_HEX, colorNumber } from '../language/colors.js';
import * as ast from '../language/generated/ast.js';
import { Grid } from '../language/grid.js';
import { typeToString } from '../language/types.js';
import { describeValue, GridObject, type Value } from '../language/values.js';
import type { ArcDslLspServices } from './arc-dsl-lsp-module.js';
import { gridImageMarkdown } from './grid-image.js';
import type { Verifier } from './verification.js';

/**
 * Hovers: builtin docs; the type of a `let` or lambda parameter and, for a `let`, its value on the
 * first train input (grids and objects as pictures); grid literals as pictures; colours as swatches.
 */
export class ArcDslHoverProvider implements HoverProvider {
    private readonly grammarConfig: GrammarConfig;
    private readonly validator: ArcDslValidator;
    private readonly verifier: Verifier;

    constructor(services: ArcDslLspServices) {
        this.grammarConfig = services.parser.GrammarConfig;
        this.validator = services.validation.ArcDslValidator;
        this.verifier = services.verification.Verifier;
    }

    getHoverContent(document: LangiumDocument, params: HoverParams): MaybePromise<Hover | undefined> {
        const root = document.parseResult.value.$cstNode;
        if (!root) return undefined;
        const offset = document.textDocument.offsetAt(params.position);
        const leaf =
            CstUtils.findDeclarationNodeAtOffset(root, offset, this.grammarConfig.nameRegexp) ??
            CstUtils.findLeafNodeAtOffset(root, offset);
        if (!leaf) return undefined;
        const value = this.content(document.parseResult.value as ast.Document, leaf);
        return value ? { contents: { kind: 'markdown', value }, range: leaf.range } : undefined;
    }

    private content(document: ast.Document, leaf: CstNode): string | undefined {
        const node = leaf.astNode;
        if (ast.isCallExpr(node) && leaf.text === node.callee) {
            const builtin = BUILTINS.get(node.callee);
            return builtin ? builtinMarkdown(builtin) : undefined;
        }
        if (ast.isArgument(node) && node.name !== undefined && leaf.text === node.name) {
            return this.argumentContent(node);
        }
        if (ast.isNameRef(node)) return node.ref.ref ? this.bindingContent(document, node.ref.ref) : undefined;
        if (ast.isLetStatement(node) && leaf.text === node.name) return this.bindingContent(document, node);
        if (ast.isLambdaParam(node)) return this.bindingContent(document, node);
        if (ast.isColorLiteral(node)) return colorContent(colorNumber(node.name), node.name);
        if (ast.isInputRef(node)) return this.inputContent(document);
        const literal = AstUtils.getContainerOfType(node, ast.isGridLiteral);
        if (literal) return this.gridLiteralContent(literal);
        return undefined;
    }

    private argumentContent(argument: ast.Argument): string | undefined {
        const call = argument.$container;
        const param = BUILTINS.get(call.callee)?.params.find((p) => p.name === argument.name);
        if (!param) return undefined;
        return ['```arcdsl', `${param.name}: ${param.type}`, '```', '', param.doc ?? ''].join('\n').trim();
    }

    private bindingContent(document: ast.Document, binding: ast.LetStatement | ast.LambdaParam): string {
        const type = this.validator.typesOf(document)?.typeOf(binding);
        const typeText = type && type.kind !== 'Any' ? `: ${typeToString(type)}` : '';
        const keyword = ast.isLetStatement(binding) ? 'let' : 'param';
        const parts = ['```arcdsl', `${keyword} ${binding.name}${typeText}`, '```'];
        if (ast.isLetStatement(binding)) {
            const value = this.verifier.letValue(binding);
            if (value !== undefined) parts.push('', ...valueContent(value, 'On train 1'));
        }
        return parts.join('\n');
    }

    private inputContent(document: ast.Document): string {
        const parts = ['```arcdsl', 'input: Grid', '```', '', 'The grid the program transforms.'];
        const first = document.task?.pairs.find((p) => p.kind === 'train') ?? document.task?.pairs[0];
        if (first) parts.push('', ...gridContent(rowsOf(first.input), 'On train 1'));
        return parts.join('\n');
    }

    private gridLiteralContent(literal: ast.GridLiteral): string {
        const parts = gridContent(rowsOf(literal), 'Grid');
        const pair = ast.isPair(literal.$container) ? literal.$container : undefined;
        if (pair && literal === pair.output) {
            const document = AstUtils.getContainerOfType(pair, ast.isDocument);
            const run = document && this.verifier.get(document)?.pairs.find((p) => p.pair === pair);
            if (run?.actual && run.status === 'fail') {
                parts.push('', `**${run.label}: ${run.message}** — the program gives:`, '', ...gridContent(run.actual.toRows(), 'Actual'));
            } else if (run?.status === 'pass') {
                parts.push('', `${run.label}: the program gives this output ✓`);
            }
        }
        return parts.join('\n');
    }
}

function rowsOf(literal: ast.GridLiteral): number[][] {
    return literal.rows.map((row) => row.cells);
}

function gridContent(rows: number[][], title: string): string[] {
    const width = Math.max(0, ...rows.map((r) => r.length));
    return [`${title} (${rows.length}×${width}):`, '', gridImageMarkdown(rows, `${rows.length}×${width} grid`)];
}

function valueContent(value: Value, title: string): string[] {
    if (value instanceof Grid) return gridContent(value.toRows(), title);
    if (value instanceof GridObject) {
        return [`${title}: ${describeValue(value)}`, '', gridImageMarkdown(objectRows(value), describeValue(value))];
    }
    const text = describeValue(value);
    return [`${title}: \`${text.length > 200 ? `${text.slice(0, 200)}…` : text}\``];
}

/** An object's bounding box as rows; cells outside the object are -1 (drawn transparent). */
function objectRows(object: GridObject): number[][] {
    const rows = Array.from({ length: object.height }, () => new Array<number>(object.width).fill(-1));
    for (let i = 0; i < object.size; i++) rows[object.rows[i] - object.top][object.cols[i] - object.left] = object.colors[i];
    return rows;
}

function colorContent(color: number, name: string): string {
    return [`**${name}** — colour ${color} (\`${COLOR_HEX[color]}\`)`, '', gridImageMarkdown([[color]], name)].join('\n');
}
