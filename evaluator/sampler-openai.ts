import { type SampleRequest, type Sampler, SamplerError, type SamplingSettings } from './sampler.js';

export interface OpenAiOptions {
    baseUrl: string;
    modelName: string;
    stop?: string[];
    /** Per HTTP request. */
    timeoutMs?: number;
    /** Attempts for 429/5xx answers and dropped connections before giving up. */
    attempts?: number;
}

interface CompletionResponse {
    choices?: { text?: unknown; index?: unknown }[];
    error?: { message?: unknown } | string;
}

/**
 * Samples from any OpenAI-compatible `/v1/completions` endpoint (vLLM, llama.cpp server, TGI):
 * one request per prompt with `n`, requests of a batch in parallel. Servers that return fewer
 * choices than asked (some ignore `n`) are asked again for the rest.
 */
export class OpenAiSampler implements Sampler {
    private readonly url: string;

    constructor(
        private readonly options: OpenAiOptions,
        private readonly settings: SamplingSettings,
    ) {
        let base: URL;
        try {
            base = new URL(options.baseUrl);
        } catch {
            throw new SamplerError(`--base-url ${options.baseUrl}: not a URL`);
        }
        if (base.protocol !== 'http:' && base.protocol !== 'https:')
            throw new SamplerError(`--base-url ${options.baseUrl}: not an http(s) URL`);
        const path = base.pathname.replace(/\/+$/, '');
        this.url = `${base.origin}${path.endsWith('/v1') ? path : `${path}/v1`}/completions`;
    }

    async sample(requests: readonly SampleRequest[]): Promise<string[][]> {
        return Promise.all(requests.map((request) => this.complete(request)));
    }

    async close(): Promise<void> {}

    private async complete(request: SampleRequest): Promise<string[]> {
        const texts: string[] = [];
        for (let round = 0; texts.length < request.count; round++) {
            if (round >= request.count + 2) throw new SamplerError(`${this.url}: the server keeps returning no completions`);
            const n = request.count - texts.length;
            const choices = await this.post({
                model: this.options.modelName,
                prompt: request.prompt,
                n,
                temperature: this.settings.temperature,
                top_p: this.settings.temperature === 0 ? 1 : this.settings.topP,
                max_tokens: this.settings.maxNewTokens,
                seed: seedOf(`${this.settings.seed}:${request.key}:${round}`),
                ...(this.options.stop?.length ? { stop: this.options.stop } : {}),
            });
            texts.push(...choices.slice(0, n));
        }
        return texts;
    }

    private async post(body: Record<string, unknown>): Promise<string[]> {
        const attempts = this.options.attempts ?? 4;
        for (let attempt = 1; ; attempt++) {
            let response: Response;
            try {
                response = await fetch(this.url, {
                    method: 'POST',
                    headers: { 'content-type': 'application/json' },
                    body: JSON.stringify(body),
                    signal: AbortSignal.timeout(this.options.timeoutMs ?? 600_000),
                });
            } catch (error) {
                if (attempt < attempts && !isRefused(error)) {
                    await pause(attempt);
                    continue;
                }
                throw new SamplerError(`${this.url}: cannot reach the endpoint (${causeOf(error)})`);
            }
            const text = await response.text();
            if ((response.status === 429 || response.status >= 500) && attempt < attempts) {
                await pause(attempt);
                continue;
            }
            let parsed: CompletionResponse;
            try {
                parsed = JSON.parse(text) as CompletionResponse;
            } catch {
                throw new SamplerError(`${this.url}: HTTP ${response.status}, not a JSON answer: ${text.slice(0, 200)}`);
            }
            if (!response.ok) {
                const message = typeof parsed.error === 'string' ? parsed.error : parsed.error?.message;
                throw new SamplerError(`${this.url}: HTTP ${response.status}${message ? `: ${String(message)}` : ''}`);
            }
            if (!Array.isArray(parsed.choices) || parsed.choices.some((c) => typeof c?.text !== 'string')) {
                throw new SamplerError(`${this.url}: the answer has no choices[].text — is this a /v1/completions endpoint?`);
            }
            const choices = [...parsed.choices];
            choices.sort((a, b) => (Number(a.index) || 0) - (Number(b.index) || 0));
            return choices.map((c) => c.text as string);
        }
    }
}

function seedOf(text: string): number {
    let hash = 0;
    for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) >>> 0;
    return hash & 0x7fffffff;
}

function causeOf(error: unknown): string {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

/** Nobody listens there: retrying will not help. */
function isRefused(error: unknown): boolean {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    return code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN';
}

function pause(attempt: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, 250 * 2 ** (attempt - 1)));
}
