import type { LangiumDocument, MaybePromise } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens } from 'vscode-languageserver';
import type * as ast from '../language/generated/ast.js';
import type { ArcDslLspServices } from './arc-dsl-lsp-module.js';
import type { Verifier } from './verification.js';

/** The client command that opens the Grid Preview (client/extension.ts). */
export const OPEN_PREVIEW_COMMAND = 'arcdsl.openPreview';

const ICONS = { pass: '$(pass)', fail: '$(error)', invalid: '$(warning)', 'no-task': '' } as const;

/** Above the task: the verification summary and "Open Grid Preview". */
export class ArcDslCodeLensProvider implements CodeLensProvider {
    private readonly verifier: Verifier;

    constructor(services: ArcDslLspServices) {
        this.verifier = services.verification.Verifier;
    }

    provideCodeLens(document: LangiumDocument): MaybePromise<CodeLens[]> {
        const root = document.parseResult.value as ast.Document;
        const range = root.task?.$cstNode?.range;
        if (!range) return [];
        const line = { start: range.start, end: range.start };
        const lenses: CodeLens[] = [];
        const verification = this.verifier.get(root);
        if (verification && verification.status !== 'no-task') {
            const title = `${ICONS[verification.status]} ${verification.summary}`.trim();
            lenses.push({ range: line, command: { title, command: OPEN_PREVIEW_COMMAND, arguments: [document.uri.toString()] } });
        }
        lenses.push({
            range: line,
            command: { title: 'Open Grid Preview', command: OPEN_PREVIEW_COMMAND, arguments: [document.uri.toString()] },
        });
        return lenses;
    }
}
