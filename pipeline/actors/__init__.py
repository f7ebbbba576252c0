"""One home for who is who: actor names, facts and identity.

- :mod:`.names`: context-free work on one name: cleaning a surface form, titles and honorifics
  (one vocabulary, models/titles.tsv), countries, known organisations, the actor key, the
  type a name's shape and head noun give it, spans trimmed back to the name;
- :mod:`.facts`: the spaCy component ``actorgraph_actor_facts``: the title and affiliation said
  with each person, place phrases, the head noun after a name ("al-Hol camp");
- :mod:`.identity`: corpus-wide ids: merges with their rule and evidence, the aliases file.

Resolution inside one article (pronouns, "the minister") is pipeline/attribution's job.
The common names are re-exported here: ``from pipeline.actors import normalize``.
"""

from .names import (
    ACTOR_KINDS,
    ACTOR_LABELS,
    LABEL_OF_KIND,
    MAX_KEY_CHARS,
    MAX_NAME_CHARS,
    Countries,
    Normalized,
    clean_surface,
    country_code,
    create_countries,
    create_org_aliases,
    create_titles,
    is_actor_name,
    is_actor_record,
    key_slug,
    load_countries,
    load_org_aliases,
    load_titles,
    name_fits,
    name_tokens,
    normalize,
    org_alias,
    slug,
    strip_titles,
    title_prefix_length,
)

__all__ = [
    "ACTOR_KINDS", "ACTOR_LABELS", "LABEL_OF_KIND", "MAX_KEY_CHARS", "MAX_NAME_CHARS", "Countries",
    "Normalized", "clean_surface", "country_code", "create_countries", "create_org_aliases",
    "create_titles", "is_actor_name", "is_actor_record", "key_slug", "load_countries",
    "load_org_aliases", "load_titles", "name_fits", "name_tokens", "normalize", "org_alias",
    "slug", "strip_titles", "title_prefix_length",
]
