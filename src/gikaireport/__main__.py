"""``python -m gikaireport``: the same as the ``gikaireport`` command."""

from __future__ import annotations

from gikaireport.cli import main

raise SystemExit(main())
