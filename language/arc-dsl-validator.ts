import type { ValidationAcceptor, ValidationChecks } from 'langium';
import type { ArcDslServices } from './arc-dsl-module.js';
import { TypeChecker } from './checker.js';
import type { ArcDslAstType, Document } from './generated/ast.js';

export function registerValidationChecks(services: ArcDslServices): void {
    const registry = services.validation.ValidationRegistry;
    const validator = services.validation.ArcDslValidator;
    const checks: ValidationChecks<ArcDslAstType> = {
        Document: validator.checkDocument,
    };
    registry.register(checks, validator);
}

/** Runs the type checker over a whole document; see checker.ts for the rules. */
export class ArcDslValidator {
    checkDocument(document: Document, accept: ValidationAcceptor): void {
        new TypeChecker(accept).checkDocument(document);
    }
}
