"""Start-to-paint: the installed (frozen) app against the same app run from source.

Usage::

    .venv/bin/python bench/installed_startup.py [--runs N] [--bundle PATH]

Starts each program on a private Xvfb screen and times from just before the
process is created until the screen shows the window painted with text (the
first poll in which the screen differs from the empty black root and holds at
least a few dozen distinct colours: anti-aliased glyphs). The screen is read
directly with Xlib's XGetImage through ctypes every few milliseconds, so the
measurement adds no process of its own per poll; the resolution is about
10 ms. The app is closed and the screen is empty again before the next run.

Compared, alternately so that a busy machine slows both alike, after one
warm-up run of each (the page cache then holds both):

* from source: ``python -m desktop_app`` in this checkout's virtualenv;
* installed: ``--bundle`` (default ``/opt/serm-reference/serm-reference`` when
  the .deb is installed, else ``dist/serm-reference/serm-reference``).

Both start with ``--temp-basedir --no-err-windows``. Prints median and range;
no assertion (the goal, the installed app at least as fast as from source, is
judged by a person reading the figures).
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WIDTH, HEIGHT = 1280, 800
POLL_SECONDS = 0.005
PAINTED_COLOURS = 32  # distinct colours in the sample once text is drawn
SAMPLE_STEP = 61  # every 61st pixel: about 17,000 samples per screen
TIMEOUT_SECONDS = 60.0
Z_PIXMAP = 2
ALL_PLANES = 0xFFFFFFFF


class _XImage(ctypes.Structure):
    """The leading fields of Xlib's XImage, which is all that is read here."""

    _fields_ = [
        ("width", ctypes.c_int),
        ("height", ctypes.c_int),
        ("xoffset", ctypes.c_int),
        ("format", ctypes.c_int),
        ("data", ctypes.c_void_p),
        ("byte_order", ctypes.c_int),
        ("bitmap_unit", ctypes.c_int),
        ("bitmap_bit_order", ctypes.c_int),
        ("bitmap_pad", ctypes.c_int),
        ("depth", ctypes.c_int),
        ("bytes_per_line", ctypes.c_int),
        ("bits_per_pixel", ctypes.c_int),
    ]


class Screen:
    """Reads the pixels of one X display's root window."""

    def __init__(self, display: str) -> None:
        library = ctypes.util.find_library("X11")
        if library is None:
            raise SystemExit("libX11 not found (apt-get install libx11-6)")
        self.x11 = ctypes.CDLL(library)
        self.x11.XOpenDisplay.restype = ctypes.c_void_p
        self.x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
        self.x11.XDefaultRootWindow.restype = ctypes.c_ulong
        self.x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        self.x11.XGetImage.restype = ctypes.POINTER(_XImage)
        self.x11.XGetImage.argtypes = [
            ctypes.c_void_p,
            ctypes.c_ulong,
            ctypes.c_int,
            ctypes.c_int,
            ctypes.c_uint,
            ctypes.c_uint,
            ctypes.c_ulong,
            ctypes.c_int,
        ]
        self.x11.XDestroyImage.argtypes = [ctypes.POINTER(_XImage)]
        self.x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
        self.connection = self.x11.XOpenDisplay(display.encode())
        if not self.connection:
            raise SystemExit(f"cannot open X display {display}")
        self.root = self.x11.XDefaultRootWindow(self.connection)

    def pixels(self) -> bytes:
        image = self.x11.XGetImage(
            self.connection, self.root, 0, 0, WIDTH, HEIGHT, ALL_PLANES, Z_PIXMAP
        )
        try:
            size = image.contents.bytes_per_line * image.contents.height
            return ctypes.string_at(image.contents.data, size)
        finally:
            self.x11.XDestroyImage(image)

    def colours(self, pixels: bytes) -> int:
        view = memoryview(pixels).cast("I")
        return len(set(view[::SAMPLE_STEP]))

    def close(self) -> None:
        self.x11.XCloseDisplay(self.connection)


@contextmanager
def xvfb() -> Iterator[str]:
    """A private X server with a black root window, on a display number it picks."""
    read, write = os.pipe()
    server = subprocess.Popen(
        [
            "Xvfb",
            "-displayfd",
            str(write),
            "-screen",
            "0",
            f"{WIDTH}x{HEIGHT}x24",
            "-br",
            "-nolisten",
            "tcp",
        ],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    try:
        if not number:
            raise SystemExit("Xvfb did not start (apt-get install xvfb)")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def start_to_paint(command: list[str], display: str, screen: Screen, blank: bytes) -> float:
    """Seconds from process creation to a painted window; the app is closed afterwards."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_QPA", "SERM_"))}
    env["DISPLAY"] = display
    with tempfile.TemporaryDirectory() as home:
        env["HOME"] = home  # no settings or caches of a previous run
        started = time.perf_counter()
        app = subprocess.Popen(
            command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            while True:
                pixels = screen.pixels()
                if pixels != blank and screen.colours(pixels) >= PAINTED_COLOURS:
                    return time.perf_counter() - started
                if app.poll() is not None:
                    raise SystemExit(f"{command[0]} exited with {app.returncode} before painting")
                if time.perf_counter() - started > TIMEOUT_SECONDS:
                    raise SystemExit(f"{command[0]} painted nothing in {TIMEOUT_SECONDS:.0f} s")
                time.sleep(POLL_SECONDS)
        finally:
            app.terminate()
            app.wait(timeout=30)
            while screen.pixels() != blank:  # the window is gone before the next run
                time.sleep(POLL_SECONDS)


def default_bundle() -> Path:
    installed = Path("/opt/serm-reference/serm-reference")
    return installed if installed.is_file() else ROOT / "dist" / "serm-reference" / "serm-reference"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each (default 7)")
    parser.add_argument("--bundle", type=Path, default=None, help="the frozen program to time")
    args = parser.parse_args(argv)
    bundle = args.bundle or default_bundle()
    if not bundle.is_file():
        raise SystemExit(f"no bundle at {bundle}: run python packaging/build.py (or --bundle)")
    common = ["--temp-basedir", "--no-err-windows"]
    programs = {
        "from source (python -m desktop_app)": [sys.executable, "-m", "desktop_app", *common],
        f"installed ({bundle})": [str(bundle), *common],
    }
    times: dict[str, list[float]] = {label: [] for label in programs}
    with xvfb() as display:
        screen = Screen(display)
        blank = screen.pixels()
        for run in range(args.runs + 1):  # run 0 warms the page cache and is not counted
            for label, command in programs.items():
                seconds = start_to_paint(command, display, screen, blank)
                if run:
                    times[label].append(seconds)
        screen.close()
    print(f"start-to-paint on Xvfb {WIDTH}x{HEIGHT}, {args.runs} runs each after a warm-up,")
    print("median [min-max]:")
    for label, values in times.items():
        print(
            f"  {statistics.median(values) * 1000:6.0f} ms  "
            f"[{min(values) * 1000:.0f}-{max(values) * 1000:.0f}]  {label}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
