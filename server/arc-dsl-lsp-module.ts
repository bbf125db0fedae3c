import '../language/polyfill.js';
import { inject, type Module } from 'langium';
import {
    createDefaultModule,
    createDefaultSharedModule,
    type DefaultSharedModuleContext,
    type LangiumServices,
    type LangiumSharedServices,
    type PartialLangiumServices,
} from 'langium/lsp';
import { type ArcDslAddedServices, ArcDslModule } from '../language/arc-dsl-module.js';
import { registerValidationChecks } from '../language/arc-dsl-validator.js';
import { ArcDslGeneratedModule, ArcDslGeneratedSharedModule } from '../language/generated/module.js';
import { ArcDslCodeActionProvider } from './code-actions.js';
import { ArcDslCodeLensProvider } from './code-lens.js';
import { ArcDslCompletionProvider } from './completion-provider.js';
import { ArcDslDocumentSymbolProvider } from './document-symbols.js';
import { ArcDslDocumentValidator } from './document-validator.js';
import { ArcDslFoldingRangeProvider } from './folding-range-provider.js';
import { ArcDslFormatter } from './formatter.js';
import { ArcDslHoverProvider } from './hover-provider.js';
import { ArcDslInlayHintProvider } from './inlay-hints.js';
import { ArcDslSemanticTokenProvider } from './semantic-tokens.js';
import { ArcDslSignatureHelpProvider } from './signature-help-provider.js';
import { Verifier } from './verification.js';

export type ArcDslLspAddedServices = {
    verification: {
        Verifier: Verifier;
    };
};

export type ArcDslLspServices = LangiumServices & ArcDslAddedServices & ArcDslLspAddedServices;

/** The editor services on top of the core module (language/arc-dsl-module.ts): same parser, scoping and checker. */
export const ArcDslLspModule: Module<ArcDslLspServices, PartialLangiumServices & ArcDslLspAddedServices> = {
    validation: {
        DocumentValidator: (services) => new ArcDslDocumentValidator(services),
    },
    verification: {
        Verifier: () => new Verifier(),
    },
    lsp: {
        CompletionProvider: (services) => new ArcDslCompletionProvider(services),
        SignatureHelp: () => new ArcDslSignatureHelpProvider(),
        HoverProvider: (services) => new ArcDslHoverProvider(services),
        Formatter: () => new ArcDslFormatter(),
        DocumentSymbolProvider: () => new ArcDslDocumentSymbolProvider(),
        SemanticTokenProvider: (services) => new ArcDslSemanticTokenProvider(services),
        FoldingRangeProvider: (services) => new ArcDslFoldingRangeProvider(services),
        CodeActionProvider: (services) => new ArcDslCodeActionProvider(services),
        InlayHintProvider: (services) => new ArcDslInlayHintProvider(services),
        CodeLensProvider: (services) => new ArcDslCodeLensProvider(services),
    },
};

/** Core + LSP services. Without a connection (tests) they work on documents built in memory. */
export function createArcDslLspServices(context: DefaultSharedModuleContext): {
    shared: LangiumSharedServices;
    ArcDsl: ArcDslLspServices;
} {
    const shared = inject(createDefaultSharedModule(context), ArcDslGeneratedSharedModule);
    const ArcDsl = inject(
        createDefaultModule({ shared }),
        ArcDslGeneratedModule,
        ArcDslModule as unknown as Module<ArcDslLspServices, ArcDslAddedServices>,
        ArcDslLspModule,
    );
    shared.ServiceRegistry.register(ArcDsl);
    registerValidationChecks(ArcDsl);
    if (!context.connection) {
        // No client to send the configuration: mark it ready so builds do not wait for it.
        shared.workspace.ConfigurationProvider.initialized({});
    }
    return { shared, ArcDsl };
}
