"""Question payloads for the tests. Secrets carry a marker, so a test can prove a view never shows them."""

SECRET = "SECRET-MARKER"

B = "/api/v1/question-banks"
Q = "/api/v1/questions"


def mcq(bank_id: str, **over: object) -> dict:
    return {
        "bank_id": bank_id,
        "type": "mcq_single",
        "title": "Big-O of binary search",
        "body": "What is the time complexity of binary search on a sorted array of `n` items?",
        "difficulty": "easy",
        "points": 2,
        "expected_minutes": 1,
        "tags": ["algorithms"],
        "explanation": f"Each step halves the range. {SECRET}",
        "options": [
            {"text": "O(n)"},
            {"text": "O(log n)", "correct": True},
            {"text": "O(n log n)"},
        ],
        **over,
    }


def essay(bank_id: str, **over: object) -> dict:
    return {
        "bank_id": bank_id,
        "type": "essay",
        "title": "Design a rate limiter",
        "body": "Design a rate limiter for a public API. Discuss **trade-offs**.",
        "difficulty": "hard",
        "points": 10,
        "expected_minutes": 20,
        "rubric": [
            {"criterion": "Algorithm choice", "points": 4, "guidance": f"Token bucket or sliding window {SECRET}"},
            {"criterion": "Distribution", "points": 6, "guidance": "Shared counters, clock skew"},
        ],
        **over,
    }


def coding(bank_id: str, **over: object) -> dict:
    return {
        "bank_id": bank_id,
        "type": "coding",
        "title": "Sum of two numbers",
        "body": "Read two integers and print their sum.",
        "difficulty": "easy",
        "points": 5,
        "expected_minutes": 5,
        "enabled": False,
        "coding": {
            "languages": {
                "python3": {
                    "starter": "def add(a, b):\n    pass\n",
                    "harness": f"a, b = map(int, input().split())\nprint(add(a, b))  # {SECRET}\n",
                    "reference": f"def add(a, b):\n    return a + b  # {SECRET}\n",
                },
                "javascript": {
                    "starter": "function add(a, b) {}\n",
                    "harness": "",
                    "reference": f"const [a, b] = require('fs').readFileSync(0, 'utf8').split(' ').map(Number);\n"
                    f"console.log(a + b); // {SECRET}\n",
                },
            },
            "test_cases": [
                {"stdin": "1 2\n", "expected_stdout": "3\n", "visible": True},
                {"stdin": f"40 2 {SECRET}\n", "expected_stdout": f"42 {SECRET}\n", "weight": 3},
            ],
            "time_limit_ms": 1000,
            "memory_limit_mb": 128,
            "comparison": "trailing_whitespace",
        },
        **over,
    }


def all_accepted(question: dict) -> list[dict]:
    coding_spec = question["content"]["coding"]
    return [
        {"language": lang, "case_index": i, "verdict": "accepted", "time_ms": 12, "memory_kb": 9000}
        for lang in coding_spec["languages"]
        for i in range(len(coding_spec["test_cases"]))
    ]


async def bank(client, headers, name: str = "Python basics", **over: object) -> dict:
    r = await client.post(B, json={"name": name, **over}, headers=headers)
    assert r.status_code == 201, r.text
    return r.json()


async def question(client, headers, payload: dict) -> dict:
    r = await client.post(Q, json=payload, headers=headers)
    assert r.status_code == 201, r.text
    return r.json()


def writable(view: dict) -> dict:
    """An author view back into a PUT body."""
    c = view["content"]
    body = {k: c[k] for k in ("type", "title", "body", "difficulty", "points", "expected_minutes", "explanation")}
    body["options"] = [{"text": o["text"], "correct": o["correct"]} for o in c["options"]]
    body["rubric"] = c["rubric"]
    body["coding"] = c["coding"]
    return body
