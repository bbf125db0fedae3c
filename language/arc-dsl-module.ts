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
import { ArcDslGeneratedModule, ArcDslGeneratedSharedModule } from './generated/module.js';

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

/** Core services (no LSP) — for the CLI, generators and tests. */
export function createArcDslServices(context: DefaultSharedCoreModuleContext): {
    shared: LangiumSharedCoreServices;
    ArcDsl: ArcDslServices;
} {
    const shared = inject(createDefaultSharedCoreModule(context), ArcDslGeneratedSharedModule);
    const ArcDsl = inject(createDefaultCoreModule({ shared }), ArcDslGeneratedModule, ArcDslModule);
    shared.ServiceRegistry.register(ArcDsl);
    registerValidationChecks(ArcDsl);
    return { shared, ArcDsl };
}
