import { arcDslServices } from '../language/load.js';

/**
 * Puts the shared Langium parser back in working order after it threw mid-parse. A program nested
 * deeper than the JavaScript stack allows (about 70 levels of parentheses, 550 unary minuses) makes
 * the parser throw a RangeError and leaves its rule stack non-empty; from then on every parse fails
 * with "Parser stack is not empty after parsing", so one bad request would poison a long-lived
 * `exec` session. Emptying that stack restores it (LangiumParser.parse does not reset it itself).
 */
export function recoverParser(): void {
    const parser = arcDslServices().ArcDsl.parser.LangiumParser as unknown as { stack?: unknown[] };
    if (Array.isArray(parser.stack)) parser.stack.length = 0;
}
