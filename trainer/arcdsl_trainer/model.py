"""The models: a small GPT-2 from scratch, any pretrained causal LM, LoRA adapters, and loading a run's model."""

from __future__ import annotations

from pathlib import Path

import torch
from peft import LoraConfig
from transformers import AutoModelForCausalLM, AutoTokenizer, GPT2Config, GPT2LMHeadModel, GenerationConfig

from .config import SCRATCH_PRESETS
from .errors import UserError
from .runs import model_dir

def scratch_model(preset: str, tokenizer, n_positions: int, seed: int) -> GPT2LMHeadModel:
    """A freshly initialised GPT-2 sized by the preset, with the tokenizer's vocabulary and special tokens."""
    size = {k: v for k, v in SCRATCH_PRESETS[preset].items() if k.startswith("n_")}
    config = GPT2Config(
        vocab_size=len(tokenizer),
        n_positions=n_positions,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
        **size,
    )
    torch.manual_seed(seed)
    model = GPT2LMHeadModel(config)
    set_generation_defaults(model, tokenizer)
    return model


def pretrained(name_or_path: str):
    """A causal LM and its tokenizer, by hub name (from the local cache only here) or local path."""
    try:
        tokenizer = AutoTokenizer.from_pretrained(name_or_path)
        model = AutoModelForCausalLM.from_pretrained(name_or_path, dtype=torch.float32)
    except (OSError, ValueError) as e:
        local = Path(name_or_path).exists()
        hint = "" if local else "; hub names load from the local cache unless HF_HUB_OFFLINE=0"
        raise UserError(f"{name_or_path}: cannot load a causal LM and its tokenizer ({first_line(e)}){hint}") from None
    if tokenizer.pad_token is None:
        # Safe with SFTTrainer: labels come from the completion mask, and its collator pads labels with
        # -100 separately, so the EOS label survives even though pad == EOS.
        tokenizer.pad_token = tokenizer.eos_token
    set_generation_defaults(model, tokenizer)
    return model, tokenizer


def lora_config(r: int, alpha: int) -> LoraConfig:
    return LoraConfig(r=r, lora_alpha=alpha, lora_dropout=0.05, target_modules="all-linear", task_type="CAUSAL_LM")


def set_generation_defaults(model, tokenizer) -> None:
    model.generation_config = GenerationConfig(
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
    )


def load_trained(run_dir: str | Path):
    """A run's model, LoRA merged into the base weights, in eval mode with the KV cache on, and its tokenizer."""
    path = model_dir(run_dir)
    try:
        tokenizer = AutoTokenizer.from_pretrained(path)
        if (path / "adapter_config.json").is_file():
            from peft import AutoPeftModelForCausalLM

            model = AutoPeftModelForCausalLM.from_pretrained(path, dtype=torch.float32).merge_and_unload()
        else:
            model = AutoModelForCausalLM.from_pretrained(path, dtype=torch.float32)
    except (OSError, ValueError) as e:
        raise UserError(f"{path}: cannot load the model ({first_line(e)})") from None
    model.config.use_cache = True
    return model.eval(), tokenizer


def first_line(e: BaseException) -> str:
    text = str(e).strip()
    return text.splitlines()[0] if text else type(e).__name__
