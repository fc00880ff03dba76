"""Functions the pool tests map in worker processes.

They live in a module of their own that imports nothing heavy: each worker process imports it
to unpickle the function, and the tests start many workers.
"""

from __future__ import annotations

import os
import signal


def tenfold(item: int) -> int:
    return item * 10


def exit_on_three(item: int) -> int:
    if item == 3:
        os._exit(7)  # the process ends as in a native crash
    return item * 10


def raise_on_two(item: int) -> int:
    if item == 2:
        raise ZeroDivisionError("division by zero")
    return item * 10


def interrupt_on_two(item: int) -> int:
    if item == 2:
        os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C while this item is being read
    return item * 10


def killed_at_gate(item: tuple[int, str]) -> int:
    """Item ``(n, gate)`` with a gate: wait until the gate (a FIFO) is opened, then die."""
    number, gate = item
    if gate:
        with open(gate, "rb"):  # noqa: PTH123  blocks until the test opens the other end
            os.kill(os.getpid(), signal.SIGKILL)
    return number * 10
