"""The import graph of ``recruiter/`` reads top to bottom: no circle, rules as leaves.

Parsed from the source (``ast``), imports inside functions included, so a circle cannot hide
behind a late import."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "recruiter"
# The rules know nothing of each other, nor of the services that act on them.
LEAVES = {
    "recruiter.scoring",
    "recruiter.services.ghost_rule",
    "recruiter.services.reminder_rules",
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        found: set[str] = set()
        is_package = path.name == "__init__.py"
        for node in ast.walk(ast.parse(path.read_text())):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = name.split(".") if is_package else name.split(".")[:-1]
                    anchor = anchor[: len(anchor) - (node.level - 1)]
                    base = ".".join([*anchor, base] if base else anchor)
                targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
            for target in targets:
                # The longest module name the import names: `from a.b import c` is a.b.c
                # when c is a module, else a.b.
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != name and not name.startswith(target + "."):
                    found.add(target)
        graph[name] = found
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt in LEAVES_PARENTS:
                continue
            if state.get(nxt) == 1:
                return stack[stack.index(nxt) :] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


# `import recruiter.services.x` names the package too; packages' own imports are not edges.
LEAVES_PARENTS = {"recruiter", "recruiter.services"}


def test_architecture_import_graph_has_no_circle():
    assert _cycle(_graph()) is None


def test_architecture_cycle_finder_finds_a_circle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


def _unit(name: str, unit: str) -> bool:
    """``name`` is the module ``unit`` or one of its package's modules."""
    return name == unit or name.startswith(unit + ".")


@pytest.mark.parametrize("leaf", sorted(LEAVES))
def test_architecture_rules_are_leaves(leaf):
    """Every module of the rule (one module, or each module of its package) imports no other
    rule and no service; a rule's package importing its own modules is no edge."""
    graph = _graph()
    members = [name for name in graph if _unit(name, leaf)]
    assert leaf in members
    for name in members:
        outside = {t for t in graph[name] if not _unit(t, leaf)}
        assert not {t for t in outside if any(_unit(t, other) for other in LEAVES)}, name
        assert not {t for t in outside if t.startswith("recruiter.services")}, name


def test_architecture_arrows_point_down():
    """Services never import views, the CLI or the jobs; views, CLI and jobs never import each
    other (but the CLI runs the job table: ``jobs run``, ``scheduler``); models and extensions
    import no service."""
    graph = _graph()
    top = ("recruiter.views", "recruiter.cli", "recruiter.jobs")
    for name, targets in graph.items():
        if name.startswith("recruiter.services"):
            assert not [t for t in targets if t.startswith(top)], name
        for area in top:
            if name.startswith(area):
                others = [
                    t
                    for t in targets
                    if t.startswith(top)
                    and not t.startswith(area)
                    and not (area == "recruiter.cli" and t == "recruiter.jobs")
                ]
                assert not others, (name, others)
        if any(
            _unit(name, u)
            for u in ("recruiter.models", "recruiter.extensions", "recruiter.scoring")
        ):
            assert not [t for t in targets if t.startswith("recruiter.services")], name
