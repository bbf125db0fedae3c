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
    /** The checker of each document's last validation, kept for its inferred types (inlay hints, hovers). */
    private readonly checkers = new WeakMap<Document, TypeChecker>();

    checkDocument(document: Document, accept: ValidationAcceptor): void {
        const checker = new TypeChecker(accept);
        this.checkers.set(document, checker);
        checker.checkDocument(document);
    }

    /** The types the checker inferred for this document (undefined until it has been validated). */
    typesOf(document: Document): TypeChecker | undefined {
        return this.checkers.get(document);
    }
}
