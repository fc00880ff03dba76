"""Ctrl-C and SIGTERM as a request to stop, for a run that must leave its output whole."""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from types import FrameType, TracebackType
from typing import Any

__all__: list[str] = []

_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class StopSignals:
    """While active, SIGINT and SIGTERM set :attr:`requested` instead of ending the process.

    Used as a context manager. A waiting pool wakes up at once: the signal handler writes a
    byte to a pipe whose read end is :meth:`fileno`. A second signal raises
    :class:`KeyboardInterrupt`, for a user who does not want to wait for the work in flight.
    Outside the main thread (where Python cannot install handlers), or where a pipe cannot be
    made non-blocking, it does nothing and :attr:`active` is false.
    """

    def __init__(self) -> None:
        self.received: int | None = None
        self.active = False
        self._read = self._write = -1
        self._previous: dict[int, Any] = {}

    @property
    def requested(self) -> bool:
        """Whether a stop signal has been received."""
        return self.received is not None

    def fileno(self) -> int:
        """A descriptor that becomes readable when a stop signal arrives."""
        return self._read

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self.received is not None:
            raise KeyboardInterrupt
        self.received = signum
        with contextlib.suppress(OSError):  # the pipe is full: a byte is already waiting
            os.write(self._write, b"\0")

    def __enter__(self) -> StopSignals:
        if threading.current_thread() is not threading.main_thread():
            return self
        self._read, self._write = os.pipe()
        try:
            os.set_blocking(self._write, False)
        except (AttributeError, OSError):  # Windows before 3.12: Ctrl-C stays KeyboardInterrupt
            os.close(self._read)
            os.close(self._write)
            self._read = self._write = -1
            return self
        for signum in _SIGNALS:
            self._previous[signum] = signal.signal(signum, self._handle)
        self.active = True
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if not self.active:
            return
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)
        os.close(self._read)
        os.close(self._write)
        self.active = False
