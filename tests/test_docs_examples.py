"""The code examples of README.md and docs/ run, so that they cannot rot.

How the examples are written (see also README.md, "Documentation"):

- A ```` ```python ```` block is executed. A ```` ```pycon ```` block is a doctest: its ``>>>``
  lines are executed and what they print must match the lines that follow.
- The blocks of one page run in order in one namespace, like cells of a notebook, in a scratch
  directory that links ``examples/`` and ``tests/`` of the repository, so a block can name
  ``examples/example-county-2023.txt`` (or a test document such as the saved portal page
  ``tests/data/html/example_county_portal.html``) and write files without touching the
  repository.
- A block that needs a file the repository cannot ship (a user's own PDF) is preceded by
  ``<!-- skip: why -->``. Such blocks must be few: at most one in five of all blocks.
- A block that needs a program (``<!-- requires: soffice -->``) runs when the program is on
  ``PATH`` (CI installs LibreOffice); otherwise it and the page's later blocks are skipped.
- A ```` ```python ```` block whose first line is ``# file: NAME.py`` is not executed but saved
  as ``NAME.py`` in the scratch directory, which is on ``sys.path``: a page can show a module
  (a reader of your own) and then import it.
- Other fences (``bash``, ``text``, ``json`` ...) are not run.

Docstring examples (``>>>``) in the package's modules run too.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import re
import shutil
import sys
import textwrap
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest

import gikaireport
from gikaireport.readers import READERS

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]

FILE = re.compile(r"\A# file: (?P<name>[\w.-]+\.py)\n")
FENCE = re.compile(
    r"^(?P<indent>[ ]*)```(?P<lang>[\w-]*)[^\n]*\n(?P<body>.*?)^(?P=indent)```[ ]*$",
    re.MULTILINE | re.DOTALL,
)
SKIP = re.compile(r"<!--\s*skip\b:?\s*(?P<reason>.*?)\s*-->\s*$")
REQUIRES = re.compile(r"<!--\s*requires:\s*(?P<program>[\w.-]+)\s*-->\s*$")
RUN = {"python", "pycon"}
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE | doctest.REPORT_ONLY_FIRST_FAILURE
SHARED = ("examples", "tests")
"""The repository's directories an example may read (through links in its scratch directory)."""


class Block(NamedTuple):
    lang: str
    code: str
    line: int
    skip: str | None  # the reason when marked <!-- skip: reason -->
    requires: str | None  # a program, when marked <!-- requires: program -->


def blocks(page: Path) -> list[Block]:
    text = page.read_text(encoding="utf-8")
    found = []
    for match in FENCE.finditer(text):
        if match["lang"] not in RUN:
            continue
        before = text[: match.start()].rstrip().rsplit("\n", 1)[-1]
        marker = SKIP.search(before)
        program = REQUIRES.search(before)
        found.append(
            Block(
                match["lang"],
                textwrap.dedent(match["body"]),
                text.count("\n", 0, match.start("body")) + 1,
                marker["reason"] if marker else None,
                program["program"] if program else None,
            )
        )
    return found


def name(page: Path) -> str:
    return page.relative_to(ROOT).as_posix()


RUNNABLE = [page for page in PAGES if any(b.skip is None for b in blocks(page))]


def run_python(block: Block, where: str, namespace: dict[str, Any]) -> None:
    try:
        exec(compile(block.code, where, "exec"), namespace)
    except Exception:
        pytest.fail(f"the example at {where} fails:\n{traceback.format_exc(limit=-3)}")


def run_pycon(block: Block, where: str, namespace: dict[str, Any]) -> None:
    test = doctest.DocTestParser().get_doctest(block.code, namespace, where, where, block.line - 1)
    output: list[str] = []
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    result = runner.run(test, out=output.append, clear_globs=False)
    namespace.update(test.globs)  # a DocTest runs in a copy of the namespace it is given
    if result.failed:
        pytest.fail(f"the example at {where} fails:\n{''.join(output)}")


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A working directory linking the shared directories, on sys.path; the reader registry
    and the modules imported are restored afterwards."""
    for shared in SHARED:
        (tmp_path / shared).symlink_to(ROOT / shared, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    readers, modules = dict(READERS), set(sys.modules)
    yield tmp_path
    READERS.clear()
    READERS.update(readers)
    for module in set(sys.modules) - modules:
        if getattr(sys.modules[module], "__file__", "") and str(tmp_path) in str(
            sys.modules[module].__file__
        ):
            del sys.modules[module]


@pytest.mark.parametrize("page", RUNNABLE, ids=name)
def test_examples_run(page: Path, scratch: Path) -> None:
    namespace: dict[str, Any] = {"__name__": "__docs__"}
    for block in blocks(page):
        if block.skip is not None:
            continue
        where = f"{name(page)}:{block.line}"
        if block.requires and shutil.which(block.requires) is None:
            pytest.skip(f"{where} and the blocks after it need {block.requires}, not on PATH")
        module = FILE.match(block.code)
        if block.lang == "python" and module:
            (scratch / module["name"]).write_text(block.code, encoding="utf-8")
        elif block.lang == "python":
            run_python(block, where, namespace)
        else:
            run_pycon(block, where, namespace)


def test_skipped_examples_say_why_and_are_few() -> None:
    every = [(name(page), block) for page in PAGES for block in blocks(page)]
    skipped = [(page, block) for page, block in every if block.skip is not None]
    assert all(block.skip for _, block in skipped), [
        f"{page}:{block.line}" for page, block in skipped if not block.skip
    ]
    assert len(skipped) * 5 <= len(every), [f"{page}:{block.line}" for page, block in skipped]


def test_the_getting_started_page_runs_what_it_promises() -> None:
    page = ROOT / "docs" / "getting-started.md"
    code = "\n".join(block.code for block in blocks(page) if block.skip is None)
    for used in ("read(", "values()", "cell(", "validate(", "read_many(", "to_dataframe("):
        assert used in code


def test_the_fence_parser_finds_blocks_and_skip_markers(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "Intro\n\n```python\nx = 1\n```\n\n<!-- skip: needs your own PDF -->\n"
        "```python\nread('mine.pdf')\n```\n\n```bash\nls\n```\n\n"
        "- item\n\n  <!-- requires: soffice -->\n  ```pycon\n  >>> 1 + 1\n  2\n  ```\n",
        encoding="utf-8",
    )
    found = blocks(page)
    assert [(b.lang, b.line, b.skip, b.requires) for b in found] == [
        ("python", 4, None, None),
        ("python", 9, "needs your own PDF", None),
        ("pycon", 20, None, "soffice"),
    ]
    assert found[2].code == ">>> 1 + 1\n2\n"


def modules() -> list[str]:
    found = ["gikaireport"]
    for info in pkgutil.walk_packages(gikaireport.__path__, "gikaireport."):
        if not info.name.endswith("__main__"):
            found.append(info.name)
    return found


@pytest.mark.parametrize("module_name", modules())
def test_docstring_examples_run(module_name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    module = importlib.import_module(module_name)
    for test in doctest.DocTestFinder(exclude_empty=True).find(module, module_name):
        output: list[str] = []
        result = doctest.DocTestRunner(optionflags=FLAGS).run(test, out=output.append)
        assert not result.failed, "".join(output)


def test_the_command_line_page_covers_every_command_and_option() -> None:
    import argparse

    from gikaireport.cli import build_parser

    page = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    parser = build_parser()
    commands = next(
        action for action in parser._actions if isinstance(action, argparse._SubParsersAction)
    )
    assert set(commands.choices) == {"check", "batch", "dataset", "rules"}
    for command, subparser in commands.choices.items():
        assert f"## `gikaireport {command}`" in page
        for action in subparser._actions:
            for option in action.option_strings:
                if option not in ("-h", "--help"):
                    assert option in page, (command, option)
