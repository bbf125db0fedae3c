import { DocumentState, URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { Connection } from 'vscode-languageserver';
import type { Document } from '../language/generated/ast.js';
import type { ArcDslLspServices } from './arc-dsl-lsp-module.js';
import { buildPreview, statusOf } from './preview.js';
import { PREVIEW_REQUEST, type PreviewParams, type PreviewResult, STATUS_NOTIFICATION } from './preview-protocol.js';

/**
 * The Grid Preview request, and a status notification after each validation (the client's status bar
 * and preview follow it).
 */
export function addPreviewHandlers(connection: Connection, shared: LangiumSharedServices): void {
    const { DocumentBuilder, LangiumDocuments, WorkspaceManager } = shared.workspace;
    const verifierOf = (uri: URI) => (shared.ServiceRegistry.getServices(uri) as ArcDslLspServices).verification.Verifier;

    connection.onRequest(PREVIEW_REQUEST, async (params: PreviewParams, cancelToken): Promise<PreviewResult | null> => {
        const uri = URI.parse(params.uri);
        await WorkspaceManager.ready;
        if (!LangiumDocuments.hasDocument(uri)) return null;
        await DocumentBuilder.waitUntil(DocumentState.Validated, uri, cancelToken);
        const document = LangiumDocuments.getDocument(uri);
        if (!document) return null;
        return buildPreview(document, verifierOf(uri).get(document.parseResult.value as Document));
    });

    DocumentBuilder.onDocumentPhase(DocumentState.Validated, (document) => {
        const verification = verifierOf(document.uri).get(document.parseResult.value as Document);
        return connection.sendNotification(STATUS_NOTIFICATION, statusOf(document, verification));
    });
}
