import './polyfill.js';
import {
    createDefaultCoreModule,
    createDefaultSharedCoreModule,
    type DefaultSharedCoreModuleContext,
    inject,
    type LangiumCoreServices,
    type LangiumSharedCoreServices,
    type Module,
    type PartialLangiumCoreServices,
} from 'langium';
import { ArcDslLinker, ArcDslScopeComputation } from './arc-dsl-scope.js';
import { ArcDslValidator, registerValidationChecks } from './arc-dsl-validator.js';
import { ArcDslGeneratedModule, ArcDslGeneratedSharedModule, ArcDslLanguageMetaData } from './generated/module.js';

export type ArcDslAddedServices = {
    validation: {
        ArcDslValidator: ArcDslValidator;
    };
};

export type ArcDslServices = LangiumCoreServices & ArcDslAddedServices;

export const ArcDslModule: Module<ArcDslServices, PartialLangiumCoreServices & ArcDslAddedServices> = {
    references: {
        ScopeComputation: (services) => new ArcDslScopeComputation(services),
        Linker: (services) => new ArcDslLinker(services),
    },
    validation: {
        ArcDslValidator: () => new ArcDslValidator(),
    },
};

/**
 * Builds the parser without Chevrotain's grammar self-check (~100 ms of every CLI start). The grammar
 * is still checked wherever services are built in development mode: the language server and its tests.
 */
const ProductionParserModule: Module<ArcDslServices, PartialLangiumCoreServices> = {
    LanguageMetaData: () => ({ ...ArcDslLanguageMetaData, mode: 'production' }),
};

/** Core services (no LSP) — for the CLI, generators and tests; `production` skips the grammar self-check. */
export function createArcDslServices(
    context: DefaultSharedCoreModuleContext,
    options: { production?: boolean } = {},
): {
    shared: LangiumSharedCoreServices;
    ArcDsl: ArcDslServices;
} {
    const shared = inject(createDefaultSharedCoreModule(context), ArcDslGeneratedSharedModule);
    const ArcDsl = options.production
        ? inject(createDefaultCoreModule({ shared }), ArcDslGeneratedModule, ArcDslModule, ProductionParserModule)
        : inject(createDefaultCoreModule({ shared }), ArcDslGeneratedModule, ArcDslModule);
    shared.ServiceRegistry.register(ArcDsl);
    registerValidationChecks(ArcDsl);
    return { shared, ArcDsl };
}
