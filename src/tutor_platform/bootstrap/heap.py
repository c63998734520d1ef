"""What start-up built, kept out of the garbage collector's way.

A served API process holds about half a million objects that live as long as it does (modules,
the app and its routes, the container, the demo data, warm caches). Each full collection walked
all of them, which made the slowest requests of catalog reads about 20 times the median
(docs/benchmarks.md); frozen, they are never walked again.
"""

import gc


def freeze_start_up_heap() -> None:
    """Collect what start-up left behind, then move every surviving object to the permanent
    generation (call once, when start-up is complete; only in a serving process, since frozen
    cycles are never freed)."""
    gc.collect()
    gc.freeze()
