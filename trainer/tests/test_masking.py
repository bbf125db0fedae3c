"""Completion-only loss: every prompt position is -100; the completion and its EOS are supervised."""

import torch

from arcdsl_trainer.attention import use_varlen_attention
from arcdsl_trainer.config import FinetuneConfig
from arcdsl_trainer.data import load_splits, tokenize
from arcdsl_trainer.model import scratch_model
from arcdsl_trainer.tokenizer import dataset_texts, train_tokenizer
from arcdsl_trainer.train import ArcSFTTrainer, sft_config


def make_trainer(dataset, out, attention=None, **overrides):
    """A trainer built as `finetune` builds it (`attention` overrides the model's attention implementation)."""
    cfg = FinetuneConfig(dataset=str(dataset), out=str(out), max_length=1024, batch_size=4, **overrides).resolved()
    splits = load_splits(cfg.dataset)
    tokenizer = train_tokenizer(dataset_texts(splits["train"]), 512, cfg.max_length)
    model = scratch_model("tiny", tokenizer, cfg.max_length, seed=0)
    if cfg.packing:
        use_varlen_attention(model)
    if attention is not None:
        model.set_attn_implementation(attention)
    rows = splits["train"].select(range(6))
    tokens = tokenize(rows, tokenizer, 1024)
    trainer = ArcSFTTrainer(model=model, args=sft_config(cfg, out), train_dataset=tokens, eval_dataset=tokens,
                            processing_class=tokenizer)
    return trainer, tokenizer, rows


def test_prompt_is_masked_and_completion_plus_eos_supervised(dataset, tmp_path):
    trainer, tokenizer, rows = make_trainer(dataset, tmp_path)
    assert tokenizer.pad_token_id != tokenizer.eos_token_id  # padding can never hide the EOS label
    examples = [trainer.train_dataset[i] for i in range(len(rows))]
    batch = trainer.data_collator(examples)  # the collator SFTTrainer itself chose
    ids, labels, mask = batch["input_ids"], batch["labels"], batch["attention_mask"]
    for i, row in enumerate(rows):
        prompt = tokenizer(row["prompt"])["input_ids"]
        completion = tokenizer(row["completion"], add_special_tokens=False)["input_ids"]
        p, n = len(prompt), len(prompt) + len(completion) + 1
        assert ids[i, :p].tolist() == prompt  # the prompt verbatim
        assert (labels[i, :p] == -100).all()
        assert labels[i, p:n].tolist() == completion + [tokenizer.eos_token_id]
        assert tokenizer.decode(labels[i, p:n]) == row["completion"] + tokenizer.eos_token
        assert (labels[i, n:] == -100).all() and (ids[i, n:] == tokenizer.pad_token_id).all()
        assert mask[i, :n].all() and not mask[i, n:].any()
    assert (labels == tokenizer.eos_token_id).sum() == len(rows)  # exactly one supervised EOS each


def test_supervised_tokens_drive_the_loss(dataset, tmp_path):
    """The loss SFTTrainer computes equals cross-entropy over the completion + EOS positions alone."""
    trainer, tokenizer, rows = make_trainer(dataset, tmp_path)
    batch = trainer.data_collator([trainer.train_dataset[i] for i in range(2)])
    model = trainer.model.eval()
    with torch.no_grad():
        loss = model(**batch, use_cache=False).loss
        logits = model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).logits
    shifted, targets = logits[:, :-1], batch["labels"][:, 1:]
    keep = targets != -100
    expected = torch.nn.functional.cross_entropy(shifted[keep], targets[keep])
    assert torch.allclose(loss, expected, atol=1e-5)
