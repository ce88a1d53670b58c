"""JavaScript the browser downloads, from the built SPA (`frontend/dist`, with Vite's manifest).

`report()` prints and returns, in gzip bytes: each chunk of the build, what each area adds when one of its pages
opens (its chunk and the shared chunks it needs beyond the entry), and the initial load of the sign-in page and of
the public job board (the entry, the public area and everything they import statically). The budget for those
two is 150 KB. Run it with `python -m bench.spa_size` after `npm run build` (`make build` prints it too);
`make bench` includes it. Standard library only: it runs before any virtualenv exists.
"""

import gzip
import json
import sys
from pathlib import Path

DIST = Path(__file__).resolve().parent.parent / "frontend" / "dist"
ENTRY = "index.html"
AREAS_DIR = "src/routes/"
# The pages of the initial-load budget and the area each belongs to (see frontend/src/router.tsx).
PAGES = {
    "sign-in page (/login)": "signin",
    "job board (/jobs/<slug>)": "public",
    "test player (/t/<token>)": "player",
}
BUDGET = 150 * 1024


def _gzip_size(path: Path) -> int:
    # Level 6 is zlib's default: what Vite prints and what a typical web server sends.
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


def _closure(manifest: dict[str, dict], keys: list[str]) -> set[str]:
    """The chunks (manifest keys) that load together with `keys`: they and their static imports, recursively."""
    seen: set[str] = set()
    stack = list(keys)
    while stack:
        key = stack.pop()
        if key in seen:
            continue
        seen.add(key)
        stack.extend(manifest[key].get("imports", []))
    return seen


def _area_of(key: str) -> str | None:
    """`src/routes/recruiter/index.ts` → `recruiter`: an area's dynamic entry module."""
    if key.startswith(AREAS_DIR) and key.endswith("/index.ts"):
        return key[len(AREAS_DIR) : -len("/index.ts")]
    return None


def measure(dist: Path = DIST) -> dict[str, dict[str, int]]:
    manifest: dict[str, dict] = json.loads((dist / ".vite" / "manifest.json").read_text())
    size = {key: _gzip_size(dist / chunk["file"]) for key, chunk in manifest.items() if chunk["file"].endswith(".js")}
    js = lambda keys: sum(size.get(k, 0) for k in keys)  # noqa: E731 - a one-line sum
    entry = _closure(manifest, [ENTRY])
    areas = {area: key for key in manifest if (area := _area_of(key))}
    area_load = {area: _closure(manifest, [key]) for area, key in areas.items()}
    return {
        "chunks": {manifest[k]["file"]: v for k, v in sorted(size.items(), key=lambda kv: -kv[1])},
        "entry": {"entry (every page)": js(entry)},
        "areas": {area: js(load - entry) for area, load in sorted(area_load.items())},
        "initial": {page: js(entry | area_load[area]) for page, area in PAGES.items()},
    }


def report(dist: Path = DIST) -> dict[str, dict[str, int]]:
    """Print the sizes (KB of gzip JavaScript) and return them in bytes."""
    if not (dist / ".vite" / "manifest.json").exists():
        print(f"SPA size: no build with a manifest in {dist} (run `npm --prefix frontend run build`)")
        return {}
    figures = measure(dist)
    kb = lambda n: f"{n / 1024:7.1f} KB"  # noqa: E731 - a one-line format
    print("SPA JavaScript, gzip")
    for name, n in figures["entry"].items():
        print(f"  {name:<34} {kb(n)}")
    print("  each area adds, when one of its pages opens:")
    for name, n in figures["areas"].items():
        print(f"    {name:<32} {kb(n)}")
    print(f"  initial load (budget {BUDGET // 1024} KB):")
    for name, n in figures["initial"].items():
        print(f"    {name:<32} {kb(n)}  {'ok' if n <= BUDGET else 'OVER BUDGET'}")
    return figures


if __name__ == "__main__":
    report(Path(sys.argv[1]) if len(sys.argv) > 1 else DIST)
