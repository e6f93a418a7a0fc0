"""The layer rules of src/dashboard, checked on the source code itself."""

from __future__ import annotations

import ast
import functools
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "dashboard"
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
FILE_IO_CALLS = {"open", "read_csv", "read_parquet", "read_excel", "read_table", "read_text", "read_bytes", "urlopen"}


def _modules() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py"))


@functools.cache
def _tree(path: Path) -> ast.Module:
    # Parsed once per module: about ten rules walk every module of src/ (read-only walks).
    return ast.parse(path.read_text(encoding="utf-8"))


def _layer(path: Path) -> str:
    return path.relative_to(SRC).parts[0] if len(path.relative_to(SRC).parts) > 1 else "root"


def _imports(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def _docstring_nodes(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            body = getattr(node, "body", [])
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


MODULES = _modules()


def test_layers_exist() -> None:
    assert {_layer(p) for p in MODULES} >= {"data", "metrics", "charts", "views", "i18n", "cli"}


def test_environment_is_read_only_by_the_settings_module() -> None:
    # One settings module: every environment variable and secret is read in settings.py (secrets
    # through views/auth.py, the one module that touches st.secrets).
    for path in MODULES:
        text = path.read_text(encoding="utf-8")
        if path.name != "settings.py":
            assert "os.environ" not in text and "getenv" not in text, path.name
        if path.name != "auth.py":
            assert "st.secrets" not in text, path.name


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_only_views_import_streamlit(path: Path) -> None:
    imports = _imports(_tree(path))
    if _layer(path) != "views":
        assert not any(i == "streamlit" or i.startswith("streamlit.") for i in imports)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_only_data_knows_paths(path: Path) -> None:
    tree = _tree(path)
    imports = _imports(tree)
    # The command line (cli/) takes file names from its user and says where files went, so like data/ it
    # may use paths; every other layer asks data/ for them.
    if _layer(path) not in ("data", "cli"):
        assert "dashboard.data.paths" not in imports
        assert "pathlib" not in imports and "os.path" not in imports
        # os is allowed only for reading settings from the environment.
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "os":
                assert node.attr in ("environ", "getenv"), f"{path.name}:{node.lineno} os.{node.attr}"


@pytest.mark.parametrize("path", [p for p in MODULES if _layer(p) == "data"], ids=lambda p: str(p.relative_to(SRC)))
def test_the_data_layer_imports_neither_i18n_nor_metrics(path: Path) -> None:
    # The data layer returns structured problems (code, file, row, column, values); the
    # command line and the admin page turn them into sentences through i18n.
    imports = _imports(_tree(path))
    # data/__main__.py is only the old ``python -m dashboard.data`` entry, handing over to the command line.
    layers = ("i18n", "metrics", "views", "charts") + (() if path.name == "__main__.py" else ("cli",))
    for layer in layers:
        assert not any(i == f"dashboard.{layer}" or i.startswith(f"dashboard.{layer}.") for i in imports), (
            f"{path.name} imports dashboard.{layer}"
        )


@pytest.mark.parametrize(
    "path", [p for p in MODULES if _layer(p) in ("charts", "metrics", "i18n")], ids=lambda p: str(p.relative_to(SRC))
)
def test_pure_layers_never_read_files(path: Path) -> None:
    tree = _tree(path)
    imports = _imports(tree)
    assert not any(i.startswith("dashboard.data") or i.startswith("dashboard.views") for i in imports)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            fn = node.func
            name = fn.attr if isinstance(fn, ast.Attribute) else fn.id if isinstance(fn, ast.Name) else ""
            assert name not in FILE_IO_CALLS, f"{path.name}:{node.lineno} calls {name}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_identifiers_are_english_and_japanese_lives_in_catalogue_or_data(path: Path) -> None:
    tree = _tree(path)
    docstrings = _docstring_nodes(tree)
    layer = _layer(path)
    for node in ast.walk(tree):
        for attr in ("name", "id", "arg", "attr"):
            value = getattr(node, attr, None)
            if isinstance(value, str):
                assert not JAPANESE.search(value), f"{path.name}:{getattr(node, 'lineno', '?')} identifier {value!r}"
        is_text = isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
        if is_text and JAPANESE.search(node.value):
            assert "catalog" in path.parts or layer == "data", f"{path.name}:{node.lineno} {node.value[:30]!r}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_pickle_no_eval(path: Path) -> None:
    tree = _tree(path)
    assert "pickle" not in _imports(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            assert node.func.id not in ("eval", "exec"), f"{path.name}:{node.lineno}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_unsafe_html_only_with_constant_text(path: Path) -> None:
    tree = _tree(path)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for kw in node.keywords:
                if kw.arg == "unsafe_allow_html" and isinstance(kw.value, ast.Constant) and kw.value.value is True:
                    first = node.args[0] if node.args else None
                    assert isinstance(first, (ast.Constant, ast.Name)), f"{path.name}:{node.lineno}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_modules_and_public_functions_have_docstrings(path: Path) -> None:
    tree = _tree(path)
    assert ast.get_docstring(tree), f"{path.name} has no module docstring"
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not node.name.startswith("_"):
            assert ast.get_docstring(node), f"{path.name}:{node.lineno} {node.name}"


def test_pages_are_thin() -> None:
    pages = sorted((SRC.parents[1] / "pages").glob("*.py"))
    assert len(pages) >= 5
    for page in pages:
        code = [
            ln for ln in page.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith(('"""', "#"))
        ]
        assert len(code) <= 4, page.name
        assert any(re.fullmatch(r"shell\.run_page\(\w+\.render\)", ln.strip()) for ln in code), page.name


@pytest.mark.parametrize("path", [p for p in MODULES if _layer(p) == "views"], ids=lambda p: str(p.relative_to(SRC)))
def test_views_send_cached_chart_specs_not_altair_objects(path: Path) -> None:
    # st.altair_chart validates the whole spec on every rerun (10–30 ms a chart, issue 10); charts go
    # through cache.chart (built and validated once per input) and components.show_chart / data_block.
    tree = _tree(path)
    calls = {
        node.func.attr for node in ast.walk(tree) if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
    }
    assert "altair_chart" not in calls
