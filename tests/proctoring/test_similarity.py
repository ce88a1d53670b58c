"""Code similarity: an answer with renamed variables matches its source, an unrelated answer does not; and a
closed session's coding answers are compared within the organization, pairs above the threshold becoming
signals on both sessions."""

import uuid

from backend.proctoring import checks
from backend.proctoring.similarity import compare
from tests.assessments.helpers import PLAYER, setup_hiring

SOURCE = """
def add(first, second):
    total = first + second
    return total

def main():
    values = input().split()
    numbers = [int(v) for v in values]
    result = add(numbers[0], numbers[1])
    for i in range(len(values)):
        if numbers[i] < 0:
            print("negative", i)
    print(result)

main()
"""
RENAMED = (
    SOURCE.replace("first", "a")
    .replace("second", "b")
    .replace("total", "s")
    .replace("values", "parts")
    .replace("numbers", "nums")
    .replace("result", "answer")
)
UNRELATED = """
import sys
from collections import Counter

words = sys.stdin.read().split()
counts = Counter(w.lower() for w in words)
for word, n in counts.most_common(10):
    print(f"{word}: {n}")
"""


def test_renamed_variables_still_match_and_unrelated_code_does_not():
    assert compare(SOURCE, RENAMED, "python3").this >= 50
    assert compare(SOURCE, UNRELATED, "python3").this < 30
    assert compare("", SOURCE, "python3").this == 0


async def _submit_code(client, h, name: str, code: str) -> str:
    link = await h.apply(name)
    player, state = await h.start(link["candidate"]["email"])
    position = state["items"][0]["position"]
    answer = {"type": "code", "language": "python3", "sources": {"python3": code}}
    r = await client.put(f"{PLAYER}/session/answers/{position}", json={"revision": 1, "answer": answer}, headers=player)
    assert r.status_code == 200, r.text
    assert (await client.post(f"{PLAYER}/session/submit", headers=player)).status_code == 200
    return state["session_id"]


async def test_a_copied_answer_becomes_a_signal_on_both_sessions(client, factory, session):
    h = await setup_hiring(client, factory, session, kinds=("adder",))
    ada = await _submit_code(client, h, "Ada", SOURCE)
    bob = await _submit_code(client, h, "Bob", RENAMED)
    cy = await _submit_code(client, h, "Cy", UNRELATED)
    assert await checks.check_similarity(session, uuid.UUID(bob)) >= 1
    assert await checks.check_similarity(session, uuid.UUID(cy)) == 0

    review = (await client.get(f"/api/v1/proctoring/sessions/{bob}", headers=h.recruiter)).json()
    pair = next(p for p in review["similarity"] if p["other_session_id"] == ada)
    assert float(pair["score"]) >= 50 and pair["other_candidate_name"].startswith("Ada")
    assert review["summary"]["max_similarity"] is not None
    assert any(e["type"] == "code_similarity" and e["review_status"] == "pending" for e in review["events"])
    theirs = (await client.get(f"/api/v1/proctoring/sessions/{ada}", headers=h.recruiter)).json()
    assert any(e["type"] == "code_similarity" for e in theirs["events"])

    side = (await client.get(f"/api/v1/proctoring/sessions/{bob}/similarity/{pair['id']}", headers=h.recruiter)).json()
    assert side["code"] == RENAMED and side["other_code"] == SOURCE
