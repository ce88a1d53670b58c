"""Output comparison modes, as an author picks them for a question."""

import pytest

from backend.execution.engine.compare import difference
from backend.execution.engine.spec import CompareMode, Comparison

EXACT = Comparison(CompareMode.EXACT)
TRAILING = Comparison(CompareMode.TRAILING_WHITESPACE)
TOKENS = Comparison(CompareMode.TOKENS)
FLOAT = Comparison(CompareMode.FLOAT, float_tolerance=1e-6)


@pytest.mark.parametrize(
    ("actual", "expected", "comparison", "same"),
    [
        ("1 2\n", "1 2\n", EXACT, True),
        ("1 2\r\n", "1 2\n", EXACT, True),  # line endings never matter
        ("1 2 \n", "1 2\n", EXACT, False),
        ("1 2", "1 2\n", EXACT, False),
        ("1 2   \n\n\n", "1 2\n", TRAILING, True),
        ("1  2\n", "1 2\n", TRAILING, False),  # inner spacing still counts
        ("\n1 2\n", "1 2\n", TRAILING, False),  # and leading blank lines
        ("1\n2\n3", "1 2 3\n", TOKENS, True),
        ("1 2", "1 2 3", TOKENS, False),
        ("0.3333333", "0.333333333", FLOAT, True),
        ("1000.5", "1000.0", FLOAT, False),
        ("1e9", "1000000000.0005", FLOAT, True),  # relative error
        ("nan", "nan", FLOAT, True),
        ("inf", "1e308", FLOAT, False),
        ("yes 0.5", "yes 0.5000001", FLOAT, True),
        ("no 0.5", "yes 0.5", FLOAT, False),  # words are compared as words
    ],
)
def test_modes(actual, expected, comparison, same):
    assert (difference(actual, expected, comparison) is None) is same


def test_the_reason_points_at_the_first_difference():
    assert difference("a\nb\nc\n", "a\nb\nd\n", EXACT) == "Differs at line 3"
    assert difference("a\n", "a\nb\n", TRAILING) == "Output ends early: 2 lines expected, 1 printed"
    assert difference("1 2 4", "1 2 3", TOKENS) == "Differs at token 3"
    assert difference("1 2 3 4", "1 2 3", FLOAT) == "3 tokens expected, 4 printed"
