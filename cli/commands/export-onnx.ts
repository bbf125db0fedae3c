import type { Command } from '../command.js';
import { runTrainer } from '../python-trainer.js';

export const exportOnnxCommand: Command = {
    summary: "export a fine-tuning run's model to an ONNX folder that transformers.js loads offline",
    usage: `arcdsl export-onnx RUN_DIR [--out DIR]

Writes RUN_DIR/onnx-export (or DIR): onnx/model.onnx with KV-cache inputs and outputs, tokenizer.json,
config.json, generation_config.json. LoRA adapters are merged first.`,
    run: (args) => runTrainer(['export-onnx', ...args]),
};
