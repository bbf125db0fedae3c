/** How completions are drawn. temperature 0 means greedy decoding. */
export interface SamplingSettings {
    temperature: number;
    topP: number;
    maxNewTokens: number;
    seed: number;
}

/** `count` completions of one prompt. */
export interface SampleRequest {
    prompt: string;
    count: number;
    /** Names the samples asked for (task and first sample index): seeds them, so a rerun draws the same. */
    key: string;
}

/** A source of program completions: a local ONNX model or an OpenAI-compatible server. */
export interface Sampler {
    /** For each request, `count` completions (program text, without the prompt and EOS), in order. */
    sample(requests: readonly SampleRequest[]): Promise<string[][]>;
    /** Throws a SamplerError if a prompt cannot be sampled at all (e.g. longer than the model's context). */
    checkPrompts?(prompts: readonly { key: string; prompt: string }[]): void;
    close(): Promise<void>;
}

/** A model or endpoint that cannot be used: reported as one line, nothing else is lost. */
export class SamplerError extends Error {}
