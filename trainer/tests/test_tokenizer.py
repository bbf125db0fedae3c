"""The from-scratch tokenizer: one token per grid cell, newlines on their own, programs compressed."""

from arcdsl_trainer.data import load_splits
from arcdsl_trainer.tokenizer import train_tokenizer


def test_individual_digits_gives_one_token_per_grid_cell(dataset):
    train = load_splits(str(dataset))["train"]
    # The compact prompt format writes a grid row as its digits with no separators (language/prompt.ts);
    # the fixture's stand-in prompts separate them, so drop the spaces to train on compact rows.
    prompts = [p.replace(" ", "") for p in train["prompt"]]
    texts = [*prompts, *train["completion"]]
    row = "0030\n7700\n"
    merged = train_tokenizer(texts, 512, 1024)  # the default merges digit runs: shorter rows
    assert len(merged(row)["input_ids"]) < len(row)
    tokenizer = train_tokenizer(texts, 512, 1024, individual_digits=True)
    assert tokenizer.convert_ids_to_tokens(tokenizer(row)["input_ids"]) == list("0030") + ["Ċ"] + list("7700") + ["Ċ"]
    program = train[0]["completion"]
    ids = tokenizer(program, add_special_tokens=False)["input_ids"]
    assert tokenizer.decode(ids) == program and len(ids) < len(program) / 2  # merges still shorten program text
    assert tokenizer.decode(tokenizer("é ∅ 12")["input_ids"]) == "é ∅ 12"  # any text still encodes
