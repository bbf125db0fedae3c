"""Padding-free packing: positions restart at every example and no example attends to another."""

import torch

from test_masking import make_trainer


def test_packed_rows_keep_example_boundaries(dataset, tmp_path):
    trainer, tokenizer, rows = make_trainer(dataset, tmp_path, packing=True)
    packed = trainer.train_dataset
    assert "seq_lengths" in packed.column_names and len(packed) < len(rows)  # examples share rows
    batch = trainer.data_collator([packed[i] for i in range(len(packed))])
    assert "attention_mask" not in batch  # padding-free: boundaries travel in position_ids
    positions, labels = batch["position_ids"][0], batch["labels"][0]
    lengths = [n for row in packed for n in row["seq_lengths"]]
    starts = torch.tensor([0, *lengths[:-1]]).cumsum(0)
    assert (positions == 0).nonzero().flatten().tolist() == starts.tolist()
    for start, n in zip(starts.tolist(), lengths, strict=True):
        assert positions[start:start + n].tolist() == list(range(n))
        assert labels[start] == -100  # nothing is predicted across a boundary

    # Each example's logits inside the packed row equal its logits alone: no cross-example attention.
    model = trainer.model.eval()
    with torch.no_grad():
        together = model(input_ids=batch["input_ids"], position_ids=batch["position_ids"], use_cache=False).logits[0]
        for start, n in zip(starts.tolist(), lengths, strict=True):
            alone = model(input_ids=batch["input_ids"][:, start:start + n], use_cache=False).logits[0]
            torch.testing.assert_close(together[start:start + n], alone, atol=1e-4, rtol=1e-4)
