"""Which word lists and gazetteers a run uses: the ``[data]`` section of its config.

Every list the code reads is data behind a registered, versioned loader (``@misc`` in spaCy's
registry), defined beside the code that reads it:

======================== ================================ ==================================
``actorgraph.cues.v1``   attribution/lexicon.py           reporting cues (a component setting)
``actorgraph.roles.v1``  attribution/lexicon.py           role nouns (a component setting)
``actorgraph.titles.v1`` actors.py ``create_titles``       titles and honorifics (names)
``actorgraph.org_aliases.v1`` actors.py ``create_org_aliases`` well-known organisations
``actorgraph.countries.v1``   actors.py ``create_countries``   country names, demonyms, capitals
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

from typing import Any

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
                       ("actorgraph.countries.v1", actors.create_countries),
                       ("actorgraph.tone.v1", tone.create_tone_lexicon)):
        registry.misc.register(name, func=func)


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
    from . import actors, identity, roles, tone

    for module in (actors, identity, roles, tone):
        for obj in list(vars(module).values()):
            clear = getattr(obj, "cache_clear", None)
            name = getattr(obj, "__name__", "")
            if name.startswith(("create_", "_read_")):
                continue  # the loaders' own caches hold the lists, not results computed from them
            if callable(clear) and getattr(obj, "__module__", None) == module.__name__:
                clear()
