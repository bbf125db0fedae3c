import { type AstNode, CstUtils, type LeafCstNode } from 'langium';
import type * as ast from './generated/ast.js';

/**
 * The canonical printer: the one formatter of the language. The language server's formatting,
 * `arcdsl fmt`, generated solutions, dedupe keys and exact match all print through here, so two
 * programs with the same AST print to the same text. Layout depends only on the AST (and the
 * comments, when kept): `print(parse(print(x))) == print(x)`.
 */

export interface PrintOptions {
    /**
     * Keep the source's `//` and `/* *\/` comments (only an AST parsed from text has them). Default
     * true; dedupe keys and exact match pass false so comments never make two programs differ.
     */
    comments?: boolean;
}

/** Lines are kept within this width where the layout has a choice (task grids). */
export const MAX_WIDTH = 100;
const PAIR_INDENT = '  ';

// Binding strength, loosest first; an operand looser than its slot needs parentheses.
const LAMBDA = 0;
const PIPE = 1;
const UNARY = 7;
const PRIMARY = 8;
const BINARY: Record<ast.BinaryExpr['operator'], number> = {
    or: 2,
    and: 3,
    '==': 4,
    '!=': 4,
    '<': 4,
    '<=': 4,
    '>': 4,
    '>=': 4,
    '+': 5,
    '-': 5,
    '*': 6,
    '/': 6,
    '%': 6,
};
const COMPARISON = 4;

/** A whole document: the task block (if any), a blank line, then the statements. */
export function printDocument(document: ast.Document, options: PrintOptions = {}): string {
    const comments = collectComments(document, options);
    const printer = new Printer();
    const task = document.task;
    if (task) {
        printer.leading(comments.leading.get(task), '');
        printer.task(task, comments);
        printer.trailing(comments.trailing.get(task));
    }
    const body = new Printer();
    body.statements(document.statements, comments);
    body.leading(comments.documentEnd, '');
    if (printer.text && body.text) printer.write('\n');
    printer.write(body.text);
    return printer.text;
}

/** The statements only (no task): the form of generated solutions and model completions. */
export function printProgram(document: ast.Document, options: PrintOptions = {}): string {
    const comments = collectComments(document, options);
    const printer = new Printer();
    printer.statements(document.statements, comments);
    printer.leading(comments.documentEnd, '');
    return printer.text;
}

/** One expression on one line (grid expressions too wide for a line wrap, one row per line). */
export function printExpression(expr: ast.Expression): string {
    const printer = new Printer();
    printer.expression(expr, LAMBDA);
    return printer.text;
}

/** A grid literal on one line: `[0 0 1 | 0 1 0]`. */
export function printGridLiteral(rows: readonly (readonly number[])[]): string {
    return `[${rows.map((row) => row.map(numberText).join(' ')).join(' | ')}]`;
}

/**
 * A grid literal with one row per line, rows aligned under the first, `|` one column left of them:
 * the `[` is at `column`, the text starts there (the caller has written `column` characters).
 */
function printGridRows(rows: readonly (readonly number[])[], column: number): string {
    const continuation = `\n${' '.repeat(column)}| `;
    return `[${rows.map((row) => row.map(numberText).join(' ')).join(continuation)}]`;
}

function rowsOf(grid: ast.GridLiteral): number[][] {
    return grid.rows.map((row) => row.cells);
}

function numberText(value: number): string {
    if (Number.isSafeInteger(value) || !Number.isInteger(value)) return String(value);
    return BigInt(value).toString(); // huge literals: never `1e+21`, which would not parse back
}

/** `"…"` with the escapes Langium's string converter reads back. */
function stringText(value: string): string {
    const escapes: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
    return `"${value.replace(/[\\"\n\r\t]/g, (c) => escapes[c])}"`;
}

function precedence(expr: ast.Expression): number {
    switch (expr.$type) {
        case 'Lambda':
            return LAMBDA;
        case 'PipeExpr':
            return PIPE;
        case 'BinaryExpr':
            return BINARY[expr.operator];
        case 'UnaryExpr':
            return UNARY;
        case 'NumberLiteral':
            return expr.value < 0 ? UNARY : PRIMARY; // only a built AST has these; they print as `-n`
        default:
            return PRIMARY;
    }
}

/** `- -x` reads better than `--x` (both parse the same). */
function startsWithMinus(expr: ast.Expression): boolean {
    return (expr.$type === 'UnaryExpr' && expr.operator === '-') || (expr.$type === 'NumberLiteral' && expr.value < 0);
}

/** Appends text and knows the current column (wrapped grid rows align under their first row). */
class Printer {
    text = '';
    private lineStart = 0;

    write(part: string): void {
        this.text += part;
        const newline = part.lastIndexOf('\n');
        if (newline >= 0) this.lineStart = this.text.length - part.length + newline + 1;
    }

    get column(): number {
        return this.text.length - this.lineStart;
    }

    leading(comments: readonly string[] | undefined, indent: string): void {
        for (const comment of comments ?? []) this.write(`${indent}${comment}\n`);
    }

    /** Comments that ended the element's last line; the caller has not yet ended that line. */
    trailing(comments: readonly string[] | undefined): void {
        for (const comment of comments ?? []) this.write(` ${comment}`);
        this.write('\n');
    }

    task(task: ast.Task, comments: Comments): void {
        const family = task.family === undefined ? '' : ` family ${task.family}`;
        this.write(`task ${stringText(task.name)}${family} {\n`);
        for (const pair of task.pairs) {
            this.leading(comments.leading.get(pair), PAIR_INDENT);
            this.pair(pair);
            this.trailing(comments.trailing.get(pair));
        }
        this.leading(comments.taskEnd, PAIR_INDENT);
        this.write('}');
    }

    private pair(pair: ast.Pair): void {
        const head = `${PAIR_INDENT}${pair.kind.padEnd(5)} `;
        const input = printGridLiteral(rowsOf(pair.input));
        const output = pair.output ? printGridLiteral(rowsOf(pair.output)) : undefined;
        const oneLine = `${head}${input}${output === undefined ? '' : ` -> ${output}`}`;
        if (oneLine.length <= MAX_WIDTH) {
            this.write(oneLine);
            return;
        }
        this.write(`${head}${printGridRows(rowsOf(pair.input), head.length - 1)}`);
        if (pair.output) {
            const arrow = `\n${' '.repeat(head.length - 3)}-> `;
            this.write(`${arrow}${printGridRows(rowsOf(pair.output), head.length - 1)}`);
        }
    }

    statements(statements: readonly ast.Statement[], comments: Comments): void {
        for (const statement of statements) {
            this.leading(comments.leading.get(statement), '');
            this.write(statement.$type === 'LetStatement' ? `let ${statement.name} = ` : 'output = ');
            this.expression(statement.value, LAMBDA);
            this.trailing(comments.trailing.get(statement));
        }
    }

    /** Prints `expr`, in parentheses if it binds looser than `slot` allows. */
    expression(expr: ast.Expression, slot: number): void {
        const parens = precedence(expr) < slot;
        if (parens) this.write('(');
        this.bare(expr);
        if (parens) this.write(')');
    }

    private bare(expr: ast.Expression): void {
        switch (expr.$type) {
            case 'NumberLiteral':
                this.write(expr.value < 0 ? `-${numberText(-expr.value)}` : numberText(expr.value));
                return;
            case 'BoolLiteral':
                this.write(expr.value);
                return;
            case 'ColorLiteral':
            case 'DirLiteral':
            case 'AxisLiteral':
                this.write(expr.name);
                return;
            case 'InputRef':
                this.write('input');
                return;
            case 'NameRef':
                this.write(expr.ref.$refText);
                return;
            case 'GridExpr': {
                this.write('grid ');
                const rows = rowsOf(expr.grid);
                const inline = printGridLiteral(rows);
                this.write(this.column + inline.length <= MAX_WIDTH ? inline : printGridRows(rows, this.column - 1));
                return;
            }
            case 'TupleExpr':
                this.list('(', expr.items, ')');
                return;
            case 'ListExpr':
                this.list('[', expr.items, ']');
                return;
            case 'UnaryExpr':
                this.write(expr.operator === 'not' ? 'not ' : startsWithMinus(expr.operand) ? '- ' : '-');
                this.expression(expr.operand, UNARY);
                return;
            case 'BinaryExpr': {
                const own = BINARY[expr.operator];
                // Comparisons do not chain (`a < b < c` does not parse); the others associate left.
                this.expression(expr.left, own === COMPARISON ? own + 1 : own);
                this.write(` ${expr.operator} `);
                this.expression(expr.right, own + 1);
                return;
            }
            case 'PipeExpr':
                this.expression(expr.left, PIPE);
                this.write(' |> ');
                this.call(expr.right);
                return;
            case 'CallExpr':
                this.call(expr);
                return;
            case 'Lambda': {
                const names = expr.params.map((p) => p.name);
                this.write(names.length === 1 ? `${names[0]} => ` : `(${names.join(', ')}) => `);
                this.expression(expr.body, LAMBDA);
                return;
            }
        }
    }

    private call(call: ast.CallExpr): void {
        this.write(`${call.callee}(`);
        call.args.forEach((arg, i) => {
            if (i > 0) this.write(', ');
            if (arg.name !== undefined) this.write(`${arg.name}: `);
            this.expression(arg.value, LAMBDA);
        });
        this.write(')');
    }

    private list(open: string, items: readonly ast.Expression[], close: string): void {
        this.write(open);
        items.forEach((item, i) => {
            if (i > 0) this.write(', ');
            this.expression(item, LAMBDA);
        });
        this.write(close);
    }
}

/**
 * The source's comments, attached to the element they belong to. A comment on the line where an
 * element ends trails it; any other comment leads the next element (comments inside an expression or
 * a pair lead their statement or pair); comments after the last element end the task or document.
 */
interface Comments {
    leading: Map<AstNode, string[]>;
    trailing: Map<AstNode, string[]>;
    taskEnd: string[];
    documentEnd: string[];
}

interface Span {
    offset: number;
    end: number;
    startLine: number;
    endLine: number;
}

function spanOf(node: AstNode): Span | undefined {
    const cst = node.$cstNode;
    if (!cst) return undefined;
    return { offset: cst.offset, end: cst.end, startLine: cst.range.start.line, endLine: cst.range.end.line };
}

function collectComments(document: ast.Document, options: PrintOptions): Comments {
    const comments: Comments = { leading: new Map(), trailing: new Map(), taskEnd: [], documentEnd: [] };
    if (options.comments === false) return comments;
    const root = document.$cstNode;
    if (!root || !/\/[/*]/.test(root.root.fullText)) return comments; // most documents have none: skip the CST walk
    const add = (map: Map<AstNode, string[]>, node: AstNode, text: string) => {
        const list = map.get(node);
        if (list) list.push(text);
        else map.set(node, [text]);
    };
    const task = document.task;
    const taskSpan = task && spanOf(task);
    const topLevel = [...(task ? [task] : []), ...document.statements];
    const pairs = task?.pairs ?? [];
    for (const comment of commentLeaves(root)) {
        const text = commentText(comment);
        const at: Span = {
            offset: comment.offset,
            end: comment.end,
            startLine: comment.range.start.line,
            endLine: comment.range.end.line,
        };
        const inTask = taskSpan !== undefined && at.offset >= taskSpan.offset && at.end <= taskSpan.end;
        const [elements, container] = inTask ? [pairs, 'task'] : [topLevel, 'document'];
        const placed = place(at, elements);
        if (placed) add(placed.trailing ? comments.trailing : comments.leading, placed.node, text);
        else if (container === 'task') comments.taskEnd.push(text);
        else comments.documentEnd.push(text);
    }
    return comments;
}

/** The element a comment belongs to (see Comments), or undefined if it comes after all of them. */
function place(comment: Span, elements: readonly AstNode[]): { node: AstNode; trailing: boolean } | undefined {
    let previous: { node: AstNode; span: Span } | undefined;
    for (const node of elements) {
        const span = spanOf(node);
        if (!span) continue;
        if (comment.offset >= span.end) {
            previous = { node, span };
            continue;
        }
        if (comment.offset >= span.offset) return { node, trailing: false }; // inside: lead the element
        if (previous && previous.span.endLine === comment.startLine) return { node: previous.node, trailing: true };
        return { node, trailing: false };
    }
    if (previous && previous.span.endLine === comment.startLine) return { node: previous.node, trailing: true };
    return undefined;
}

/** The texts of a parsed document's comments, in source order (line comments without trailing blanks). */
export function documentComments(document: ast.Document): string[] {
    return document.$cstNode ? commentLeaves(document.$cstNode).map(commentText) : [];
}

function commentText(leaf: LeafCstNode): string {
    return leaf.tokenType.name === 'SL_COMMENT' ? leaf.text.trimEnd() : leaf.text;
}

function commentLeaves(root: NonNullable<AstNode['$cstNode']>): LeafCstNode[] {
    const leaves: LeafCstNode[] = [];
    for (const node of CstUtils.streamCst(root)) {
        const leaf = node as LeafCstNode;
        if (leaf.hidden && (leaf.tokenType?.name === 'SL_COMMENT' || leaf.tokenType?.name === 'ML_COMMENT')) leaves.push(leaf);
    }
    return leaves.sort((a, b) => a.offset - b.offset);
}
