import type { LangiumDocument, MaybePromise } from 'langium';
import type { Formatter } from 'langium/lsp';
import { type DocumentOnTypeFormattingOptions, TextEdit } from 'vscode-languageserver';
import type { Document } from '../language/generated/ast.js';
import { printDocument } from '../language/printer.js';

/**
 * Formatting is the canonical printer: one edit replacing the whole document. A document that does
 * not parse is left alone (its AST is incomplete, printing it would drop text).
 */
export class ArcDslFormatter implements Formatter {
    formatDocument(document: LangiumDocument): MaybePromise<TextEdit[]> {
        const { parseResult, textDocument } = document;
        if (parseResult.lexerErrors.length > 0 || parseResult.parserErrors.length > 0) return [];
        const before = textDocument.getText();
        const after = printDocument(parseResult.value as Document);
        if (after === before) return [];
        return [TextEdit.replace({ start: textDocument.positionAt(0), end: textDocument.positionAt(before.length) }, after)];
    }

    /** The canonical layout is whole-document; a range is formatted by formatting the document. */
    formatDocumentRange(document: LangiumDocument): MaybePromise<TextEdit[]> {
        return this.formatDocument(document);
    }

    formatDocumentOnType(): MaybePromise<TextEdit[]> {
        return [];
    }

    get formatOnTypeOptions(): DocumentOnTypeFormattingOptions | undefined {
        return undefined;
    }
}
