import type { Command } from '../command.js';
import { runTrainer } from '../python-trainer.js';

export const finetuneCommand: Command = {
    summary: 'fine-tune a causal LM (or train a tiny one from scratch) on a dataset (Python trainer)',
    usage: `arcdsl finetune --dataset DIR --out RUN_DIR [--from-scratch tiny|small | --model NAME_OR_PATH] [--lora R,ALPHA]
               [--packing] [--group-by-length] [--epochs N | --max-steps N] [--batch-size N] [--lr X] [--seed S]
               [--report-to none|tensorboard|wandb] [--resume]

Creates or reuses the trainer's venv (trainer/install.sh), then runs python -m arcdsl_trainer finetune.
Metrics go to RUN_DIR/metrics.jsonl; the final model to RUN_DIR/final. Options: docs/trainer.md.`,
    run: (args) => runTrainer(['finetune', ...args]),
};
