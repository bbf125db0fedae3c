import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type SampleRequest, type Sampler, SamplerError, type SamplingSettings } from './sampler.js';

type Transformers = typeof import('@huggingface/transformers');
type Tokenizer = Awaited<ReturnType<Transformers['AutoTokenizer']['from_pretrained']>>;
type Model = Awaited<ReturnType<Transformers['AutoModelForCausalLM']['from_pretrained']>>;
type Tensor = InstanceType<Transformers['Tensor']>;

/** The files an exported model folder must hold; a one-line error names the first one missing. */
export function checkModelFolder(dir: string): void {
    if (!existsSync(dir)) throw new SamplerError(`--model ${dir}: no such folder`);
    const onnxDir = join(dir, 'onnx');
    const onnx = existsSync(onnxDir) ? readdirSync(onnxDir).filter((f) => f.endsWith('.onnx')) : [];
    if (!onnx.includes('model.onnx')) {
        throw new SamplerError(
            `--model ${dir}: no ONNX model (expected ${join(onnxDir, 'model.onnx')}; export one with 'python -m arcdsl_trainer export-onnx RUN_DIR')`,
        );
    }
    for (const file of ['config.json', 'tokenizer.json', 'tokenizer_config.json']) {
        if (!existsSync(join(dir, file))) throw new SamplerError(`--model ${dir}: ${file} is missing (not an exported model folder)`);
    }
}

/**
 * Samples with @huggingface/transformers on onnxruntime-node, offline. transformers.js ignores
 * num_return_sequences, so a prompt asked for n completions is repeated n times in the batch; rows
 * are left-padded, and since a row keeps going after its own EOS, each is cut at its first EOS.
 */
export class TransformersSampler implements Sampler {
    private constructor(
        private readonly library: Transformers,
        private readonly tokenizer: Tokenizer,
        private readonly model: Model,
        private readonly settings: SamplingSettings,
    ) {}

    static async load(dir: string, settings: SamplingSettings): Promise<TransformersSampler> {
        checkModelFolder(dir);
        const library = await import('@huggingface/transformers');
        library.env.allowRemoteModels = false;
        library.env.allowLocalModels = true;
        library.env.useBrowserCache = false;
        const path = resolve(dir);
        try {
            const tokenizer = await library.AutoTokenizer.from_pretrained(path, { local_files_only: true });
            tokenizer.padding_side = 'left';
            const model = await library.AutoModelForCausalLM.from_pretrained(path, {
                local_files_only: true,
                dtype: 'fp32',
                device: 'cpu',
            });
            return new TransformersSampler(library, tokenizer, model, settings);
        } catch (error) {
            throw new SamplerError(`--model ${dir}: cannot load the model (${firstLine(error)})`);
        }
    }

    /** Every prompt must leave room for at least one new token in the model's context. */
    checkPrompts(prompts: readonly { key: string; prompt: string }[]): void {
        const context = this.context();
        if (context === undefined) return;
        const long = prompts.map((p) => ({ ...p, tokens: this.length(p.prompt) })).filter((p) => p.tokens >= context);
        if (long.length > 0) {
            throw new SamplerError(
                `${long.length} prompt(s) do not fit the model's context of ${context} tokens (task ${long[0].key}: ${long[0].tokens} tokens); ` +
                    'evaluate a split made for this model, or --limit the tasks',
            );
        }
    }

    async sample(requests: readonly SampleRequest[]): Promise<string[][]> {
        const prompts = requests.flatMap((r) => new Array<string>(r.count).fill(r.prompt));
        if (prompts.length === 0) return requests.map(() => []);
        const { temperature, topP, maxNewTokens, seed } = this.settings;
        this.library.random.seed(hashOf(`${seed}:${requests.map((r) => r.key).join(',')}`));
        const inputs = this.tokenizer(prompts, { padding: true });
        const promptLength = (inputs.input_ids as Tensor).dims[1];
        const context = this.context();
        const greedy = temperature === 0;
        let output: Tensor;
        try {
            output = (await this.model.generate({
                ...inputs,
                // Rows are left-padded to the longest prompt: stay within the context.
                max_new_tokens: context === undefined ? maxNewTokens : Math.max(1, Math.min(maxNewTokens, context - promptLength)),
                do_sample: !greedy,
                ...(greedy ? {} : { temperature, top_p: topP, top_k: 0 }),
            })) as Tensor;
        } catch (error) {
            throw new SamplerError(`generation failed for ${requests.map((r) => r.key).join(', ')}: ${firstLine(error)}`);
        }
        const rows = output.tolist() as bigint[][];
        const eos = eosIds(this.model, this.tokenizer);
        const texts = rows.map((row) => {
            const generated = row.slice(promptLength).map(Number);
            const end = generated.findIndex((id) => eos.has(id));
            const program = end < 0 ? generated : generated.slice(0, end);
            return program.length === 0 ? '' : this.tokenizer.decode(program, { skip_special_tokens: true });
        });
        let offset = 0;
        return requests.map((r) => texts.slice(offset, (offset += r.count)));
    }

    async close(): Promise<void> {
        await this.model.dispose();
    }

    private context(): number | undefined {
        const config = this.model.config as { n_positions?: number; max_position_embeddings?: number };
        return config.n_positions ?? config.max_position_embeddings;
    }

    private length(prompt: string): number {
        return (this.tokenizer(prompt).input_ids as Tensor).dims[1];
    }
}

function eosIds(model: Model, tokenizer: Tokenizer): Set<number> {
    const ids = new Set<number>();
    const configured = (model.generation_config as { eos_token_id?: number | number[] } | null)?.eos_token_id;
    for (const id of [configured, tokenizer.eos_token_id].flat()) if (typeof id === 'number') ids.add(id);
    return ids;
}

function hashOf(text: string): number {
    let hash = 0;
    for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) >>> 0;
    return hash;
}

function firstLine(error: unknown): string {
    return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}
