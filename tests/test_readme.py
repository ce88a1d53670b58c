"""The README stays true for a newcomer: every setting is in its configuration table."""

from pathlib import Path

from backend.config import Settings

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()


def test_every_setting_is_documented():
    missing = [
        f"INTERVIEWFLOW_{n.upper()}" for n in Settings.model_fields if f"INTERVIEWFLOW_{n.upper()}" not in README
    ]
    assert missing == []


def test_the_two_commands_come_first():
    assert README.index("make run") < README.index("## Architecture")
    assert "make test" in README.split("## Architecture")[0]
