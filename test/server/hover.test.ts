import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clearDocuments, expectHover, parseDocument, replaceIndices, textDocumentPositionParams } from 'langium/test';
import { MarkupContent } from 'vscode-languageserver';
import { FLIP_TASK, markers, services } from './lsp.js';

const hover = expectHover(services);

/** The hover markdown at the `<|>` marker, after validation (so `let` values are known). */
async function hoverAt(text: string): Promise<string> {
    const { output, indices } = replaceIndices({ ...markers, text });
    const document = await parseDocument(services, output, { validation: true });
    try {
        const result = await services.lsp.HoverProvider?.getHoverContent(document, textDocumentPositionParams(document, indices[0]));
        return result && MarkupContent.is(result.contents) ? result.contents.value : '';
    } finally {
        await clearDocuments(services, [document]);
    }
}

/** The SVG pictures in a hover, decoded. */
function images(markdown: string): string[] {
    return [...markdown.matchAll(/!\[[^\]]*\]\(data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)\)/g)].map((m) =>
        Buffer.from(m[1], 'base64').toString('utf8'),
    );
}

describe('hover', () => {
    it('shows a builtin signature and doc from the table', async () => {
        await hover({
            ...markers,
            text: 'output = <|>rotate(input)\n',
            index: 0,
            hover: /^```arcdsl\nrotate\(g: Grid, turns: Int = 1\) -> Grid\n```/,
        });
        assert.match(await hoverAt('output = <|>rotate(input)\n'), /clockwise/i);
    });

    it('shows the type of a let and its grid value on the first train input as a picture', async () => {
        const text = await hoverAt(`${FLIP_TASK}let f = flip(input)\noutput = <|>f\n`);
        assert.match(text, /let f: Grid/);
        assert.match(text, /On train 1 \(2×3\)/);
        const [svg] = images(text);
        assert.ok(svg?.startsWith('<svg'), text);
        // train 1 flipped is [0 0 1 | 0 0 2]: black, blue and red cells.
        for (const fill of ['#000000', '#0074D9', '#FF4136']) assert.ok(svg.includes(`fill="${fill}"`), fill);
        assert.ok(!svg.includes('fill="#2ECC40"'));
    });

    it('shows an object value as a picture of its cells', async () => {
        const text = await hoverAt(`${FLIP_TASK}let <|>o = largest(objects(input))\noutput = crop(input, o)\n`);
        assert.match(text, /let o: Object/);
        assert.match(text, /On train 1: object of 1 cell at \(0, 0\)/);
        assert.equal(images(text).length, 1);
    });

    it('shows a grid literal as a picture with its size', async () => {
        const text = await hoverAt(`task "t" {\n  train [1 0 <|>0 | 2 0 0] -> [0 0 1 | 0 0 2]\n}\noutput = flip(input)\n`);
        assert.match(text, /^Grid \(2×3\):/);
        assert.equal(images(text).length, 1);
    });

    it('shows what the program gave on a failing pair', async () => {
        const text = await hoverAt(`task "t" {\n  train [1 0 0] -> [0 0 <|>1]\n}\noutput = input\n`);
        assert.match(text, /train 1: 2 cells differ, first at row 0, col 0/);
        assert.equal(images(text).length, 2);
    });

    it('shows a colour name with its number and colour', async () => {
        const text = await hoverAt('output = recolor(input, from: <|>red, to: blue)\n');
        assert.match(text, /\*\*red\*\* — colour 2 \(`#FF4136`\)/);
        assert.ok(images(text)[0].includes('fill="#FF4136"'));
    });

    it('documents a named argument', async () => {
        const text = await hoverAt('let objs = objects(input, <|>connectivity: 8)\noutput = input\n');
        assert.match(text, /connectivity: Int/);
        assert.match(text, /4 \(edges\) or 8/);
    });
});
