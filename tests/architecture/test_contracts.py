"""The import contract types of tests/architecture/contracts.py on small import graphs: they catch what they must,
let through what they may, and honour the listed exceptions. (`make lint` runs them on backend/ itself.)"""

import grimp
import pytest

from tests.architecture.contracts import AcyclicModulesContract, DomainBoundariesContract

OPTIONS = {
    "root": "app",
    "private": ["models", "repository"],
    "building_blocks": ["kit"],
    "router_may_import": ["app.db", "app.kit"],
}


def graph(*imports: tuple[str, str]) -> grimp.ImportGraph:
    g = grimp.ImportGraph()
    for number, (importer, imported) in enumerate(imports, start=1):
        g.add_import(importer=importer, imported=imported, line_number=number, line_contents=f"import {imported}")
    return g


def broken(contract_type: type, g: grimp.ImportGraph, **options: object) -> list[tuple[str, str]]:
    defaults = OPTIONS if contract_type is DomainBoundariesContract else {}
    contract = contract_type(name="test", session_options={}, contract_options={**defaults, **options})
    check = contract.check(g, verbose=False)
    found = [(v.importer, v.imported) for v in check.metadata["violations"]]
    assert check.kept == (not found)
    return found


def test_a_domain_uses_its_own_models_and_another_domains_service():
    g = graph(
        ("app.orders.service", "app.orders.models"),
        ("app.orders.service", "app.orders.repository"),
        ("app.orders.repository", "app.orders.models"),
        ("app.orders.service", "app.people.service"),
        ("app.orders.models", "app.kit.models"),  # building blocks are for everyone
        ("app.orders.repository", "app.kit.repository"),
    )
    assert broken(DomainBoundariesContract, g) == []


@pytest.mark.parametrize("private", ["app.people.models", "app.people.repository", "app.people.repository.queries"])
def test_another_domains_models_and_repository_are_private(private):
    g = graph(("app.orders.service", private))
    assert broken(DomainBoundariesContract, g) == [("app.orders.service", private)]


def test_a_listed_exception_is_allowed_and_a_stale_one_is_an_error():
    g = graph(("app.orders.repository", "app.people.models"))
    ignore = {"ignore_imports": ["app.orders.repository -> app.people.models"]}
    assert broken(DomainBoundariesContract, g, **ignore) == []
    with pytest.raises(Exception, match="No matches"):
        broken(DomainBoundariesContract, graph(("app.a.service", "app.a.models")), **ignore)


def test_a_router_imports_its_own_services_and_schemas_and_the_shared_pieces():
    g = graph(
        ("app.orders.router", "app.orders.service"),
        ("app.orders.router", "app.orders.schemas"),
        ("app.orders.router", "app.orders.exports"),
        ("app.orders.router", "app.db"),
        ("app.orders.router", "app.kit.pagination"),
        ("app.orders.public_router", "app.orders.service"),
    )
    assert broken(DomainBoundariesContract, g) == []


@pytest.mark.parametrize(
    "imported", ["app.orders.models", "app.orders.repository", "app.people.service", "app.people.schemas"]
)
def test_a_router_never_queries_nor_reaches_into_another_domain(imported):
    assert broken(DomainBoundariesContract, graph(("app.orders.router", imported))) == [("app.orders.router", imported)]


def test_modules_that_import_each_other_round_a_loop_are_named():
    g = graph(("app.a", "app.b"), ("app.b", "app.c"), ("app.c", "app.a"), ("app.c", "app.d"), ("app.d", "app.kit"))
    found = broken(AcyclicModulesContract, g, root="app")
    assert sorted(found) == [("app.a", "app.b"), ("app.b", "app.c"), ("app.c", "app.a")]


def test_no_loop_no_complaint():
    g = graph(("app.a", "app.b"), ("app.b", "app.c"), ("app.a", "app.c"))
    assert broken(AcyclicModulesContract, g, root="app") == []
