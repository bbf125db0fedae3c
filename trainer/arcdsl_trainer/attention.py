"""Variable-length attention for padding-free batches on any device: one causal sdpa call per example.

Padding-free batches (TRL's `padding_free` / bfd packing) flatten several examples into one row whose
`position_ids` restart at every example. Without FlashAttention's varlen kernels (CPU, most GPUs
without `flash-attn`), transformers' `sdpa` then builds a dense block-diagonal mask over the whole
row: its cost grows with the square of the row, so a packed batch of 8 examples pays 8² times the
attention of one. `sdpa_varlen` instead cuts the row at every position 0 and runs causal sdpa on each
example alone, so attention costs what the examples cost one by one (Σ Lᵢ² rather than (Σ Lᵢ)²) and no
example can see another by construction. Every other call (padded batches, generation with a cache)
is plain `sdpa`.
"""

from __future__ import annotations

import torch
from transformers import AttentionInterface
from transformers.integrations.sdpa_attention import repeat_kv, sdpa_attention_forward
from transformers.masking_utils import ALL_MASK_ATTENTION_FUNCTIONS, AttentionMaskInterface, sdpa_mask

NAME = "sdpa_varlen"


def example_lengths(position_ids: torch.Tensor | None, length: int) -> list[int] | None:
    """The lengths of the examples in one flattened row (positions restart at 0), or None when the
    row holds a single example (or is not a flattened batch at all)."""
    if position_ids is None or position_ids.dim() != 2 or position_ids.shape[0] != 1 or position_ids.shape[1] != length:
        return None
    starts = (position_ids[0] == 0).nonzero().flatten().tolist()
    if len(starts) <= 1 or starts[0] != 0:
        return None
    return [b - a for a, b in zip(starts, [*starts[1:], length], strict=True)]


def sdpa_varlen_forward(module, query, key, value, attention_mask, dropout=0.0, scaling=None, **kwargs):
    lengths = None
    if attention_mask is None and query.shape[0] == 1 and query.shape[2] == key.shape[2]:
        lengths = example_lengths(kwargs.get("position_ids"), query.shape[2])
    if lengths is None:
        return sdpa_attention_forward(module, query, key, value, attention_mask, dropout=dropout, scaling=scaling,
                                      **kwargs)
    groups = getattr(module, "num_key_value_groups", 1)
    key, value = repeat_kv(key, groups), repeat_kv(value, groups)
    outputs = [
        torch.nn.functional.scaled_dot_product_attention(q, k, v, dropout_p=dropout, scale=scaling, is_causal=True)
        for q, k, v in zip(query.split(lengths, dim=2), key.split(lengths, dim=2), value.split(lengths, dim=2),
                           strict=True)
    ]
    return torch.cat(outputs, dim=2).transpose(1, 2).contiguous(), None


def varlen_mask(*args, attention_mask=None, q_offset=0, **kwargs):
    """No mask for a causal batch without padding (the attention cuts a flattened row at its example
    boundaries itself); sdpa's mask otherwise (padding, or a cache)."""
    if attention_mask is None and not (isinstance(q_offset, torch.Tensor) or q_offset):
        return None
    return sdpa_mask(*args, attention_mask=attention_mask, q_offset=q_offset, **kwargs)


def use_varlen_attention(model) -> bool:
    """Switches a model on plain `sdpa` to `sdpa_varlen` for padding-free training; FlashAttention (which
    has varlen kernels of its own), eager and sliding-window models are left as they are. Not saved:
    a saved config names no attention, so the exported model loads with the default."""
    config = model.config
    sliding = getattr(config, "sliding_window", None) and getattr(config, "use_sliding_window", True)
    if config._attn_implementation != "sdpa" or sliding:
        return False
    model.set_attn_implementation(register())
    return True


def register() -> str:
    """Registers `sdpa_varlen` with transformers (idempotent) and returns its name."""
    if NAME not in ALL_MASK_ATTENTION_FUNCTIONS:
        AttentionInterface.register(NAME, sdpa_varlen_forward)
        AttentionMaskInterface.register(NAME, varlen_mask)
    return NAME
