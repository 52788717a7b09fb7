"""The action server (`python -m actions.serve ...`, rasa_sdk's command line)
without TensorFlow.

spaCy (the PhraseMatcher in actions/sop/mentions.py) imports thinc, and thinc
imports TensorFlow whenever it is installed, as it is in the Rasa environment.
No action uses it, and it took three quarters of the action server's memory:
481 MB with it, 126 MB without (bench/memory.py, bench/RESULTS.md 2026-12-02).
"""

from __future__ import annotations

import sys


def without_tensorflow() -> None:
    """From now on `import tensorflow` raises ImportError, which thinc takes as
    "not installed". Call before anything imports spaCy."""
    sys.modules["tensorflow"] = None  # type: ignore[assignment]


if __name__ == "__main__":
    without_tensorflow()
    from rasa_sdk.__main__ import main

    main()
