import {
    type AstNodeDescription,
    DefaultLinker,
    DefaultScopeComputation,
    type LangiumCoreServices,
    type LinkingError,
    type ReferenceInfo,
} from 'langium';
import { BUILTINS } from './builtins/table.js';
import { didYouMean } from './suggest.js';

/** `let` names are local to their document: nothing is exported to other files. */
export class ArcDslScopeComputation extends DefaultScopeComputation {
    override async collectExportedSymbols(): Promise<AstNodeDescription[]> {
        return [];
    }
}

/** Plain "unknown name" messages with a did-you-mean instead of Langium's generic text. */
export class ArcDslLinker extends DefaultLinker {
    private readonly scopes: LangiumCoreServices['references']['ScopeProvider'];

    constructor(services: LangiumCoreServices) {
        super(services);
        this.scopes = services.references.ScopeProvider;
    }

    protected override createLinkingError(refInfo: ReferenceInfo, targetDescription?: AstNodeDescription): LinkingError {
        const name = refInfo.reference.$refText;
        let message: string;
        if (BUILTINS.has(name)) {
            message = `'${name}' is a builtin: call it, e.g. ${name}(…), or pass a lambda: x => ${name}(x)`;
        } else {
            const inScope = this.scopes
                .getScope(refInfo)
                .getAllElements()
                .map((d) => d.name)
                .toArray();
            message = `unknown name '${name}'.${didYouMean(name, [...inScope, 'input'])}`;
        }
        return { info: refInfo, message, targetDescription };
    }
}
