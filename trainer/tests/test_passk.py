"""Unbiased pass@k (Chen et al. 2021) against exact combinatorics."""

from fractions import Fraction
from math import comb

import pytest

from arcdsl_trainer.metrics import pass_at_k, reported_ks


def exact(n, c, k):
    return 1 - Fraction(comb(n - c, k), comb(n, k))


@pytest.mark.parametrize("n", [1, 2, 3, 5, 10, 20, 50])
def test_matches_exact_combinatorics(n):
    for c in range(n + 1):
        for k in range(1, n + 1):
            assert pass_at_k(n, c, k) == pytest.approx(float(exact(n, c, k)), abs=1e-12)


def test_large_n_is_stable():
    assert pass_at_k(200, 1, 1) == pytest.approx(1 / 200)
    assert pass_at_k(200, 0, 100) == 0.0
    assert pass_at_k(200, 101, 100) == 1.0
    assert pass_at_k(200, 3, 100) == pytest.approx(float(exact(200, 3, 100)), abs=1e-12)


def test_pass_at_1_is_the_fraction_correct():
    assert pass_at_k(8, 3, 1) == pytest.approx(3 / 8)


def test_rejects_k_above_n():
    with pytest.raises(ValueError):
        pass_at_k(4, 1, 5)


def test_reported_only_for_k_up_to_n():
    assert reported_ks(1) == [1]
    assert reported_ks(4) == [1, 2, 4]
    assert reported_ks(10) == [1, 2, 5, 10]
    assert reported_ks(0) == []
