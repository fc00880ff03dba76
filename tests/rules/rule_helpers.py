"""Helpers the rule tests share."""

from __future__ import annotations


def named(title: str, **meta: object) -> dict[str, object]:
    """Metadata for ``example_report(meta=...)``: the title, the agency it names, and signer."""
    agency = title.split("2022年")[0]
    return {"title": title, "agency": agency, "signed_by": agency, **meta}
