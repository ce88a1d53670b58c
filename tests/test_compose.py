"""No Docker engine runs here, so the compose topology is checked by reading it: services, wiring, order."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
DOCKERFILE = (ROOT / "Dockerfile").read_text()


def test_topology_has_postgres_two_apis_a_worker_and_a_proxy():
    assert {"postgres", "migrate", "api1", "api2", "worker", "proxy"} <= set(SERVICES)
    for name, svc in SERVICES.items():
        assert "build" in svc or "image" in svc, name


def test_apis_and_worker_share_one_database_and_secret():
    envs = [SERVICES[n]["environment"] for n in ("api1", "api2", "worker", "migrate")]
    urls = {e["INTERVIEWFLOW_DATABASE_URL"] for e in envs}
    assert len(urls) == 1 and "@postgres:5432/" in urls.pop()
    assert len({e["INTERVIEWFLOW_JWT_SECRET"] for e in envs}) == 1
    assert all(e["INTERVIEWFLOW_RUN_WORKER_IN_PROCESS"] == "false" for e in envs)
    assert SERVICES["api1"]["build"] == SERVICES["worker"]["build"] == "."


def test_start_order_and_health_checks():
    for name in ("api1", "api2", "worker"):
        deps = SERVICES[name]["depends_on"]
        assert deps["postgres"]["condition"] == "service_healthy"
        assert deps["migrate"]["condition"] == "service_completed_successfully"
    assert SERVICES["proxy"]["depends_on"]["api1"]["condition"] == "service_healthy"
    for name in ("postgres", "api1", "api2"):
        assert SERVICES[name]["healthcheck"]["test"], name
    assert "/readyz" in " ".join(SERVICES["api1"]["healthcheck"]["test"])
    assert SERVICES["worker"]["command"][:2] == ["interviewflow", "worker"]
    assert "interviewflow migrate" in " ".join(SERVICES["migrate"]["command"])


def test_production_topology_needs_a_secret_and_never_seeds_the_demo():
    raw = (ROOT / "docker-compose.yml").read_text()
    for name in ("api1", "api2", "worker", "migrate"):
        secret = SERVICES[name]["environment"]["INTERVIEWFLOW_JWT_SECRET"]
        # `${VAR:?message}`: compose refuses to start when the variable is unset or empty; no default.
        assert re.fullmatch(r"\$\{INTERVIEWFLOW_JWT_SECRET:\?[^}]+\}", secret), secret
    assert "change-me" not in raw
    for name, svc in SERVICES.items():
        assert "seed" not in " ".join(svc.get("command", []) or []), name


def test_proxy_balances_both_replicas_and_streams_events():
    assert SERVICES["proxy"]["ports"] == ["8000:80"]
    mount = SERVICES["proxy"]["volumes"][0].split(":")[0]
    conf = (ROOT / mount).read_text()
    assert "server api1:8000" in conf and "server api2:8000" in conf
    stream = conf.split("location = /api/v1/notifications/stream")[1].split("}")[0]
    assert "proxy_buffering off" in stream


def test_dockerfile_builds_the_spa_and_runs_unprivileged():
    stages = re.findall(r"^FROM\s+\S+\s+AS\s+(\w+)", DOCKERFILE, flags=re.M | re.I)
    assert len(stages) >= 2
    assert "npm ci" in DOCKERFILE and "npm run build" in DOCKERFILE
    assert re.search(r"COPY --from=spa .*/dist", DOCKERFILE)
    final = DOCKERFILE.split("FROM python")[1]
    assert re.search(r"^USER\s+(?!root)\w+", final, flags=re.M)
    assert "HEALTHCHECK" in final and "bubblewrap" in final
