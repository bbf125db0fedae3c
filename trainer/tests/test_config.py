"""Defaults that depend on other flags are resolved once, in FinetuneConfig.resolved()."""

from arcdsl_trainer.config import FinetuneConfig


def config(**overrides):
    return FinetuneConfig(dataset="ds", out="run", **overrides).resolved()


def test_padded_batches_default_to_eight_examples():
    assert config().batch_size == 8


def test_packed_rows_default_to_one_row_per_step():
    # A packed row of max_length tokens holds many examples; eight of them made too few steps.
    assert config(packing=True).batch_size == 1


def test_an_explicit_batch_size_wins_over_the_default():
    assert config(packing=True, batch_size=4).batch_size == 4
    assert config(batch_size=2).batch_size == 2


def test_the_tiny_preset_sets_the_learning_rate():
    assert config().lr == 3e-3
    assert config(lr=1e-4).lr == 1e-4
