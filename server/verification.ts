import { AstUtils } from 'langium';
import { CancellationToken } from 'vscode-languageserver';
import * as ast from '../language/generated/ast.js';
import type { Value } from '../language/values.js';
import { type Verification, verifyTask } from '../language/verify-task.js';

/**
 * Runs a checked program on every pair of its document's task, once per document version, and keeps
 * the result for diagnostics, hovers, inlay hints and the Grid Preview.
 */
export class Verifier {
    private readonly results = new WeakMap<ast.Document, Verification>();

    /** The verification of this AST, if it has been validated. */
    get(document: ast.Document): Verification | undefined {
        return this.results.get(document);
    }

    async verify(document: ast.Document, errorCount: number, cancelToken = CancellationToken.None): Promise<Verification> {
        const verification = await verifyTask(document, errorCount, cancelToken);
        this.results.set(document, verification);
        return verification;
    }

    /** The value a `let` took on the first train input (the pair hovers and inlay hints show). */
    letValue(statement: ast.LetStatement): Value | undefined {
        const document = AstUtils.getContainerOfType(statement, ast.isDocument);
        const verification = document && this.results.get(document);
        const first = verification?.pairs.find((p) => p.pair.kind === 'train') ?? verification?.pairs[0];
        return first?.trace.lets.find((entry) => entry.name === statement.name)?.value;
    }
}
