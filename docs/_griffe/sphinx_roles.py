"""Render the Sphinx roles of the package's docstrings as inline code on the API page.

The docstrings name other objects the Sphinx way (``:class:`~gikaireport.ReadError```), which
reads well in ``help()``; mkdocstrings would print the role verbatim. This griffe extension
(loaded by mkdocs.yml) turns each role into inline code: the last component of the dotted path
when it starts with ``~``, the whole path otherwise.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

ROLE = re.compile(r":(?:py:)?(?:func|class|mod|data|meth|attr|exc|obj|const):`(~?)([^`]+)`")


def _code(match: re.Match[str]) -> str:
    tilde, target = match.groups()
    return f"`{target.rsplit('.', 1)[-1] if tilde else target}`"


class SphinxRoles(griffe.Extension):
    """Rewrite ``:role:`target``` in every docstring as inline code."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        """Rewrite the docstring of each object as it is loaded."""
        if obj.docstring is not None:
            obj.docstring.value = ROLE.sub(_code, obj.docstring.value)
