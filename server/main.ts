import '../language/polyfill.js';
import { DocumentState } from 'langium';
import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createArcDslLspServices } from './arc-dsl-lsp-module.js';
import { addPreviewHandlers } from './preview-handlers.js';

// The transport (--stdio, --node-ipc, --socket=N) comes from the command line.
const connection = createConnection(ProposedFeatures.all);
const { shared } = createArcDslLspServices({ connection, ...NodeFileSystem });
// Hovers, inlay hints and code lenses show the checker's types and the verification's values.
startLanguageServer(shared, {
    HoverProvider: DocumentState.Validated,
    InlayHintProvider: DocumentState.Validated,
    CodeLensProvider: DocumentState.Validated,
});
addPreviewHandlers(connection, shared);
