"""Gates on the package's shape: no import cycles between modules, and layers import downward.

Imports are read from the source (module level and inside functions, which run too), leaving out
``if TYPE_CHECKING:`` blocks, which only type checkers read.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "newslint"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(path: Path, modules: set[str]) -> set[str]:
    """The newslint modules that ``path`` imports at run time."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            for alias in node.names:  # a submodule, else a name defined in ``base``
                submodule = f"{base}.{alias.name}"
                found.add(submodule if submodule in modules else base)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return {m for m in found if m in modules and m != name}


def import_graph() -> dict[str, set[str]]:
    paths = sorted(PACKAGE.rglob("*.py"))
    modules = {_module_name(p) for p in paths}
    return {_module_name(p): _imports(p, modules) for p in paths}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle of ``graph`` (a module importing a package reaches its ``__init__``)."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def reach(module: str) -> list[str] | None:
        state[module] = 1
        stack.append(module)
        for target in sorted(graph.get(module, ())):
            if state.get(target) == 1:
                return stack[stack.index(target) :] + [target]
            if target not in state:
                cycle = reach(target)
                if cycle:
                    return cycle
        stack.pop()
        state[module] = 2
        return None

    for module in sorted(graph):
        if module not in state:
            cycle = reach(module)
            if cycle:
                return cycle
    return None


def test_no_import_cycles() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_the_cycle_finder_sees_a_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


# Layers from the model outwards: a module imports from its own layer or from earlier ones.
LAYERS = (
    "version", "core", "formats", "storage", "integrations", "checks", "accel",
    "vale", "corpus", "config", "report", "app", "lsp",
)  # fmt: skip
INWARD = {  # the deliberate exceptions, written in the README's Architecture section
    "core.engine": {"accel.narrowing"},  # the engine calls the narrowing hooks
    "app.cli": {"lsp.command"},  # the command line registers `newslint server`
}
OPTIONS = "config.validation"  # check kinds declare their YAML options with its helpers


def _layer(module: str) -> int:
    parts = module.split(".")
    if len(parts) == 1 or parts[1] == "__main__":
        return LAYERS.index("app")  # the package's API and entry point are the application's
    return LAYERS.index(parts[1])


def inward_imports(graph: dict[str, set[str]]) -> list[str]:
    """Imports from a later layer into an earlier one, other than the listed exceptions."""
    found = []
    for module, targets in sorted(graph.items()):
        short = module.removeprefix("newslint.")
        allowed = INWARD.get(short, set()) | ({OPTIONS} if short.startswith("checks.") else set())
        for target in sorted(targets):
            if _layer(target) > _layer(module) and target.removeprefix("newslint.") not in allowed:
                found.append(f"{module} -> {target}")
    return found


def test_layers_import_outwards() -> None:
    assert inward_imports(import_graph()) == []


def test_an_inward_import_is_seen() -> None:
    graph = {"newslint.core.document": {"newslint.report.text"}, "newslint.report.text": set()}
    assert inward_imports(graph) == ["newslint.core.document -> newslint.report.text"]
