"""Lists at 10,000 and at 1,000,000 matching rows, side by side in one database: a list must cost the same at
any size (goal: p50 at 1M ≤ 1.3 × p50 at 10k). On a busy machine p50 mostly measures the wait for a core; the
database's CPU time per request at both sizes is the query's own cost, printed next to it."""

from bench.common import Context, Org, api_server, check, heading, row, wrk


def _lists(org: Org) -> list[tuple[str, str]]:
    s = org.searches
    return [
        ("candidates", "/api/v1/candidates?limit=25"),
        ("candidates, search by name", f"/api/v1/candidates?limit=25&q={s['name'].replace(' ', '%20')}"),
        ("candidates, search by email", f"/api/v1/candidates?limit=25&q={s['email']}"),
        ("candidates, search by phone", f"/api/v1/candidates?limit=25&q={s['phone']}"),
        ("applications of a requisition", f"/api/v1/applications?limit=25&requisition_id={org.requisition_id}"),
        ("interviews", "/api/v1/interviews?limit=25"),
        ("notifications (inbox)", "/api/v1/notifications?limit=25"),
        ("notifications, unread count (badge)", "/api/v1/notifications/unread-count"),
        ("audit log", "/api/v1/audit-logs?limit=50"),
    ]


def run(ctx: Context) -> None:
    small, large = ctx.orgs["10k"], ctx.orgs["1m"]
    heading(f"Lists at {small.size:,} and {large.size:,} rows (one API process, 4 connections)")
    with api_server(ctx):
        for (label, small_path), (_, large_path) in zip(_lists(small), _lists(large), strict=True):
            figures = []
            for org, path in ((small, small_path), (large, large_path)):
                first = check(path, org.auth)
                if first.json().get("items") == []:
                    print(f"  note: {label} at {org.size:,} returned no items", flush=True)
                r = wrk(path, org.auth, connections=4)
                size = "10k" if org is small else "1M"
                if not r.requests:  # none finished while measuring: report the single request timed before
                    r.p50_ms = r.p95_ms = r.p99_ms = first.elapsed.total_seconds() * 1000
                    print(
                        f"  {label} @ {size}: no request finished in {r.seconds:.0f} s; one took "
                        f"{r.p50_ms / 1000:.1f} s",
                        flush=True,
                    )
                else:
                    print(row(f"{label} @ {size}", r), flush=True)
                ctx.results[f"{label} @ {org.size}"] = r
                figures.append(r)
            ratio = figures[1].p50_ms / figures[0].p50_ms if figures[0].p50_ms else float("nan")
            db = figures[1].db_cpu_ms / figures[0].db_cpu_ms if figures[0].db_cpu_ms else float("nan")
            print(
                f"  {'':<52} p50 1M / 10k = {ratio:4.2f} (goal ≤ 1.3); PostgreSQL CPU per request 1M / 10k = {db:4.2f}",
                flush=True,
            )
