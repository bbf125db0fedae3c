"""Padding-free packing: positions restart at every example and no example attends to another."""

import pytest
import torch

from test_masking import make_trainer

from arcdsl_trainer.attention import NAME as VARLEN, example_lengths, use_varlen_attention


# sdpa_varlen is what --packing trains with; plain sdpa (a dense block-diagonal mask) must agree with it.
@pytest.mark.parametrize("attention", [None, "sdpa"])
def test_packed_rows_keep_example_boundaries(dataset, tmp_path, attention):
    trainer, tokenizer, rows = make_trainer(dataset, tmp_path, attention=attention, packing=True)
    model = trainer.model.eval()
    assert model.config._attn_implementation == (attention or VARLEN)
    packed = trainer.train_dataset
    assert "seq_lengths" in packed.column_names and len(packed) < len(rows)  # examples share rows
    batch = trainer.data_collator([packed[i] for i in range(len(packed))])
    assert "attention_mask" not in batch  # padding-free: boundaries travel in position_ids
    positions, labels = batch["position_ids"][0], batch["labels"][0]
    lengths = [n for row in packed for n in row["seq_lengths"]]
    assert example_lengths(batch["position_ids"], positions.numel()) == lengths
    starts = torch.tensor([0, *lengths[:-1]]).cumsum(0)
    assert (positions == 0).nonzero().flatten().tolist() == starts.tolist()
    for start, n in zip(starts.tolist(), lengths, strict=True):
        assert positions[start:start + n].tolist() == list(range(n))
        assert labels[start] == -100  # nothing is predicted across a boundary

    # Each example's logits inside the packed row equal its logits alone: no cross-example attention.
    with torch.no_grad():
        together = model(input_ids=batch["input_ids"], position_ids=batch["position_ids"], use_cache=False).logits[0]
        for start, n in zip(starts.tolist(), lengths, strict=True):
            alone = model(input_ids=batch["input_ids"][:, start:start + n], use_cache=False).logits[0]
            torch.testing.assert_close(together[start:start + n], alone, atol=1e-4, rtol=1e-4)


def test_varlen_attention_equals_padded_batches_and_generation(dataset, tmp_path):
    """The same model on sdpa_varlen and on sdpa: equal logits for a padded batch and equal greedy output."""
    trainer, tokenizer, rows = make_trainer(dataset, tmp_path, packing=True)
    model = trainer.model.eval()
    tokenizer.padding_side = "left"
    inputs = tokenizer([r["prompt"] for r in rows.select(range(3))], return_tensors="pt", padding=True)
    with torch.no_grad():
        varlen = model(**inputs).logits
        out_varlen = model.generate(**inputs, max_new_tokens=8, do_sample=False)
        model.set_attn_implementation("sdpa")
        sdpa = model(**inputs).logits
        out_sdpa = model.generate(**inputs, max_new_tokens=8, do_sample=False)
    keep = inputs["attention_mask"].bool()
    torch.testing.assert_close(varlen[keep], sdpa[keep], atol=1e-5, rtol=1e-5)
    assert out_varlen.tolist() == out_sdpa.tolist()


def test_example_lengths_only_cuts_flattened_rows():
    assert example_lengths(torch.tensor([[0, 1, 2, 0, 1, 0]]), 6) == [3, 2, 1]
    assert example_lengths(torch.tensor([[0, 1, 2, 3]]), 4) is None  # one example: plain causal attention
    assert example_lengths(torch.tensor([[5, 6, 7]]), 3) is None  # a continuation after a cache
    assert example_lengths(torch.tensor([[0, 1, 0, 1], [0, 1, 0, 1]]), 4) is None  # a padded batch


def test_only_plain_sdpa_models_switch_to_varlen(dataset, tmp_path):
    trainer, tokenizer, rows = make_trainer(dataset, tmp_path, attention="eager")
    assert not use_varlen_attention(trainer.model) and trainer.model.config._attn_implementation == "eager"
    trainer.model.set_attn_implementation("sdpa")
    assert use_varlen_attention(trainer.model) and trainer.model.config._attn_implementation == VARLEN
    trainer.model.save_pretrained(tmp_path / "saved")
    assert VARLEN not in (tmp_path / "saved" / "config.json").read_text()  # exported models load with the default
