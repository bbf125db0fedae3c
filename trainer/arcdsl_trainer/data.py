"""Loads the dataset and tokenizes its prompt/completion columns verbatim for SFTTrainer."""

from __future__ import annotations

from pathlib import Path

from datasets import Dataset, DatasetDict, load_from_disk

from .errors import UserError

SPLITS = ("train", "validation")
COLUMNS = ("prompt", "completion")
SMOKE_ROWS = {"train": 64, "validation": 16}


def load_splits(path: str, smoke_test: bool = False) -> DatasetDict:
    """The train and validation splits of a DatasetDict saved on disk, with clear errors."""
    root = Path(path)
    if not root.is_dir():
        raise UserError(f"{root}: dataset directory not found")
    try:
        splits = load_from_disk(str(root))
    except Exception as e:  # datasets raises FileNotFoundError, ValueError, ArrowInvalid, ...
        raise UserError(f"{root}: not a dataset saved by save_to_disk ({type(e).__name__}: {e})") from None
    if not isinstance(splits, DatasetDict):
        raise UserError(f"{root}: holds a single Dataset; expected a DatasetDict with splits {', '.join(SPLITS)}")
    for split in SPLITS:
        if split not in splits:
            raise UserError(f"{root}: missing split '{split}' (found {', '.join(splits) or 'none'})")
        for column in COLUMNS:
            if column not in splits[split].column_names:
                raise UserError(f"{root}/{split}: missing string column '{column}'")
        if len(splits[split]) == 0:
            raise UserError(f"{root}/{split}: the split is empty")
    if smoke_test:
        splits = DatasetDict({s: splits[s].select(range(min(n, len(splits[s])))) for s, n in SMOKE_ROWS.items()})
    return splits


def tokenize(split: Dataset, tokenizer, max_length: int) -> Dataset:
    """input_ids = prompt tokens + completion tokens + EOS, and a completion_mask over the supervised part.

    Prompt and completion are tokenized separately, so the boundary is exact for any tokenizer and the
    prompt tokens are the ones the model sees when it is prompted alone. SFTTrainer turns the mask into
    labels (prompt positions -100; completion and EOS supervised). Examples over max_length are dropped,
    never truncated: a cut completion would teach the model to stop without EOS.
    """
    eos = tokenizer.eos_token_id
    if eos is None:
        raise UserError("the tokenizer has no EOS token; the model could never learn to stop")

    def encode(batch):
        prompts = tokenizer(batch["prompt"])["input_ids"]
        completions = tokenizer(batch["completion"], add_special_tokens=False)["input_ids"]
        input_ids, masks = [], []
        for p, c in zip(prompts, completions, strict=True):
            input_ids.append(p + c + [eos])
            masks.append([0] * len(p) + [1] * (len(c) + 1))
        return {"input_ids": input_ids, "completion_mask": masks}

    # keep_in_memory: never write cache files into the dataset's own directory
    encoded = split.map(encode, batched=True, remove_columns=split.column_names, keep_in_memory=True,
                        desc="tokenizing")
    kept = encoded.filter(lambda ids: len(ids) <= max_length, input_columns="input_ids", keep_in_memory=True)
    if len(kept) < len(encoded):
        print(f"[arcdsl_trainer] dropped {len(encoded) - len(kept)} of {len(encoded)} examples longer than "
              f"--max-length {max_length} tokens", flush=True)
    if len(kept) == 0:
        raise UserError(f"every example is longer than --max-length {max_length} tokens")
    return kept


def eval_rows(split: Dataset, n: int, seed: int) -> list[dict]:
    """A fixed, seeded sample of validation rows for generative evaluation."""
    n = min(n, len(split))
    columns = [c for c in ("id", "prompt", "completion", "test_input", "test_output") if c in split.column_names]
    return split.shuffle(seed=seed, keep_in_memory=True).select(range(n)).select_columns(columns).to_list()
