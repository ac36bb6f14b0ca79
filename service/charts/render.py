"""Static images (PNG, SVG) through kaleido 1.x and Chromium, with one renderer kept alive.

A cold kaleido start costs seconds (it launches Chromium); a warm render about 0.1-0.2 s. So
the process keeps one `Kaleido` open on an event loop in a daemon thread, started lazily by
the first image request, shared by every request thread (`render` is thread-safe: requests
are submitted to that loop, and kaleido hands each one a free browser tab). If Chromium dies,
the next request starts a fresh one. plotly.js comes from the plotly package and MathJax is
off, so rendering never touches the network.
"""

from __future__ import annotations

import asyncio
import atexit
import logging
import os
import shutil
import threading
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

FORMATS: dict[str, str] = {"png": "image/png", "svg": "image/svg+xml"}
CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")


class RendererUnavailable(RuntimeError):
    """No image can be made: Chromium is missing or would not start (the API answers 503)."""


def browser_path() -> str | None:
    """Chromium for kaleido: $BROWSER_PATH if it exists, else Debian's /usr/bin/chromium or PATH."""
    env = os.environ.get("BROWSER_PATH")
    if env and Path(env).exists():
        return env
    for candidate in CANDIDATES:
        if Path(candidate).exists():
            return candidate
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def plotly_js_path() -> Path:
    """The plotly.min.js bundled with the installed plotly package (served and rendered with)."""
    import plotly

    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


class Renderer:
    """One kaleido/Chromium kept alive; `render(fig, fmt, width, height)` from any thread."""

    def __init__(self, *, tabs: int = 2, timeout_s: float = 30.0, start_timeout_s: float = 60.0) -> None:
        self.tabs = tabs
        self.timeout_s = timeout_s
        self.start_timeout_s = start_timeout_s
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._kaleido: Any = None
        self._pending: set[asyncio.Future] = set()  # tab reloads still running after an answer
        self.starts = 0  # how many times Chromium was launched (tests check it stays alive)

    @property
    def running(self) -> bool:
        """True while a kaleido browser is open."""
        return self._kaleido is not None

    def _submit(self, coro: Any) -> Future:
        assert self._loop is not None
        return asyncio.run_coroutine_threadsafe(coro, self._loop)

    def start(self) -> None:
        """Launch Chromium (if not running). Raises RendererUnavailable with the reason."""
        with self._lock:
            if self._kaleido is not None:
                return
            path = browser_path()
            if path is None:
                raise RendererUnavailable(
                    "Chromium is not installed, so PNG and SVG cannot be rendered: install Debian's "
                    "'chromium' package (make browser) or set BROWSER_PATH to a Chrome/Chromium binary."
                )
            # kaleido/choreographer look up the browser through BROWSER_PATH.
            os.environ.setdefault("BROWSER_PATH", path)
            if self._loop is None or not self._loop.is_running():
                self._loop = asyncio.new_event_loop()
                self._thread = threading.Thread(
                    target=self._loop.run_forever, name="kaleido-renderer", daemon=True
                )
                self._thread.start()
            try:
                self._kaleido = self._submit(self._open(path)).result(self.start_timeout_s)
            except Exception as exc:  # noqa: BLE001 - any failure to launch is "unavailable"
                self._kaleido = None
                raise RendererUnavailable(
                    f"Chromium ({path}) would not start for rendering: {type(exc).__name__}: {str(exc)[:200]}"
                ) from None
            self.starts += 1

    async def _open(self, path: str) -> Any:
        import kaleido

        k = kaleido.Kaleido(
            n=self.tabs, timeout=self.timeout_s, plotlyjs=str(plotly_js_path()), mathjax=False, path=path
        )
        await k.open()
        return k

    def render(self, figure: dict[str, Any], fmt: str, width: int, height: int, scale: float = 1.0) -> bytes:
        """The figure as PNG or SVG bytes. Starts the renderer on first use; restarts it if it died."""
        if fmt not in FORMATS:
            raise ValueError(f"format {fmt!r}: valid are {', '.join(FORMATS)}")
        for attempt in (1, 2):
            self.start()
            k = self._kaleido
            opts = {"format": fmt, "width": width, "height": height, "scale": scale}
            fut = self._submit(self._calc(k, figure, opts))
            try:
                return bytes(fut.result(self.timeout_s + 5))
            except FutureTimeout:
                fut.cancel()
                self._drop(k)
                if attempt == 2:
                    raise RendererUnavailable(f"rendering took longer than {self.timeout_s:.0f} s") from None
            except Exception as exc:  # noqa: BLE001
                # A dead browser shows up as a connection/channel error: start a fresh one once.
                log.warning(
                    "kaleido render failed (%s: %s); restarting the renderer", type(exc).__name__, exc
                )
                self._drop(k)
                if attempt == 2:
                    raise RendererUnavailable(f"the renderer failed: {type(exc).__name__}") from None
        raise AssertionError("unreachable")

    async def _calc(self, k: Any, figure: dict[str, Any], opts: dict[str, Any]) -> bytes:
        """Render on a free tab and answer at once; the tab's reload (kaleido resets a tab after
        every render, ~0.1 s) runs after the answer instead of before it. Uses kaleido 1.x
        internals; if they are not there, the public (slower) calc_fig does the same job."""
        try:
            from kaleido import _profiler
            from kaleido._utils import fig_tools

            spec = fig_tools.coerce_for_js(figure, None, opts)
            tab = await k._get_kaleido_tab()
            get_tab_ok = True
        except (ImportError, AttributeError, TypeError):
            get_tab_ok = False
        if not get_tab_ok:
            return bytes(await k.calc_fig(figure, opts=opts))
        try:
            prof = _profiler.RenderTaskProfile(spec, None, tab.tab.target_id)
            return bytes(
                await asyncio.wait_for(
                    tab._calc_fig(spec, topojson=None, render_prof=prof, stepper=False), self.timeout_s
                )
            )
        finally:
            task = asyncio.ensure_future(k._return_kaleido_tab(tab))
            self._pending.add(task)
            task.add_done_callback(self._pending.discard)

    def _drop(self, k: Any) -> None:
        with self._lock:
            if self._kaleido is k:
                self._kaleido = None
        if k is not None and self._loop is not None:
            try:
                self._submit(k.close()).result(10)
            except Exception:  # noqa: BLE001 - it is already broken; we only tidy up
                pass

    def close(self) -> None:
        """Close Chromium and stop the loop (idempotent)."""
        k = self._kaleido
        self._kaleido = None
        if self._loop is not None:
            if k is not None:
                try:
                    self._submit(k.close()).result(10)
                except Exception:  # noqa: BLE001
                    pass
            self._loop.call_soon_threadsafe(self._loop.stop)
            if self._thread is not None:
                self._thread.join(5)
            self._loop = None
            self._thread = None


_renderer: Renderer | None = None
_renderer_lock = threading.Lock()


def renderer() -> Renderer:
    """The process-wide renderer (created on first use, closed at exit)."""
    global _renderer
    with _renderer_lock:
        if _renderer is None:
            _renderer = Renderer()
            atexit.register(_renderer.close)
        return _renderer


def shutdown() -> None:
    """Close the process-wide renderer, if one was started (for app shutdown hooks)."""
    global _renderer
    with _renderer_lock:
        r, _renderer = _renderer, None
    if r is not None:
        r.close()
