import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectCompletion } from 'langium/test';
import { type CompletionItem, CompletionItemKind, type CompletionList, MarkupContent } from 'vscode-languageserver';
import { BUILTINS } from '../../language/builtins/table.js';
import { FLIP_TASK, markers, services } from './lsp.js';

const complete = expectCompletion(services);

async function completionsAt(text: string): Promise<CompletionList> {
    let result: CompletionList | undefined;
    await complete({ ...markers, text, index: 0, assert: (list) => (result = list), disposeAfterCheck: true });
    assert.ok(result);
    return result;
}

function item(list: CompletionList, label: string): CompletionItem {
    const found = list.items.find((i) => i.label === label);
    assert.ok(found, `no completion '${label}' in ${list.items.map((i) => i.label).join(', ')}`);
    return found;
}

const labels = (list: CompletionList) => list.items.map((i) => i.label);

describe('completion', () => {
    it('offers every builtin with its signature and documentation from the table', async () => {
        const list = await completionsAt(`${FLIP_TASK}let objs = <|>\noutput = input\n`);
        for (const name of BUILTINS.keys()) assert.ok(labels(list).includes(name), name);
        const objects = item(list, 'objects');
        assert.equal(objects.kind, CompletionItemKind.Function);
        assert.match(objects.detail ?? '', /^\(g: Grid, connectivity: Int, by_color: Bool, bg: Color\) -> Objects$/);
        assert.ok(MarkupContent.is(objects.documentation));
        assert.match(objects.documentation.value, /connected shapes/);
        assert.equal(objects.textEdit?.newText, 'objects($0)');
    });

    it('offers the let names defined above the cursor, not those below', async () => {
        const list = await completionsAt(`let above = input\nlet here = <|>\nlet below = input\noutput = here\n`);
        assert.ok(labels(list).includes('above'));
        assert.ok(!labels(list).includes('below'));
        assert.ok(!labels(list).includes('here'));
        assert.equal(item(list, 'above').kind, CompletionItemKind.Variable);
        assert.equal(item(list, 'input').detail, 'Grid');
    });

    it('offers the parameters of the lambda around the cursor', async () => {
        const list = await completionsAt('output = crop(input, argmax(objects(input), obj => size(<|>)))\n');
        assert.ok(labels(list).includes('obj'));
    });

    it('completes below a task as above it (only the statement under the cursor is re-parsed)', async () => {
        const partial = await completionsAt(`${FLIP_TASK}let objs = objects(input)\nlet big = argmax(objs, o => si<|>)\noutput = input\n`);
        assert.ok(labels(partial).includes('size'));
        const inner = await completionsAt(
            `${FLIP_TASK}let objs = objects(input)\nlet big = argmax(objs, o => size(<|>))\noutput = input\n`,
        );
        assert.ok(labels(inner).includes('o'));
        assert.ok(labels(inner).includes('objs'));
        assert.ok(!labels(inner).includes('big'));
    });

    it('offers the named arguments not given yet', async () => {
        const list = await completionsAt('output = crop(input, largest(objects(input, connectivity: 8, <|>)))\n');
        const named = labels(list).filter((l) => l.endsWith(':'));
        assert.deepEqual(named, ['by_color:', 'bg:']);
        const bg = item(list, 'bg:');
        assert.equal(bg.kind, CompletionItemKind.Property);
        assert.equal(bg.detail, 'Color = most_color(g)');
        assert.equal(bg.textEdit?.newText, 'bg: ');
    });

    it('offers axis and direction literals and input at the start of an argument, but no statement keywords', async () => {
        const list = await completionsAt('output = flip(input, <|>)\n');
        assert.equal(item(list, 'vertical').detail, 'Axis');
        assert.equal(item(list, 'up').detail, 'Dir');
        assert.equal(item(list, 'input').kind, CompletionItemKind.Variable);
        assert.ok(labels(list).includes('axis:'));
        assert.ok(!labels(list).includes('output'));
        assert.ok(!labels(list).includes('let'));
    });

    it('offers colour names with their colour, first where a colour is expected', async () => {
        const list = await completionsAt('output = recolor(input, from: <|>)\n');
        const red = item(list, 'red');
        assert.equal(red.kind, CompletionItemKind.Color);
        assert.equal(red.documentation, '#FF4136');
        assert.equal(red.detail, 'Color 2');
        const sorted = [...list.items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
        assert.deepEqual(
            sorted.slice(0, 3).map((i) => i.label),
            ['black', 'blue', 'red'],
        );
    });

    it('offers directions first where a direction is expected', async () => {
        const list = await completionsAt('let o = largest(objects(input))\noutput = move_until(input, o, dir: <|>)\n');
        const first = [...list.items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''))[0];
        assert.equal(first.kind, CompletionItemKind.EnumMember);
        assert.equal(first.detail, 'Dir');
    });

    it('offers the statement keywords at the start of a line', async () => {
        const list = await completionsAt(`${FLIP_TASK}<|>`);
        assert.ok(labels(list).includes('let'));
        assert.ok(labels(list).includes('output'));
        assert.equal(item(list, 'let').kind, CompletionItemKind.Keyword);
    });
});
