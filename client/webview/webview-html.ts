import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { COLOR_HEX } from '../../language/colors.js';

/** Webviews load their scripts and styles from the extension's client/ folder only. */
export function webviewRoots(extensionUri: vscode.Uri): vscode.Uri[] {
    return [vscode.Uri.joinPath(extensionUri, 'client')];
}

export interface WebviewPage {
    title: string;
    /** Scripts under client/, loaded after the shared grid drawing (client/webview/grids.js). */
    scripts: string[];
    /** Stylesheets under client/, loaded after the shared grid styles. */
    styles: string[];
    /** The page's body markup (trusted: written by the extension, never from data). */
    body: string;
}

/** A page with a strict Content Security Policy: no inline script, scripts by nonce, the ARC palette on <body>. */
export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, page: WebviewPage): string {
    const nonce = randomBytes(16).toString('base64');
    const uri = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'client', ...file.split('/')));
    const csp = [
        "default-src 'none'",
        `style-src ${webview.cspSource}`,
        `img-src ${webview.cspSource} data:`,
        `script-src 'nonce-${nonce}'`,
    ].join('; ');
    const styles = ['webview/grids.css', ...page.styles].map((file) => `<link rel="stylesheet" href="${uri(file)}">`);
    const scripts = ['webview/grids.js', ...page.scripts].map((file) => `<script nonce="${nonce}" src="${uri(file)}"></script>`);
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles.join('\n')}
<title>${page.title}</title>
</head>
<body data-palette="${COLOR_HEX.join(',')}">
${page.body}
${scripts.join('\n')}
</body>
</html>`;
}
