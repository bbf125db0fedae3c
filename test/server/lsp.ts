import { EmptyFileSystem, type LangiumDocument } from 'langium';
import { parseHelper } from 'langium/test';
import type { Document } from '../../language/generated/ast.js';
import { createArcDslLspServices } from '../../server/arc-dsl-lsp-module.js';

/** The language server's services on an in-memory file system, shared by the Langium-level tests. */
export const { ArcDsl: services, shared } = createArcDslLspServices(EmptyFileSystem);

/**
 * Markers for `langium/test` helpers: `<|>` marks a cursor, `<<…>>` a range. (Langium's default
 * range markers `<|`/`|>` collide with the pipe operator.)
 */
export const markers = { rangeStartMarker: '<<', rangeEndMarker: '>>' } as const;

const parse = parseHelper<Document>(services);

/** Parses, links and validates (checker + verification), as the server does after each change. */
export function validated(text: string): Promise<LangiumDocument<Document>> {
    return parse(text, { validation: true });
}

/** A small task whose solution is `flip(input)`. */
export const FLIP_TASK = `task "flip" family MirrorShape {
  train [1 0 0 | 2 0 0] -> [0 0 1 | 0 0 2]
  train [0 3 0 | 3 0 0] -> [0 3 0 | 0 0 3]
  test [4 4 0 | 0 0 0] -> [0 4 4 | 0 0 0]
}
`;
