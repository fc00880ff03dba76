"""Attributes of frozen classes that are made when first read.

A reader or the assembler can know everything an attribute will hold without making its
objects yet: a table's cells, say, of which most uses read a few or none. Such an attribute
holds a :class:`Deferred` placeholder in its slot, and :class:`OnFirstRead`, installed on the
class in the slot's place, makes the value when the attribute is first read and keeps it.
Everything that reads the attribute (equality, hashing, ``repr``, ``attrs.asdict``, pickling)
sees the value, so an instance is equal to one made with the value at once.
"""

from __future__ import annotations

from typing import Any

__all__: list[str] = []


class Deferred:
    """A slot's value not made yet: :meth:`make` makes it."""

    __slots__ = ()

    def make(self) -> Any:
        """The value, made (called once per instance, when first read)."""
        raise NotImplementedError


class OnFirstRead:
    """A slotted attribute whose :class:`Deferred` placeholder is made into its value when
    the attribute is first read. ``OnFirstRead(cls, name)`` takes the slot's place on ``cls``.
    """

    def __init__(self, owner: type, name: str) -> None:
        self.slot = owner.__dict__[name]
        setattr(owner, name, self)

    def __get__(self, instance: object | None, owner: type | None = None) -> Any:
        if instance is None:
            return self
        value = self.slot.__get__(instance, owner)
        if isinstance(value, Deferred):
            value = value.make()
            self.slot.__set__(instance, value)
        return value

    def __set__(self, instance: object, value: object) -> None:
        self.slot.__set__(instance, value)

    def held(self, instance: object) -> Any:
        """What the slot holds: the value, or its :class:`Deferred` placeholder."""
        return self.slot.__get__(instance, type(instance))
