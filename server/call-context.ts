import { BUILTINS, type Builtin } from '../language/builtins/table.js';

/** The builtin call around a cursor, read from the text so it works while the call is half-typed. */
export interface CallContext {
    builtin: Builtin;
    /** Whether the call is the right side of a pipe, so its first parameter comes from the left. */
    piped: boolean;
    /** The parameter the cursor is in, or undefined past the last one (or an unknown name). */
    activeParameter?: number;
    /** Parameters already given (positionally, by the pipe or by name), except the one under the cursor. */
    given: Set<number>;
    /** Whether only whitespace separates the cursor from the `(` or `,` before it. */
    atArgumentStart: boolean;
}

interface Frame {
    bracket: '(' | '[';
    callee?: string;
    piped: boolean;
    /** Per written argument: its name, if named. */
    args: { name?: string; tokens: number; firstIdent?: string }[];
}

const IDENT = /[_a-zA-Z]\w*/y;

/**
 * Finds the innermost builtin call whose argument list contains `offset`. Scans from the start of
 * the statement around the offset (skipping comments and strings), keeping a stack of open brackets.
 */
export function callAt(text: string, offset: number): CallContext | undefined {
    const stack: Frame[] = [];
    let lastIdent: { name: string; afterPipe: boolean } | undefined;
    let previous = ''; // the previous significant token
    let sinceArgumentStart = false; // a token was seen since the last `(` or `,`
    let i = statementStart(text, offset);
    const countToken = () => {
        const arg = stack.at(-1)?.args.at(-1);
        if (arg) arg.tokens++;
        sinceArgumentStart = true;
    };
    while (i < offset) {
        const ch = text[i];
        if (ch === '/' && text[i + 1] === '/') {
            const end = text.indexOf('\n', i);
            i = end < 0 ? text.length : end;
            continue;
        }
        if (ch === '/' && text[i + 1] === '*') {
            const end = text.indexOf('*/', i + 2);
            i = end < 0 ? text.length : end + 2;
            continue;
        }
        if (ch === '"') {
            let j = i + 1;
            while (j < text.length && text[j] !== '"' && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
            i = j + 1;
            countToken();
            previous = 'string';
            lastIdent = undefined;
            continue;
        }
        if (ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r') {
            i++;
            continue;
        }
        IDENT.lastIndex = i;
        const ident = IDENT.exec(text);
        if (ident) {
            const arg = stack.at(-1)?.args.at(-1);
            if (arg && arg.tokens === 0) arg.firstIdent = ident[0];
            countToken();
            lastIdent = { name: ident[0], afterPipe: previous === '|>' };
            previous = 'ident';
            i += ident[0].length;
            continue;
        }
        if (ch === '(' || ch === '[') {
            countToken();
            const callee = ch === '(' && previous === 'ident' ? lastIdent : undefined;
            stack.push({ bracket: ch, callee: callee?.name, piped: callee?.afterPipe ?? false, args: [{ tokens: 0 }] });
            sinceArgumentStart = false;
        } else if (ch === ')' || ch === ']') {
            const open = ch === ')' ? '(' : '[';
            const index = stack.findLastIndex((frame) => frame.bracket === open);
            if (index >= 0) stack.length = index;
            countToken();
        } else if (ch === ',') {
            stack.at(-1)?.args.push({ tokens: 0 });
            sinceArgumentStart = false;
        } else if (ch === ':') {
            const arg = stack.at(-1)?.args.at(-1);
            if (stack.at(-1)?.bracket === '(' && arg && arg.tokens === 1 && arg.firstIdent) {
                arg.name = arg.firstIdent;
                arg.tokens = 0;
            }
            sinceArgumentStart = false;
        } else if (ch === '|' && text[i + 1] === '>') {
            countToken();
            previous = '|>';
            i += 2;
            continue;
        } else {
            countToken();
        }
        previous = ch;
        lastIdent = undefined;
        i++;
    }
    for (let depth = stack.length - 1; depth >= 0; depth--) {
        const frame = stack[depth];
        const builtin = frame.callee ? BUILTINS.get(frame.callee) : undefined;
        if (!builtin) continue;
        return describe(builtin, frame, depth === stack.length - 1 && !sinceArgumentStart);
    }
    return undefined;
}

const STATEMENT_START = /(?:^|\n)[ \t]*(?:let|output)\b/g;

/**
 * Where the statement containing `offset` begins: the last line before it that starts with `let` or
 * `output` (keywords that cannot occur inside an expression), else the start of the text.
 */
export function statementStart(text: string, offset: number): number {
    let start = 0;
    STATEMENT_START.lastIndex = 0;
    for (let match = STATEMENT_START.exec(text); match && match.index < offset; match = STATEMENT_START.exec(text)) {
        start = match.index;
    }
    return start;
}

function describe(builtin: Builtin, frame: Frame, atArgumentStart: boolean): CallContext {
    const given = new Set<number>();
    let position = 0;
    if (frame.piped) given.add(position++);
    let activeParameter: number | undefined;
    frame.args.forEach((arg, index) => {
        const current = index === frame.args.length - 1;
        let slot: number | undefined;
        if (arg.name !== undefined) {
            const named = builtin.params.findIndex((p) => p.name === arg.name);
            slot = named >= 0 ? named : undefined;
        } else if (arg.tokens > 0 || current) {
            slot = position < builtin.params.length ? position : undefined;
            position++;
        }
        if (current) activeParameter = slot;
        else if (slot !== undefined) given.add(slot);
    });
    return { builtin, piped: frame.piped, activeParameter, given, atArgumentStart };
}
