"""The import rules of backend/, as import-linter contract types (configured in .importlinter, run by `make lint`).

Two rules hold for every package under backend/, the ones that exist and the ones to come, without anyone
adding it to a list:

* `domain_boundaries`: a domain's private modules (models, repository) are imported only from inside that domain,
  and a router imports only its own domain's public modules (its services, schemas …) and the shared pieces.
  Other domains reach a domain through its services.
* `acyclic_modules`: no two modules import each other, directly or round a loop, wherever the import statement
  stands (an import inside a function is still an import).

A deliberate exception is an `ignore_imports` line in .importlinter, with the reason above it.
"""

from dataclasses import dataclass

import grimp
from importlinter import Contract, ContractCheck, fields, output
from importlinter.application import contract_utils


@dataclass(frozen=True)
class Violation:
    importer: str
    imported: str
    line_numbers: tuple[int, ...]
    rule: str


def _line_numbers(graph: grimp.ImportGraph, importer: str, imported: str) -> tuple[int, ...]:
    return tuple(detail["line_number"] for detail in graph.get_import_details(importer=importer, imported=imported))


def _render(violations: list[Violation]) -> None:
    for rule in sorted({v.rule for v in violations}):
        output.print_error(rule, bold=True)
        output.new_line()
        for v in violations:
            if v.rule == rule:
                lines = ", ".join(map(str, v.line_numbers))
                output.print_error(f"- {v.importer} -> {v.imported} (l.{lines})", bold=False)
        output.new_line()


class DomainBoundariesContract(Contract):
    """Options:
    - root: the package whose direct subpackages are the domains (backend).
    - private: the module names private to their domain (models, repository), and their submodules.
    - building_blocks: subpackages of root that are not domains but the base every domain builds on (kit, whose
      models and repository are the bases of everyone's), so nothing of theirs is private.
    - router_may_import: what a router may import besides its own domain's public modules.
    - ignore_imports: the deliberate exceptions (import expressions, wildcards allowed).
    """

    type_name = "domain_boundaries"

    root = fields.StringField()
    private = fields.ListField(subfield=fields.StringField())
    building_blocks = fields.ListField(subfield=fields.StringField(), required=False)
    router_may_import = fields.ListField(subfield=fields.StringField())
    ignore_imports = fields.SetField(subfield=fields.ImportExpressionField(), required=False)
    unmatched_ignore_imports_alerting = fields.EnumField(
        contract_utils.AlertLevel, default=contract_utils.AlertLevel.ERROR
    )

    def _domain(self, module: str) -> str | None:
        """backend.applications.service → "applications"; None outside the domains."""
        parts = module.split(".")
        if len(parts) < 3 or parts[0] != self.root or parts[1] in (self.building_blocks or []):
            return None
        return parts[1]

    def _is_private(self, module: str) -> bool:
        return self._domain(module) is not None and module.split(".")[2] in self.private

    @staticmethod
    def _is_router(module: str) -> bool:
        name = module.rsplit(".", 1)[-1]
        return name == "router" or name.endswith("_router")

    def _router_may_import(self, router: str, imported: str) -> bool:
        if self._domain(imported) == self._domain(router) and not self._is_private(imported):
            return True
        allowed: list[str] = self.router_may_import  # type: ignore[assignment]
        return any(imported == a or imported.startswith(a + ".") for a in allowed)

    def check(self, graph: grimp.ImportGraph, verbose: bool) -> ContractCheck:
        removal = contract_utils.remove_ignored_imports_and_report(
            graph=graph,
            ignore_imports=self.ignore_imports,  # type: ignore[arg-type]
            unmatched_alerting=self.unmatched_ignore_imports_alerting,  # type: ignore[arg-type]
        )
        violations = []
        prefix = f"{self.root}."
        for importer in sorted(m for m in graph.modules if m.startswith(prefix)):
            for imported in sorted(graph.find_modules_directly_imported_by(importer)):
                if not imported.startswith(prefix):
                    continue
                rule = None
                if self._is_private(imported) and self._domain(importer) != self._domain(imported):
                    rule = "A domain's models and repository are private to it (reach it through its services):"
                elif self._is_router(importer) and not self._router_may_import(importer, imported):
                    rule = "A router imports its own domain's services and schemas and the shared pieces only:"
                if rule:
                    violations.append(Violation(importer, imported, _line_numbers(graph, importer, imported), rule))
        return ContractCheck(
            kept=not violations,
            warnings=list(removal.warnings),
            ignored_import_count=removal.ignored_import_count,
            metadata={"violations": violations},
        )

    def render_broken_contract(self, check: ContractCheck) -> None:
        _render(check.metadata["violations"])


class AcyclicModulesContract(Contract):
    """Options:
    - root: the package whose modules must not import each other in a loop.
    """

    type_name = "acyclic_modules"

    root = fields.StringField()

    def check(self, graph: grimp.ImportGraph, verbose: bool) -> ContractCheck:
        modules = sorted(m for m in graph.modules if m == self.root or m.startswith(f"{self.root}."))
        cycles = [c for c in _strongly_connected(graph, modules) if len(c) > 1]
        violations = []
        for cycle in cycles:
            members = set(cycle)
            for importer in sorted(cycle):
                for imported in sorted(graph.find_modules_directly_imported_by(importer) & members):
                    violations.append(
                        Violation(
                            importer,
                            imported,
                            _line_numbers(graph, importer, imported),
                            f"Modules that import each other ({', '.join(sorted(cycle))}):",
                        )
                    )
        return ContractCheck(kept=not violations, metadata={"violations": violations})

    def render_broken_contract(self, check: ContractCheck) -> None:
        _render(check.metadata["violations"])


def _strongly_connected(graph: grimp.ImportGraph, modules: list[str]) -> list[list[str]]:
    """Tarjan's algorithm, without recursion: the groups of modules that can each reach all the others."""
    inside = set(modules)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    for start in modules:
        if start in index:
            continue
        work = [(start, iter(sorted(graph.find_modules_directly_imported_by(start) & inside)))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.find_modules_directly_imported_by(child) & inside))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    groups.append(group)
    return groups
