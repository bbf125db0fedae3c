import { describe, it } from 'node:test';
import { expectSemanticToken, highlightHelper } from 'langium/test';
import { SemanticTokenTypes } from 'vscode-languageserver';
import { services } from './lsp.js';

const highlight = highlightHelper(services);

describe('semantic tokens', () => {
    it('marks builtin calls, named arguments, colour literals, let names and lambda parameters', async () => {
        // `<|…|>` marks the token each expectation below is about, in order.
        const tokens = await highlight(
            'let <|objs|> = <|objects|>(input, <|bg|>: <|red|>)\noutput = crop(input, argmax(<|objs|>, <|o|> => size(<|o|>)))\n',
        );
        const expected = [
            SemanticTokenTypes.variable,
            SemanticTokenTypes.function,
            SemanticTokenTypes.parameter,
            SemanticTokenTypes.enumMember,
            SemanticTokenTypes.variable,
            SemanticTokenTypes.parameter,
            SemanticTokenTypes.parameter,
        ];
        expected.forEach((tokenType, rangeIndex) => {
            expectSemanticToken(tokens, { rangeIndex, tokenType });
        });
    });
});
