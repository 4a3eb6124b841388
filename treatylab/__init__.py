"""treatylab: a course of notebooks on the 2025 Russia–Iran treaty and the data behind it.

Learners need three names: ``check`` (feedback on an answer), ``hint`` and ``check_all``
(progress in a lesson); ``load`` reads a table of data/.
"""

from treatylab.check import check, check_all, hint
from treatylab.data import load

__all__ = ["check", "check_all", "hint", "load"]
__version__ = "0.1.0"
