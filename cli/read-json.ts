import { readFileSync } from 'node:fs';
import { UsageError } from './command.js';

/** Reads a text file; a missing or unreadable file is a UsageError naming it. */
export function readTextFile(path: string): string {
    try {
        return readFileSync(path, 'utf8');
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
        throw new UsageError(`cannot read ${path}: ${why}`);
    }
}

/** Parses a JSON file; a syntax error is a UsageError with the file, line and column. */
export function readJsonFile(path: string): unknown {
    const text = readTextFile(path).replace(/^\uFEFF/, '');
    try {
        return JSON.parse(text);
    } catch (error) {
        const { line, column, reason } = jsonSyntaxError(text, error);
        throw new UsageError(`${path}:${line}:${column}: not valid JSON: ${reason}`);
    }
}

/** Where JSON.parse failed (1-based line and column) and why, without V8's echo of the whole text. */
export function jsonSyntaxError(text: string, error: unknown): { line: number; column: number; reason: string } {
    const before = text.slice(0, jsonErrorOffset(text)).split('\n');
    const reason = (error as Error).message.replace(/, ".*" is not valid JSON$/s, '').replace(/ in JSON at position \d+.*$/s, '');
    return { line: before.length, column: before[before.length - 1].length + 1, reason };
}

/**
 * The offset of the first JSON syntax error (V8's messages give it only sometimes): a small
 * recursive-descent scan that stops where a JSON parser must.
 */
export function jsonErrorOffset(text: string): number {
    let i = 0;
    const fail = (): never => {
        throw i;
    };
    const space = () => {
        while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
    };
    const literal = (word: string) => {
        for (const c of word)
            if (text[i] === c) i++;
            else fail();
    };
    const string = () => {
        i++; // opening quote
        while (i < text.length && text[i] !== '"') {
            if (text.charCodeAt(i) < 0x20) fail();
            if (text[i] === '\\') {
                i++;
                if (text[i] === 'u') {
                    if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
                    i += 4;
                } else if (!'"\\/bfnrt'.includes(text[i] ?? '')) fail();
            }
            i++;
        }
        if (i >= text.length) fail();
        i++;
    };
    const number = () => {
        const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
        if (!match) fail();
        else i += match[0].length;
    };
    const value = (): void => {
        space();
        const c = text[i];
        if (c === '{') {
            i++;
            space();
            if (text[i] === '}') {
                i++;
                return;
            }
            for (;;) {
                space();
                if (text[i] !== '"') fail();
                string();
                space();
                if (text[i] !== ':') fail();
                i++;
                value();
                space();
                if (text[i] === ',') i++;
                else if (text[i] === '}') return void i++;
                else fail();
            }
        } else if (c === '[') {
            i++;
            space();
            if (text[i] === ']') {
                i++;
                return;
            }
            for (;;) {
                value();
                space();
                if (text[i] === ',') i++;
                else if (text[i] === ']') return void i++;
                else fail();
            }
        } else if (c === '"') string();
        else if (c === 't') literal('true');
        else if (c === 'f') literal('false');
        else if (c === 'n') literal('null');
        else number();
    };
    try {
        value();
        space();
        if (i < text.length) fail();
        return text.length;
    } catch (offset) {
        return Math.min(offset as number, text.length);
    }
}
