// Greedy generation with transformers.js from an exported folder, offline.
// usage: node generate.mjs /abs/model/dir '["prompt a", "prompt b"]' MAX_NEW_TOKENS
// prints {"single": [[new token ids]...], "batch": [[new token ids]...]}; each row cut at its first EOS.
import { AutoModelForCausalLM, AutoTokenizer, env } from '@huggingface/transformers';

env.allowRemoteModels = false;
env.allowLocalModels = true;
env.localModelPath = '/';

const [dir, promptsJson, maxNewTokens] = process.argv.slice(2);
const prompts = JSON.parse(promptsJson);
const tokenizer = await AutoTokenizer.from_pretrained(dir);
const model = await AutoModelForCausalLM.from_pretrained(dir, { dtype: 'fp32', device: 'cpu' });
const eos = model.generation_config.eos_token_id;

function cut(ids) {
    const i = ids.indexOf(eos);
    return i < 0 ? ids : ids.slice(0, i + 1);
}

async function greedy(texts) {
    tokenizer.padding_side = 'left';
    const inputs = tokenizer(texts, { padding: true });
    const out = await model.generate({ ...inputs, max_new_tokens: Number(maxNewTokens), do_sample: false });
    const promptLen = inputs.input_ids.dims[1];
    return out.tolist().map((row) => cut(row.slice(promptLen).map(Number)));
}

const single = [];
for (const p of prompts) single.push((await greedy([p]))[0]);
const batch = await greedy(prompts);
const promptIds = prompts.map((p) => Array.from(tokenizer.encode(p, { add_special_tokens: false }), Number));
console.log(JSON.stringify({ single, batch, prompt_ids: promptIds }));
