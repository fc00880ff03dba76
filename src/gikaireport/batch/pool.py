"""A process pool that survives the death of any of its processes.

Each worker process has a pipe of its own and reads the items it is given in order (it is
given the next one while it reads one, so that it never waits), so the parent always knows
which item a process was working on: the first it has not answered. When a process dies (a
crash in a native library, the kernel's out-of-memory killer, a ``kill -9``), that item gets a
:class:`Lost` result naming the signal or exit status, the items it had not begun are handed
to others, the process is replaced, and every other item is read. Nothing is shared between
the workers (no common queue, no lock a dying process could leave held), and an item is read
by one process only, so no item has two results.

``concurrent.futures.ProcessPoolExecutor`` is not used: when one of its processes dies it
marks the whole pool broken, fails every pending task, and cannot say which task the dead
process held. How processes start: :func:`start_method`.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import pickle
import signal
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any, Generic, TypeVar

from attrs import frozen

from gikaireport.batch.stop import StopSignals

__all__: list[str] = []

T = TypeVar("T")
R = TypeVar("R")

_END: Any = object()
_JOIN_SECONDS = 10.0
"""How long to wait for a process that was asked to end (bounded, never a test's timing)."""
_DEPTH = 2
"""Items handed to a process at a time: the one it reads, and the next, so that it never
waits for the parent between items."""
_IDLE_DEATHS = 20
"""Processes that may die in a row without taking an item before the pool gives up."""


@frozen
class Lost:
    """An item without a result: its process died, or the function raised.

    Attributes:
        reason: what happened, in one sentence (naming the signal or exit status).

    """

    reason: str


def death_reason(exitcode: int | None) -> str:
    """The reason of a :class:`Lost` item whose process ended with ``exitcode``."""
    if exitcode is None:
        how = "ended without a result"
    elif exitcode < 0:
        try:
            how = f"was killed by signal {signal.Signals(-exitcode).name}"
        except ValueError:
            how = f"was killed by signal {-exitcode}"
    else:
        how = f"exited with status {exitcode}"
    return (
        f"the process reading this file {how} (a crash in a native library, "
        "or the system stopping it, e.g. for lack of memory)"
    )


def _single_threaded() -> bool:
    """Whether this process runs one thread, native ones counted (Linux; elsewhere: unknown)."""
    try:
        return len(list(Path("/proc/self/task").iterdir())) == 1
    except OSError:
        return False


def start_method() -> str:
    """How the pool starts its processes in this process, now.

    ``fork`` on Linux when this process runs a single thread: workers start at once, and a
    script needs no ``if __name__ == "__main__":`` guard. Forking a process with other
    threads (a notebook kernel, a library's thread pool) can copy a lock another thread
    holds into the worker, so then ``forkserver`` (or ``spawn`` where there is none): workers
    start from a clean server process and import the main script again, as ``__mp_main__``.
    """
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and _single_threaded():
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


def _context(method: str) -> BaseContext:
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        # workers fork from a server that has the readers imported already
        context.set_forkserver_preload(["gikaireport.batch.records"])
    return context


def _outcome(function: Callable[[Any], Any], item: Any) -> Any:
    try:
        return function(item)
    except Exception as exc:
        return Lost(f"unexpected {type(exc).__name__}: {exc}")


def _serve(function: Callable[[Any], Any], conn: Connection) -> None:
    """The loop of a worker process: one item in, one result out, until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what Ctrl-C does
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # ended quietly, without a traceback
    try:
        while (message := conn.recv()) is not None:
            result = _outcome(function, message[0])
            try:
                payload = pickle.dumps(result)
            except Exception as exc:  # a result that cannot be pickled
                payload = pickle.dumps(Lost(f"the result cannot be sent: {exc}"))
            conn.send_bytes(payload)
    except (OSError, EOFError):  # the parent is gone
        return


class _Worker:
    """One worker process, its end of the pipe, and the indexes of the items it holds.

    The process reads its items in the order it was given them, so the first item it holds is
    the one it is reading, and the others wait in the pipe.
    """

    def __init__(self, context: BaseContext, function: Callable[[Any], Any]) -> None:
        parent_end, child_end = context.Pipe()
        self.process: BaseProcess = context.Process(  # type: ignore[attr-defined]
            target=_serve, args=(function, child_end), daemon=True
        )
        self.process.start()
        child_end.close()
        self.conn = parent_end
        self.held: deque[int] = deque()

    def end(self, force: bool) -> None:
        """Stop the process (at once when ``force``), wait for it, close the pipe."""
        if force:
            self.process.terminate()
        else:
            with contextlib.suppress(OSError):
                self.conn.send(None)
        self.process.join(_JOIN_SECONDS)
        if self.process.exitcode is None:
            self.process.kill()
            self.process.join()
        self.conn.close()


class Pool(Generic[T, R]):
    """``jobs`` processes mapping ``function`` over items; see the module docstring.

    ``method`` is the start method (by default :func:`start_method`, chosen when the pool is
    made, so that its replacement processes start the same way).

    ``function`` must be importable by name (pickled by reference) and should return its
    errors rather than raise them (an exception is turned into a :class:`Lost` result).
    """

    def __init__(
        self,
        function: Callable[[T], R],
        jobs: int,
        stop: StopSignals | None = None,
        method: str | None = None,
    ) -> None:
        self.function = function
        self.jobs = jobs
        self.stop = stop
        self.workers: list[_Worker] = []
        self._context = _context(method or start_method())
        self._idle_deaths = 0

    def _stopping(self) -> bool:
        return self.stop is not None and self.stop.requested

    def map(self, items: Iterable[T]) -> Iterator[tuple[T, R | Lost]]:
        """Yield ``(item, result or Lost)`` in input order, at most ``2 * jobs`` in flight.

        Stops early, without an error, when :attr:`stop` is requested: the items already
        done in order are yielded, the ones in flight are abandoned.
        """
        source = iter(items)
        window = 2 * self.jobs
        taken: dict[int, T] = {}
        waiting: deque[int] = deque()
        done: dict[int, R | Lost] = {}
        count = position = 0
        while True:
            while position in done:
                yield taken.pop(position), done.pop(position)
                position += 1
            if self._stopping():
                return
            while count - position < window and (item := next(source, _END)) is not _END:
                taken[count] = item
                waiting.append(count)
                count += 1
            if position == count:
                return
            self._dispatch(taken, waiting, done)
            if not any(worker.held for worker in self.workers):
                continue  # every waiting item was settled without a process
            self._collect(waiting, done)

    def _free_worker(self) -> _Worker | None:
        """The process to give the next item: the least loaded, or a new one.

        A process is started while there are fewer than ``jobs`` and every one is busy;
        ``None`` when every process holds ``_DEPTH`` items.
        """
        least = min(self.workers, key=lambda worker: len(worker.held), default=None)
        if len(self.workers) < self.jobs and (least is None or least.held):
            least = _Worker(self._context, self.function)
            self.workers.append(least)
        return least if least is not None and len(least.held) < _DEPTH else None

    def _dispatch(
        self, taken: dict[int, T], waiting: deque[int], done: dict[int, R | Lost]
    ) -> None:
        """Hand waiting items to processes, starting processes up to ``jobs``."""
        while waiting and (worker := self._free_worker()) is not None:
            try:
                worker.conn.send((taken[waiting[0]],))
            except OSError:  # the process has died
                self._idle_deaths += not worker.held
                self._bury(worker, waiting, done)
                if self._idle_deaths > _IDLE_DEATHS:
                    done[waiting.popleft()] = Lost("no reading process could be started")
                continue
            worker.held.append(waiting.popleft())

    def _collect(self, waiting: deque[int], done: dict[int, R | Lost]) -> None:
        """Wait for a result, the death of a busy process, or a stop signal."""
        busy = [worker for worker in self.workers if worker.held]
        watched: list[Any] = [worker.conn for worker in busy]
        watched += [worker.process.sentinel for worker in busy]
        if self.stop is not None and self.stop.active:
            watched.append(self.stop)
        ready = set(wait(watched))
        for worker in busy:
            if worker.conn in ready or worker.process.sentinel in ready:
                self._take(worker, waiting, done)

    def _take(self, worker: _Worker, waiting: deque[int], done: dict[int, R | Lost]) -> None:
        """Record the results of a process that is ready, or its death."""
        try:
            while worker.held and worker.conn.poll():
                done[worker.held.popleft()] = worker.conn.recv()
                self._idle_deaths = 0
            if worker.process.is_alive():
                return
        except (OSError, EOFError):  # the process died before or while sending
            pass
        self._bury(worker, waiting, done)

    def _bury(self, worker: _Worker, waiting: deque[int], done: dict[int, R | Lost]) -> None:
        """A process has died: forget it, after taking the results it sent before dying.

        The item it was reading is lost; the ones it had not begun wait again, first in line.
        """
        with contextlib.suppress(OSError, EOFError):  # a result cut short by the death
            while worker.held and worker.conn.poll():
                done[worker.held.popleft()] = worker.conn.recv()
        if worker.held:
            worker.process.join(_JOIN_SECONDS)
            done[worker.held.popleft()] = Lost(death_reason(worker.process.exitcode))
            waiting.extendleft(reversed(worker.held))
            worker.held.clear()
        self.workers.remove(worker)
        worker.end(force=True)

    def close(self) -> None:
        """End every process: idle ones are asked to stop, busy ones are terminated."""
        while self.workers:
            worker = self.workers.pop()
            worker.end(force=bool(worker.held))


def pool_map(
    function: Callable[[T], R],
    items: Iterable[T],
    jobs: int,
    stop: StopSignals | None = None,
) -> Generator[tuple[T, R | Lost], None, None]:
    """Map ``function`` over ``items`` in input order: in this process when ``jobs <= 1``,
    else with a :class:`Pool` of ``jobs`` processes (ended when the iteration ends).

    In this process a stop request is checked between items; the item being read finishes.
    """
    if jobs > 1:
        pool: Pool[T, R] = Pool(function, jobs, stop)
        try:
            yield from pool.map(items)
        finally:
            pool.close()
        return
    for item in items:
        if stop is not None and stop.requested:
            return
        outcome: R | Lost = _outcome(function, item)
        yield item, outcome
