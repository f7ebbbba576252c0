"""Every error class of actorgraph, in one place, with the exit code the CLI gives it.

Library functions raise these with a one-line message (naming the file and line where there
is one); ``cli.py`` imports this module once and turns any ``ActorgraphError`` into
``error: <message>`` on stderr and ``exit_code``. Bad *input* (an unreadable article) is not
an exception: it is an ``InputError`` record (records.py) written to errors.jsonl while the
job goes on. This module imports nothing, so importing it costs nothing.
"""

from __future__ import annotations


class ActorgraphError(Exception):
    """Base class: a clear one-line message; ``exit_code`` is what the CLI exits with."""

    exit_code = 2


class UsageError(ActorgraphError, ValueError):
    """Bad arguments or an output folder that cannot be used."""


class ModelNotFound(ActorgraphError, RuntimeError):
    """The requested spaCy pipeline is not installed; the message says how to install it."""


class ConfigError(ActorgraphError, ValueError):
    """A pipeline config or a ``--set`` override is invalid."""


class GoldError(ActorgraphError, ValueError):
    """A gold file (evaluation) that cannot be read; the message names the file and line."""


class WorkerError(ActorgraphError, RuntimeError):
    """A worker could not start (model or config) or died: run again with ``--resume``."""

    exit_code = 3


__all__ = ["ActorgraphError", "ConfigError", "GoldError", "ModelNotFound", "UsageError",
           "WorkerError"]
