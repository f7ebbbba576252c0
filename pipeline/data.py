"""Which word lists and gazetteers a run uses: the ``[data]`` section of its config.

Every list the code reads is data behind a registered, versioned loader (``@misc`` in spaCy's
registry), defined beside the code that reads it:

======================== ================================ ==================================
``actorgraph.cues.v1``   attribution/lexicon.py           reporting cues (a component setting)
``actorgraph.roles.v1``  attribution/lexicon.py           role nouns (a component setting)
``actorgraph.titles.v1`` actors.py ``create_titles``       titles and honorifics (names)
``actorgraph.org_aliases.v1`` actors.py ``create_org_aliases`` well-known organisations
``actorgraph.countries.v1``   data.py ``cached_countries``     country names, demonyms, capitals
``actorgraph.tone.v1``   tone.py ``create_tone_lexicon``  tone weights of cues and words
======================== ================================ ==================================

Cues and roles are arguments of the spaCy components. Titles, org aliases, countries and tone
are read by plain functions that run in the components *and* after extraction (actor ids,
the graph's tone), so ``use_data`` resolves the config's ``[data]`` section once per process
(``load_nlp`` in a worker, ``run_job`` in the main process) and the loaders' callers get the
chosen objects through ``chosen``. A config swaps a list with ``--set data.titles.path=FILE``
or by naming another registered function. Without a ``[data]`` section, the lists in models/
(and countryinfo/countrynames) are used. This module does not read any file itself.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar, cast

T = TypeVar("T")

#: the [data] entries, in the order they are resolved
KINDS = ("titles", "org_aliases", "countries", "tone")

# The lists the config chose in this process (empty: the defaults). Per-process by nature, like
# a loaded model: set by use_data, read by actors.py and tone.py.
_CHOSEN: dict[str, Any] = {}


def chosen(kind: str) -> Any:
    """The object the config chose for ``kind`` (one of ``KINDS``), or None for the default."""
    return _CHOSEN.get(kind)


def register_loaders() -> None:
    """Put the loaders of titles, org aliases, countries and tone in spaCy's ``misc`` registry.

    Done here rather than with decorators in actors.py and tone.py so that those modules do not
    import spaCy (finalize and the graph run without it). Idempotent. The same names are
    published as ``spacy_misc`` entry points (pyproject.toml) for a bare ``spacy`` process.
    """
    from spacy.util import registry

    from . import actors, tone

    for name, func in (("actorgraph.titles.v1", actors.create_titles),
                       ("actorgraph.org_aliases.v1", actors.create_org_aliases),
                       ("actorgraph.countries.v1", cached_countries),
                       ("actorgraph.tone.v1", tone.create_tone_lexicon)):
        registry.misc.register(name, func=func)


def cache_dir() -> Path:
    """Where derived data is cached: ``$ACTORGRAPH_CACHE``, else the user's cache folder."""
    env = os.environ.get("ACTORGRAPH_CACHE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "actorgraph"


def disk_cached(name: str, build: Callable[[], T], *, dists: Sequence[str] = (),
                sources: Sequence[str | Path] = ()) -> T:
    """``build()``, kept on disk between runs (``cache_dir()/NAME-KEY.marshal``).

    For derived data that costs start-up time in every process (gazetteers, frequency tables):
    the result is stored with ``marshal`` (builtin types only: dict, list, tuple, str, float,
    frozenset...), which loads 5-20x faster than rebuilding. KEY covers the versions of the
    distributions ``dists`` the data comes from, the source files ``sources`` of the code
    that builds it and Python's marshal format, so a new version of any rebuilds it. A cache
    that cannot be read or written is ignored: the data is built as before, never an error.
    """
    import hashlib
    import marshal
    from importlib.metadata import PackageNotFoundError, version

    parts = [f"marshal={marshal.version}", f"python={sys.version_info[:2]}"]
    for dist in dists:
        try:
            parts.append(f"{dist}={version(dist)}")
        except PackageNotFoundError:
            parts.append(f"{dist}=?")
    try:
        parts.extend(hashlib.sha256(Path(src).read_bytes()).hexdigest() for src in sources)
    except OSError:
        return build()
    key = hashlib.sha256("\0".join(parts).encode()).hexdigest()[:20]
    path = cache_dir() / f"{name}-{key}.marshal"
    try:
        return cast(T, marshal.loads(path.read_bytes()))
    except (OSError, ValueError, EOFError, TypeError):
        pass
    data = build()
    try:
        from .export.atomic import atomic_write

        with atomic_write(path, "wb") as fh:
            marshal.dump(data, fh)  # type: ignore[arg-type]  # any builtin value
    except (OSError, ValueError):  # a read-only cache folder; a type marshal cannot write
        pass
    return data


@lru_cache(maxsize=1)
def cached_countries() -> Any:
    """``actors.create_countries()``, kept on disk between runs (registered as
    ``actorgraph.countries.v1``): building it from countryinfo and countrynames takes 0.5-1.5 s
    of every run's start-up (``disk_cached``, keyed by both libraries and names.py)."""
    from . import actors

    def build() -> tuple:
        c = actors.create_countries()
        return (c.names, c.demonyms, c.capitals, c.display, c.subnational)

    from .actors import names as source  # where create_countries is

    names, demonyms, capitals, display, subnational = disk_cached(
        "countries", build, dists=("countrynames", "countryinfo"), sources=[source.__file__])
    return actors.Countries(names, frozenset(demonyms), capitals, display, frozenset(subnational))


def use_data(section: Any) -> None:
    """Resolve a config's ``[data]`` section (a dict or Config; None: all defaults) and use it.

    Entries left out fall back to the defaults. Caches of functions that read the lists are
    cleared when a list changes, so no result computed from the old data survives.
    """
    from spacy.util import registry

    from .errors import ConfigError

    register_loaders()
    try:
        resolved = registry.resolve({"data": dict(section or {})})["data"]
    except Exception as exc:  # a missing file, an unknown loader, a bad argument
        msg = " ".join(str(exc).split())
        raise ConfigError(f"bad [data] section: {type(exc).__name__}: {msg[:300]}") from None
    new = {k: resolved[k] for k in KINDS if resolved.get(k) is not None}
    if new != _CHOSEN:
        _CHOSEN.clear()
        _CHOSEN.update(new)
        _clear_caches()


def _clear_caches() -> None:
    from . import tone
    from .actors import facts, identity, names

    for module in (names, identity, facts, tone):
        for obj in list(vars(module).values()):
            clear = getattr(obj, "cache_clear", None)
            name = getattr(obj, "__name__", "")
            if name.startswith(("create_", "_read_")):
                continue  # the loaders' own caches hold the lists, not results computed from them
            if callable(clear) and getattr(obj, "__module__", None) == module.__name__:
                clear()
