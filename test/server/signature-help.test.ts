import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument, replaceIndices, textDocumentPositionParams } from 'langium/test';
import type { SignatureHelp } from 'vscode-languageserver';
import { markers, services } from './lsp.js';

async function signatureAt(text: string): Promise<SignatureHelp | undefined> {
    const { output, indices } = replaceIndices({ ...markers, text });
    const document = await parseDocument(services, output);
    return services.lsp.SignatureHelp?.provideSignatureHelp(document, textDocumentPositionParams(document, indices[0]));
}

/** The active parameter's text, e.g. `bg: Color = most_color(g)`. */
function active(help: SignatureHelp | undefined): string | undefined {
    const signature = help?.signatures[0];
    const param = signature?.parameters?.[help?.activeParameter ?? -1];
    if (!signature || !param) return undefined;
    const [start, end] = param.label as [number, number];
    return signature.label.slice(start, end);
}

describe('signature help', () => {
    it('shows the signature from the builtin table with the positional parameter active', async () => {
        const help = await signatureAt('output = crop(input, largest(objects(input, <|>)))\n');
        assert.equal(
            help?.signatures[0].label,
            'objects(g: Grid, connectivity: Int = 4, by_color: Bool = true, bg: Color = most_color(g)) -> Objects',
        );
        assert.equal(active(help), 'connectivity: Int = 4');
    });

    it('follows a named argument', async () => {
        const help = await signatureAt('let objs = objects(input, bg: <|>)\noutput = input\n');
        assert.equal(active(help), 'bg: Color = most_color(g)');
    });

    it('counts the left side of a pipe as the first argument', async () => {
        const help = await signatureAt('output = input |> rotate(<|>)\n');
        assert.equal(active(help), 'turns: Int = 1');
    });

    it('stays on the call through a tuple argument', async () => {
        const help = await signatureAt('let c = cell(input, (1, <|>))\noutput = input\n');
        assert.equal(active(help), 'at: Point');
    });

    it('has nothing outside a call or past the closing parenthesis', async () => {
        assert.equal(await signatureAt('output = rotate(input)<|>\n'), undefined);
        assert.equal(await signatureAt('output = <|>input\n'), undefined);
    });
});
