"""A byte-level BPE tokenizer trained on the dataset's own prompt and completion text."""

from __future__ import annotations

from collections.abc import Iterable

from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
from transformers import PreTrainedTokenizerFast

EOS = "<|endoftext|>"
PAD = "<pad>"  # distinct from EOS, so padding can never hide the EOS label


def train_tokenizer(texts: Iterable[str], vocab_size: int, model_max_length: int,
                    individual_digits: bool = False) -> PreTrainedTokenizerFast:
    """Byte-level BPE whose merges stay within a line (newlines stay their own token), so grid rows and
    program lines compress well. With individual_digits, merges never touch a digit: a grid row of the
    compact prompt format is one token per cell (a cell's column is the same token offset in every
    row) at about twice the sequence length (docs/trainer.md). Any byte sequence can still be encoded."""
    bpe = Tokenizer(models.BPE())
    bpe.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Split("\n", behavior="isolated"),
        *([pre_tokenizers.Digits(individual_digits=True)] if individual_digits else []),
        pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False),
    ])
    bpe.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=[EOS, PAD],
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    bpe.train_from_iterator(texts, trainer)
    return PreTrainedTokenizerFast(
        tokenizer_object=bpe, eos_token=EOS, bos_token=EOS, pad_token=PAD, model_max_length=model_max_length
    )


def dataset_texts(split) -> Iterable[str]:
    """The prompt and completion strings of a split, as the tokenizer will see them."""
    for batch in split.select_columns(["prompt", "completion"]).iter(batch_size=1000):
        yield from batch["prompt"]
        yield from batch["completion"]
