import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CompletionRequest {
    model: string;
    prompt: string;
    n: number;
    temperature: number;
    top_p: number;
    max_tokens: number;
    stop?: string[];
    seed?: number;
}

export interface CompletionsServer {
    url: string;
    requests: CompletionRequest[];
    close(): Promise<void>;
}

/**
 * A minimal OpenAI-compatible `/v1/completions` server on 127.0.0.1: `answer(request, index)` gives
 * the text of choice `index`; `choicesPerAnswer` caps the choices per answer (some servers ignore n);
 * `delayMs` slows every answer down.
 */
export async function startCompletionsServer(
    answer: (request: CompletionRequest, index: number) => string,
    options: { choicesPerAnswer?: number; delayMs?: number } = {},
): Promise<CompletionsServer> {
    const requests: CompletionRequest[] = [];
    const server: Server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => {
            if (req.method !== 'POST' || req.url !== '/v1/completions') {
                res.writeHead(404, { 'content-type': 'application/json' }).end(
                    JSON.stringify({ error: { message: `no route ${req.url}` } }),
                );
                return;
            }
            const request = JSON.parse(Buffer.concat(chunks).toString('utf8')) as CompletionRequest;
            requests.push(request);
            const count = Math.min(request.n, options.choicesPerAnswer ?? request.n);
            const choices = Array.from({ length: count }, (_, index) => ({ index, text: answer(request, index), finish_reason: 'stop' }));
            setTimeout(() => {
                res.writeHead(200, { 'content-type': 'application/json' }).end(
                    JSON.stringify({ id: 'cmpl-test', object: 'text_completion', choices }),
                );
            }, options.delayMs ?? 0);
        });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return {
        url: `http://127.0.0.1:${port}`,
        requests,
        close: () =>
            new Promise((resolve) => {
                server.closeAllConnections();
                server.close(() => resolve());
            }),
    };
}
