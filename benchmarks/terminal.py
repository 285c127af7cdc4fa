"""A program in a pseudo-terminal, watched through a terminal emulator, timed the way a user sees it."""

from __future__ import annotations

import errno
import fcntl
import os
import pty
import select
import signal
import struct
import termios
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence

import pyte

COLUMNS = 120
LINES = 40

Predicate = Callable[[list[str]], bool]


class ScreenTimeout(TimeoutError):
    """The screen never showed what we waited for; the message carries what it did show."""


def contains(*texts: str) -> Predicate:
    """A predicate: every one of `texts` is somewhere on the screen (each on a single row)."""

    def shown(lines: list[str]) -> bool:
        return all(any(text in line for line in lines) for text in texts)

    return shown


class Terminal:
    """One program in a 120x40 pty whose output is fed into a pyte screen.

    A reader thread only reads and stamps each chunk with the moment it arrived; a second thread
    feeds chunks to the emulator one at a time and, after each, checks the predicate someone is
    waiting for. So the emulator's own (slow, pure Python) work never delays a stamp nor blocks the
    program on a full pty buffer, and a waiter gets the stamp of exactly the chunk that completed
    the text: the cost of drawing more bytes stays the program's, not the harness's.
    """

    def __init__(
        self,
        argv: Sequence[str],
        env: Mapping[str, str] | None = None,
        cwd: str | None = None,
        columns: int = COLUMNS,
        lines: int = LINES,
    ) -> None:
        self.columns, self.lines = columns, lines
        self.screen = pyte.Screen(columns, lines)
        # Answer the emulator's reports (device attributes, cursor position) like a real terminal.
        self.screen.write_process_input = self._answer  # type: ignore[method-assign]
        self.stream = pyte.ByteStream(self.screen)
        self._changed = threading.Condition()
        self._last_chunk_at = 0.0
        self._version = 0
        self._eof = False
        self._chunks: deque[tuple[float, bytes | None]] = deque()  # None marks the end of output
        self._arrived = threading.Semaphore(0)
        self._watch: Predicate | None = None
        self._hit: float | None = None
        full_env = dict(env if env is not None else os.environ)
        full_env.update(TERM="xterm-256color", COLUMNS=str(columns), LINES=str(lines))
        self.spawned_at = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # the child: size its terminal before the program can ask for it
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
                if cwd:
                    os.chdir(cwd)
                os.execvpe(argv[0], list(argv), full_env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self._reader = threading.Thread(target=self._read, name=f"pty-{pid}", daemon=True)
        self._feeder = threading.Thread(target=self._feed, name=f"pyte-{pid}", daemon=True)
        self._reader.start()
        self._feeder.start()

    # -- output ----------------------------------------------------------------------------

    def _read(self) -> None:
        while True:
            try:
                ready, _, _ = select.select([self.fd], [], [], 0.5)
                if not ready:
                    if self._exited():
                        break
                    continue
                chunk = os.read(self.fd, 1 << 16)
            except OSError as error:  # EIO: the program closed its side of the pty
                if error.errno not in (errno.EIO, errno.EBADF):
                    raise
                break
            if not chunk:
                break
            self._chunks.append((time.perf_counter(), chunk))
            self._arrived.release()
        self._chunks.append((time.perf_counter(), None))
        self._arrived.release()

    def _feed(self) -> None:
        while True:
            self._arrived.acquire()
            arrived, chunk = self._chunks.popleft()
            with self._changed:
                if chunk is None:
                    self._eof = True
                    self._changed.notify_all()
                    return
                self.stream.feed(chunk)
                self._last_chunk_at = arrived
                self._version += 1
                if self._watch is not None and self._hit is None and self._watch(self.screen.display):
                    self._hit = arrived
                self._changed.notify_all()

    def _answer(self, data: str) -> None:
        try:
            os.write(self.fd, data.encode())
        except OSError:
            pass

    @property
    def version(self) -> int:
        """How many chunks of output have arrived: changes whenever the program draws."""
        return self._version

    def display(self) -> list[str]:
        """The screen's rows as text, right now."""
        with self._changed:
            return list(self.screen.display)

    def wait_for(self, predicate: Predicate, timeout: float = 10.0) -> float:
        """Block until the screen satisfies `predicate`; return when the deciding bytes arrived."""
        deadline = time.perf_counter() + timeout
        with self._changed:
            if predicate(self.screen.display):
                return self._last_chunk_at
            self._watch, self._hit = predicate, None
            try:
                while self._hit is None:
                    remaining = deadline - time.perf_counter()
                    if remaining <= 0 or self._eof:
                        raise self._timeout(timeout)
                    self._changed.wait(remaining)
                return self._hit
            finally:
                self._watch = None

    def _timeout(self, timeout: float) -> ScreenTimeout:
        rows = [line.rstrip() for line in self.screen.display if line.strip()]
        why = "the program exited" if self._eof else f"{timeout:.0f} s passed"
        last = f": {rows[-1].strip()!r}" if rows else ""
        # The first line says it all for a table; the rest is the screen, for debugging.
        return ScreenTimeout(f"{why}; last row on screen{last}\n" + "\n".join(rows))

    def wait_quiet(self, quiet: float = 0.3, timeout: float = 5.0) -> None:
        """Wait until no output has arrived for `quiet` seconds (the app is idle)."""
        deadline = time.perf_counter() + timeout
        with self._changed:
            while time.perf_counter() < deadline and not self._eof:
                seen = self._version
                self._changed.wait(quiet)
                if self._version == seen:
                    return

    # -- input -----------------------------------------------------------------------------

    def send(self, data: str | bytes) -> float:
        """Write key bytes as a user's terminal would; return the moment they were written."""
        raw = data.encode() if isinstance(data, str) else data
        sent_at = time.perf_counter()
        os.write(self.fd, raw)
        return sent_at

    def press_and_wait(self, keys: str | bytes, predicate: Predicate, timeout: float = 10.0) -> float:
        """Seconds from writing `keys` until the screen satisfies `predicate`."""
        sent_at = self.send(keys)
        return self.wait_for(predicate, timeout) - sent_at

    # -- the process -----------------------------------------------------------------------

    def _exited(self) -> bool:
        try:
            pid, _ = os.waitpid(self.pid, os.WNOHANG)
        except ChildProcessError:
            return True
        return pid == self.pid

    def close(self, quit_keys: bytes | None = b"\x11", grace: float = 3.0) -> None:
        """Ask the program to quit (ctrl+q by default), then insist; always reap it."""
        if quit_keys is not None:
            try:
                self.send(quit_keys)
            except OSError:
                pass
        deadline = time.perf_counter() + grace
        while time.perf_counter() < deadline:
            if self._exited():
                break
            time.sleep(0.02)
        else:
            for sig in (signal.SIGTERM, signal.SIGKILL):
                try:
                    os.kill(self.pid, sig)
                except ProcessLookupError:
                    break
                time.sleep(0.3)
                if self._exited():
                    break
        self._reader.join(timeout=2)
        self._feeder.join(timeout=5)
        try:
            os.close(self.fd)
        except OSError:
            pass

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# -- what the process costs, read from /proc -------------------------------------------------

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def process_tree(root: int) -> list[int]:
    """`root` and every descendant alive now."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, []))
    return tree


def cpu_seconds(root: int) -> float:
    """User plus system CPU time of the process tree (all threads), in seconds."""
    total = 0
    for pid in process_tree(root):
        try:
            with open(f"/proc/{pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return total / CLOCK_TICKS


def idle_cpu_percent(roots: list[int], seconds: float) -> dict[int, float]:
    """Share of one core each process tree used over the same `seconds` of wall time, in percent."""
    before, wall_before = {root: cpu_seconds(root) for root in roots}, time.perf_counter()
    time.sleep(seconds)
    after, wall_after = {root: cpu_seconds(root) for root in roots}, time.perf_counter()
    wall = wall_after - wall_before
    return {root: 100.0 * (after[root] - before[root]) / wall for root in roots}


def peak_memory_mb(root: int) -> float:
    """VmHWM (peak resident set) summed over the process tree, in MB (10^6 bytes)."""
    total_kb = 0
    for pid in process_tree(root):
        try:
            with open(f"/proc/{pid}/status") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        total_kb += int(line.split()[1])
                        break
        except OSError:
            continue
    return total_kb * 1024 / 1e6
