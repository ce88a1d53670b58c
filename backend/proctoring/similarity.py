"""Code similarity with token-based winnowing (MOSS's method), through the `copydetect` package: each coding
answer of a closed session is compared with the organization's other answers to the same question version and
with the question's reference solution. A pair at or above the organization's threshold becomes a signal."""

import io
from dataclasses import dataclass

EXTENSIONS = {
    "python3": "py",
    "python": "py",
    "javascript": "js",
    "typescript": "ts",
    "java": "java",
    "cpp": "cpp",
    "c": "c",
    "go": "go",
    "ruby": "rb",
    "csharp": "cs",
}
K, WINDOW = 5, 4


@dataclass(frozen=True)
class Score:
    this: float  # percent of this answer's fingerprints found in the other
    other: float


def _fingerprint(code: str, language: str):
    from copydetect import CodeFingerprint

    name = f"answer.{EXTENSIONS.get(language, 'txt')}"
    return CodeFingerprint(name, K, WINDOW, fp=io.StringIO(code))


def compare(code: str, other: str, language: str) -> Score:
    from copydetect import compare_files

    try:
        a, b = _fingerprint(code, language), _fingerprint(other, language)
        _, (sim_a, sim_b), _ = compare_files(a, b)
    except (ValueError, ZeroDivisionError, IndexError):
        return Score(0.0, 0.0)  # too short to fingerprint
    return Score(round(float(sim_a) * 100, 2), round(float(sim_b) * 100, 2))
