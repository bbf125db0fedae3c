"""The `arcdsl exec --jsonl` client, against the project's real CLI."""

import pytest
from conftest import PROGRAMS, record

from arcdsl_trainer.executor import Executor, cli_path
from arcdsl_trainer.metrics import GenerativeEval

pytestmark = pytest.mark.skipif(not cli_path().is_file(),
                                reason=f"{cli_path()} does not exist: build the CLI with `npm run build`")


@pytest.fixture(scope="module")
def executor():
    with Executor() as ex:
        yield ex


def test_runs_programs_in_one_long_lived_process(executor):
    grid = [[1, 2, 0], [3, 4, 0]]
    assert executor.run("output = rotate(input, 1)", grid).output == [[3, 1], [4, 2], [0, 0]]
    pid = executor.proc.pid
    assert executor.run("output = flip(input, vertical)", grid).output == [[0, 2, 1], [0, 4, 3]]
    assert executor.proc.pid == pid


def test_errors_come_back_as_data(executor):
    parse = executor.run("output = = rotate(", [[1]])
    assert parse.output is None and parse.error["kind"] == "parse" and parse.error["message"]
    unknown = executor.run("output = rotat(input, 1)", [[1]])
    assert unknown.output is None and unknown.error["kind"] in ("parse", "type") and unknown.error["message"]
    assert executor.run("output = rotate(input, 2)", [[1, 2]]).output == [[2, 1]]  # still serving


def test_functional_check_scores_reference_and_wrong_programs(executor):
    import random

    rng = random.Random(1)
    rows = [record(i, rng) for i in range(len(PROGRAMS) * 2)]
    scorer = GenerativeEval(rows, samples=0, temperature=1.0, max_new_tokens=8, seed=0, executor=executor)
    for row in rows:
        wrong = "output = rotate(input, 2)" if "flip" in row["completion"] else "output = flip(input, vertical)"
        verdicts = scorer._run(row, [row["completion"], "output = = (", wrong])
        assert verdicts[:2] == [True, False]
        assert verdicts[2] == (PROGRAMS[wrong.removeprefix("output = ")](row["test_input"]) == row["test_output"])
