"""Synthetic news articles for the runner tests and the benchmark's fallback corpus.

Our own invented text (no real article is copied): made-up politicians, ministries and
countries in sentences that attribute statements in the ways news does ("X said that ...",
quotes with the cue before or after, "according to X", pronoun speakers). A seeded generator,
so every call with the same arguments writes the same files; every article is distinct.
"""

from __future__ import annotations

import random
from pathlib import Path

PEOPLE = [
    ("Clara Voss", "Voss"), ("Tomas Brandt", "Brandt"), ("Amira Haddad", "Haddad"),
    ("Jonas Ekberg", "Ekberg"), ("Leila Farouk", "Farouk"), ("Paul Marchetti", "Marchetti"),
    ("Nadia Orlova", "Orlova"), ("Samuel Okafor", "Okafor"), ("Irene Castell", "Castell"),
    ("Victor Lund", "Lund"), ("Hana Kimura", "Kimura"), ("Omar Rashed", "Rashed"),
]
ROLES = ["Finance Minister", "Foreign Minister", "Prime Minister", "opposition leader",
         "President", "spokesman"]
ORGS = ["the Ministry of Water", "the Central Bank", "the United Nations", "the Labour Party",
        "the National Assembly", "the World Bank", "Greenpeace"]
PLACES = ["Norway", "Iraq", "Brazil", "Kenya", "Canada", "Turkey", "Chile", "Japan", "Egypt"]
TOPICS = ["the budget", "the new dam", "fuel prices", "the border deal", "the election law",
          "the trade agreement", "pensions", "the drought plan", "the grain exports"]
VERBS = ["would fail", "was a mistake", "would protect families", "must be delayed",
         "will be signed next month", "had been agreed in secret", "would cost billions"]
CUES = ["said", "told reporters", "warned", "added", "argued", "claimed"]


def _sentence(rng: random.Random, last_person: list[str]) -> str:
    full, short = rng.choice(PEOPLE)
    role = rng.choice(ROLES)
    place, other = rng.sample(PLACES, 2)
    topic = rng.choice(TOPICS)
    verb = rng.choice(VERBS)
    cue = rng.choice(CUES)
    org = rng.choice(ORGS)
    kind = rng.randrange(7)
    last_person[:] = [short]
    if kind == 0:
        return f"{role} {full} {cue} on Tuesday that {topic} {verb} for {place}."
    if kind == 1:
        return f"\u201cWe will not accept {topic} from {other},\u201d {short} said."
    if kind == 2:
        return f"According to {org}, {topic} {verb} and {place} would pay the price."
    if kind == 3:
        return f"{short} said {other} {verb}, and he added that {org} agreed."
    if kind == 4:
        return f"\u201c{place} deserves better than {topic},\u201d said {full}, the {role.lower()}."
    if kind == 5:
        return f"{org.capitalize() if org.startswith('the') else org} said {topic} {verb}."
    return f"Officials in {place} met {full} to discuss {topic} with {other}."


def article_text(rng: random.Random, index: int, sentences: int = 12) -> str:
    """One article: a headline, a dateline and paragraphs of two or three sentences."""
    last: list[str] = []
    head = f"{rng.choice(PLACES)} and {rng.choice(TOPICS)}: report {index}"
    body, para = [], []
    for _ in range(sentences):
        para.append(_sentence(rng, last))
        if len(para) >= rng.randint(2, 3):
            body.append(" ".join(para))
            para = []
    if para:
        body.append(" ".join(para))
    return f"{head}\n\n" + "\n\n".join(body) + "\n"


def make_corpus(folder: str | Path, n_articles: int, *, seed: int = 7, sentences: int = 12

                ) -> Path:
    """Write ``n_articles`` distinct articles as .txt files under ``folder``; return it."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    for i in range(n_articles):
        text = article_text(rng, i, sentences)
        (folder / f"article_{i:05d}.txt").write_text(text, encoding="utf-8")
    return folder
