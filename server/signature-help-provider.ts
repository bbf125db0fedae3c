import type { LangiumDocument, MaybePromise } from 'langium';
import type { SignatureHelpProvider } from 'langium/lsp';
import type { ParameterInformation, SignatureHelp, SignatureHelpOptions, SignatureHelpParams } from 'vscode-languageserver';
import { defaultText } from '../language/builtins/spec.js';
import type { Builtin } from '../language/builtins/table.js';
import { callAt } from './call-context.js';

/** Signature help for builtin calls: the signature from the one table, the active parameter positional or named. */
export class ArcDslSignatureHelpProvider implements SignatureHelpProvider {
    provideSignatureHelp(document: LangiumDocument, params: SignatureHelpParams): MaybePromise<SignatureHelp | undefined> {
        const text = document.textDocument.getText();
        const call = callAt(text, document.textDocument.offsetAt(params.position));
        if (!call) return undefined;
        const { label, parameters } = signatureOf(call.builtin);
        return {
            signatures: [{ label, parameters, documentation: { kind: 'markdown', value: call.builtin.doc } }],
            activeSignature: 0,
            // Past the last parameter: an index out of range shows no parameter as active.
            activeParameter: call.activeParameter ?? call.builtin.params.length,
        };
    }

    get signatureHelpOptions(): SignatureHelpOptions {
        return { triggerCharacters: ['(', ','], retriggerCharacters: [':', ' '] };
    }
}

/** `name(p: T = d, …) -> R` with the offsets of each parameter in the label. */
export function signatureOf(builtin: Builtin): { label: string; parameters: ParameterInformation[] } {
    let label = `${builtin.name}(`;
    const parameters: ParameterInformation[] = builtin.params.map((param, index) => {
        if (index > 0) label += ', ';
        const dflt = defaultText(param);
        const text = `${param.name}: ${param.type}${dflt === undefined ? '' : ` = ${dflt}`}`;
        const start = label.length;
        label += text;
        return { label: [start, label.length], documentation: param.doc };
    });
    label += `) -> ${builtin.returns}`;
    return { label, parameters };
}
