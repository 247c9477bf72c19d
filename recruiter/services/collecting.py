"""Bulk steps without the cyclic garbage collector's rescans.

A leaf: it knows nothing of what the step does."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_collector() -> Iterator[None]:
    """Pause the cyclic garbage collector for a bulk step (reading an export, settling an
    import): it builds hundreds of thousands of objects that live until the step ends, and
    the collector would rescan them all every few thousand allocations (a third of the time
    of reading a large export). Reference counting still frees the rest; the collector runs
    again after the step, as it did before it."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
