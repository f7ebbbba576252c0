"""Bootstrap the PolNeAR dev identity gold (tests/data/identity/polnear_dev_identity.tsv).

Usage (PolNeAR at ../shared/polnear, a run of the model over its dev texts in RUN, both made
with the code of commit 46fa98d, before the identity rules this gold measures, so that the
gold's names do not follow the rules under test)::

    git archive 46fa98d | tar -x -C /tmp/base
    PYTHONPATH=/tmp/base python -m pipeline.cli run ../shared/polnear/brat/dev/text -o RUN
    PYTHONPATH=/tmp/base python tests/data/identity/build_polnear_gold.py \
        ../shared/polnear/dev.jsonl RUN > tests/data/identity/polnear_dev_identity.tsv

(Where today's actorgraph is pip-installed in the same environment, spaCy loads its entry
points, which name modules 46fa98d lacks: run the first command through a wrapper that drops
the entry points that fail to import, ``catalogue.Registry._get_entry_points`` filtered.
Rebuilt so, with FIXES empty and the leftmost-entity choice of before, this script gives the
first gold, commit 243bdf8's TSV, line for line.)

For every gold Source span of an attribution: the entities our NER found inside the span (an
independent signal: the NER, not our resolution or merges) give the name; a person entity
is preferred, the rightmost one of the span's first phrase ("Clinton spokesman Brian Fallon"
-> Brian Fallon, "Senate Majority Leader Mitch McConnell" -> McConnell), the phrase ending
at an apposition or relative clause ("Kenneth Baer, a former Obama administration official
who runs ..." stays Baer); without a person, the leftmost entity that is no modifier. A span
whose entity only modifies a lower-case head ("the Clinton campaign", "Trump aides") names
no actor and is left out, as are spans without a name except "he"/"she", which take the
nearest earlier person source of the same article whose gender is not known to differ.
Names are then made canonical: titles and possessives dropped, a surname or given name
becomes the article's full name that ends/starts with it (most frequent first), else the
corpus's most frequent full name that does; ``FIXES`` holds the corrections made by reading
the articles (doc id, start, end -> canonical name, type; ``None`` drops a span).
The draft is reviewed by hand; the TSV holds no PolNeAR text beyond canonical actor names.

Readings (issue 8, round 3). Second: the 46 spans of FIXES's first block, found among the
statements where our output disagreed with the gold (so it favours agreement). Third: the
person-first rule above, until then computed and not applied, applied to every span (it
reproduces 20 of the second reading's 22 title fixes, the other two are NER slips, and
changes 21 spans beyond the 46: 12 title phrases and 9 pronouns that now follow the right
person; all 21 read, one pronoun corrected); 30 of the 46 fixes re-checked and 60 spans
where our output agreed with the gold read, both drawn with ``random.Random(20261201)``
(see the FIXES comments): the audit found no gold error among the 60 agreements (0/60, so
the disagreement-only reading likely inflates the name accuracy by under ~5 points, the
rule-of-three bound), and one misspelt surname kept as a name by two of the fixes.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from pipeline.actors import normalize  # noqa: E402  (PYTHONPATH: the code of commit 46fa98d)

LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
FEMALE = {"hillary clinton", "chelsea clinton", "michelle obama", "kellyanne conway",
          "melania trump", "ivanka trump", "huma abedin", "jennifer palmieri", "elizabeth warren",
          "nancy pelosi", "condoleezza rice", "donna brazile", "debbie wasserman schultz",
          "sarah huckabee sanders", "hope hicks", "katrina pierson", "jill stein", "carly fiorina",
          "loretta lynch", "samantha power", "susan rice", "kelly ayotte", "marine le pen",
          "theresa may", "angela merkel", "megyn kelly", "laura bush", "neera tanden",
          "christine todd whitman", "madeleine albright", "robby mook"}
MALE_PRONOUNS, FEMALE_PRONOUNS = {"he", "him", "his"}, {"she", "her", "hers"}
# corrections after reading the articles: (doc_id, start, end) -> (name, type) or None
FIXES: dict[tuple[str, int, int], tuple[str, str] | None] = {
    # second reading (issue 8, round 3): pronouns the nearest-source rule gave the wrong
    # person, and title phrases whose body was taken for the speaker ("Senate Majority
    # Leader X" is X, by the person-first rule above)
    # was Homeland Security: the person after a title phrase speaks
    ("breitbart_2016-09-30_the-latest-trump-urges-supporter", 14189, 14228): ("Jeh Johnson", "PERSON"),
    # was Josh Earnest: a pronoun, read in the article
    ("breitbart_2016-10-03_the-latest-trump-s-leaked-taxes-", 3129, 3131): ("Donald Trump", "PERSON"),
    # was Hillary Clinton: a surname, read in the article
    ("breitbart_2016-10-04_bill-clinton-calls-obamacare-cra", 456, 463): ("Bill Clinton", "PERSON"),
    # was Hillary Clinton: a surname, read in the article
    ("breitbart_2016-10-04_bill-clinton-calls-obamacare-cra", 759, 766): ("Bill Clinton", "PERSON"),
    # was Jim Clyburn: a pronoun, read in the article
    ("huff-post_2016-09-16_black-lawmakers-rip-donald-trump", 2716, 2718): ("Donald Trump", "PERSON"),
    # was Jim Clyburn: a pronoun, read in the article
    ("huff-post_2016-09-16_black-lawmakers-rip-donald-trump", 2983, 2985): ("Donald Trump", "PERSON"),
    # was Lamar Alexander: a pronoun, read in the article
    ("nyt_2016-09-08_obama-on-climate-change-the-tren", 6166, 6168): ("Barack Obama", "PERSON"),
    # was Laurence H. Tribe: a pronoun, read in the article
    ("nyt_2016-09-08_obama-on-climate-change-the-tren", 7555, 7557): ("Barack Obama", "PERSON"),
    # was Donna Brazile: a pronoun, read in the article
    ("nyt_2016-09-19_obama-sees-personal-insult-if-bl", 5138, 5141): ("Hillary Clinton", "PERSON"),
    # was Tom Clarke: a pronoun, read in the article
    ("nyt_2016-10-02_a-curious-plan-to-fight-climate-", 13967, 13969): ("Jim Justice", "PERSON"),
    # was DNC: the person after a title phrase speaks
    ("politico_2016-09-12_former-dnc-chairman-calls-for-cl", 2279, 2315): ("Donna Brazile", "PERSON"),
    # was Pennsylvania: the person after a title phrase speaks
    ("politico_2016-09-12_former-dnc-chairman-calls-for-cl", 2487, 2591): ("Ed Rendell", "PERSON"),
    # was Don Fowler: a pronoun, read in the article
    ("politico_2016-09-12_former-dnc-chairman-calls-for-cl", 2656, 2658): ("Ed Rendell", "PERSON"),
    # was Don Fowler: a pronoun, read in the article
    ("politico_2016-09-12_former-dnc-chairman-calls-for-cl", 2814, 2816): ("Ed Rendell", "PERSON"),
    # was NYPD: the person after a title phrase speaks
    ("politico_2016-09-17_de-blasio-says-chelsea-explosion", 902, 933): ("James O'Neill", "PERSON"),
    # was Manhattan Supreme Court: the person after a title phrase speaks
    ("politico_2016-09-22_judge-rejects-new-york-times-req", 531, 574): ("Frank Nervo", "PERSON"),
    # was Virginia AFL-CIO: the person after a title phrase speaks
    ("wash-post_2016-09-08_virginian-could-make-history-aga", 4750, 4794): ("Doris Crouse-Mays", "PERSON"),
    # was Quentin Kidd: a pronoun, read in the article
    ("wash-post_2016-09-08_virginian-could-make-history-aga", 6707, 6709): ("Bobby Scott", "PERSON"),
    # was Ban Ki-moon: a pronoun, read in the article
    ("wash-post_2016-09-10_outrage-but-few-options-on-the-t", 2910, 2912): ("John Kerry", "PERSON"),
    # was Ban Ki-moon: a pronoun, read in the article
    ("wash-post_2016-09-10_outrage-but-few-options-on-the-t", 3095, 3097): ("John Kerry", "PERSON"),
    # was South Korea: the person after a title phrase speaks
    ("wash-post_2016-09-10_outrage-but-few-options-on-the-t", 3552, 3588): ("Park Geun-hye", "PERSON"),
    # was France: the person after a title phrase speaks
    ("wash-post_2016-09-18_e-u-leaders-weigh-plans-for-grea", 1934, 1973): ("François Hollande", "PERSON"),
    # was Germany: the person after a title phrase speaks
    ("wash-post_2016-09-18_e-u-leaders-weigh-plans-for-grea", 3012, 3043): ("Angela Merkel", "PERSON"),
    # was Italy: the person after a title phrase speaks
    ("wash-post_2016-09-18_e-u-leaders-weigh-plans-for-grea", 3623, 3658): ("Matteo Renzi", "PERSON"),
    # was European Council: the person after a title phrase speaks
    ("wash-post_2016-09-18_e-u-leaders-weigh-plans-for-grea", 6651, 6689): ("Donald Tusk", "PERSON"),
    # was Ohio Democratic Party: the person after a title phrase speaks
    ("wash-post_2016-09-25_federal-court-rules-against-ohio", 1719, 1762): ("David Pepper", "PERSON"),
    # was Jon Husted: a pronoun, read in the article
    ("wash-post_2016-09-25_federal-court-rules-against-ohio", 1952, 1954): ("David Pepper", "PERSON"),
    # was Charlotte Mayor: the person after a title phrase speaks
    ("wash-post_2016-09-25_phone-video-is-first-public-look", 5012, 5044): ("Jennifer Roberts", "PERSON"),
    # was House: the person after a title phrase speaks
    ("wash-post_2016-09-26_charlotte-struggles-to-return-to", 2064, 2099): ("Paul Ryan", "PERSON"),
    # was United Kingdom: the person after a title phrase speaks
    ("wash-post_2016-10-05_international-monetary-fund-slas", 1573, 1607): ("Theresa May", "PERSON"),
    # was New Jersey: the person after a title phrase speaks
    ("west-journal_2016-09-21_chris-christie-calls-hillary-cli", 82, 112): ("Chris Christie", "PERSON"),
    # was White House: the person after a title phrase speaks
    ("west-journal_2016-09-23_clinton-breaks-with-obama-on-law", 1437, 1477): ("Josh Earnest", "PERSON"),
    # was Hillary Clinton: a pronoun, read in the article
    ("west-journal_2016-09-23_clinton-breaks-with-obama-on-law", 1944, 1947): ("Terry Strada", "PERSON"),
    # was Hillary Clinton: a pronoun, read in the article
    ("west-journal_2016-09-23_clinton-breaks-with-obama-on-law", 2458, 2461): ("Terry Strada", "PERSON"),
    # was Senate: the person after a title phrase speaks
    ("west-journal_2016-09-23_clinton-breaks-with-obama-on-law", 2666, 2712): ("Mitch McConnell", "PERSON"),
    # was Terry Strada: a pronoun, read in the article
    ("west-journal_2016-09-23_clinton-breaks-with-obama-on-law", 3089, 3091): ("Paul Ryan", "PERSON"),
    # was Republican National Committee Research: the person after a title phrase speaks
    ("west-journal_2016-09-26_popular-website-shows-bias-when-", 3364, 3420): ("Raj Shah", "PERSON"),
    # was PolitiFact: the person after a title phrase speaks
    ("west-journal_2016-09-26_popular-website-shows-bias-when-", 4447, 4493): ("Aaron Sharockman", "PERSON"),
    # was Raj Shah: a pronoun, read in the article
    ("west-journal_2016-09-26_popular-website-shows-bias-when-", 4644, 4646): ("Aaron Sharockman", "PERSON"),
    # was Hillary Clinton: a pronoun, read in the article (name: see 2918 below)
    ("west-journal_2016-09-28_clinton-campaign-reportedly-scra", 3124, 3127): ("Tyresha McClenney", "PERSON"),
    # was Hillary Clinton: a pronoun, read in the article (name: see 2918 below)
    ("west-journal_2016-09-28_clinton-campaign-reportedly-scra", 3135, 3138): ("Tyresha McClenney", "PERSON"),
    # was NBC: the person after a title phrase speaks
    ("west-journal_2016-09-30_new-poll-shows-minor-post-debate", 2089, 2107): ("Dante Chinni", "PERSON"),
    # was Sean Spicer: a pronoun, read in the article
    ("west-journal_2016-09-30_new-poll-shows-minor-post-debate", 2293, 2295): ("Dante Chinni", "PERSON"),
    # was Sean Spicer: a pronoun, read in the article
    ("west-journal_2016-09-30_new-poll-shows-minor-post-debate", 2519, 2521): ("Dante Chinni", "PERSON"),
    # was National Review: the person after a title phrase speaks
    ("west-journal_2016-10-05_pence-gives-gop-a-boost-with-sol", 1539, 1576): ("Dan McLaughlin", "PERSON"),
    # was Chris Matthews: a pronoun, read in the article
    ("west-journal_2016-10-05_pence-gives-gop-a-boost-with-sol", 1844, 1846): ("Dan McLaughlin", "PERSON"),
    # uniform person-first rule (issue 8, round 3, third reading): the 21 spans it changed
    # beyond the ones above were read; a pronoun it passed on to the wrong person:
    # was Paul Ryan (Terry Strada before the rule): "his veto threat" is the president's
    ("west-journal_2016-09-23_clinton-breaks-with-obama-on-law", 3410, 3413): ("Barack Obama", "PERSON"),
    # re-check of 30 of the 46 second-reading fixes (random.Random(20261201).sample of the 46
    # keys in sorted order): the 30 name the right person; the two McLenney fixes above kept
    # a misspelt surname as the name ("McLenney" once, after "Tyresha McClenney"): the full
    # name, as for any surname (our output agreed with the wrong "McLenney")
    ("west-journal_2016-09-28_clinton-campaign-reportedly-scra", 2918, 2926): ("Tyresha McClenney", "PERSON"),
    # random audit of agreements (60 source spans where our output agreed with the gold,
    # random.Random(20261201).sample of the sorted distinct (doc_id, start, gold, type,
    # source) of the agreeing matched statements on the gold built by this script with the
    # uniform rule): no gold error found, 0/60
}
# a surname that names one person throughout an article, read in the article
SURNAME_IN_DOC = {
    ("wash-post_2016-09-26_ah-friends-once-mor", "Cruz"): "Ted Cruz",
    ("west-journal_2016-09-14_clinton-hid-past", "Clinton"): "Hillary Clinton",
    ("nyt_2016-09-25_obama-says-african-americ", "Roberts"): "John Roberts",
}
CANONICAL: dict[str, tuple[str, str] | None] = {  # NER slips and variants, read in the articles
    "Obama Says": ("Barack Obama", "PERSON"), "Obama Seeks": ("Barack Obama", "PERSON"),
    "Obama Sees 'Personal Insult": ("Barack Obama", "PERSON"),
    "Crooked Hillary Clinton": ("Hillary Clinton", "PERSON"),
    "Injecting Clinton": ("Hillary Clinton", "PERSON"), "Clinton Plan": ("Hillary Clinton", "PERSON"),
    "Clinton Breaks": ("Hillary Clinton", "PERSON"), "Rip Donald Trump": ("Donald Trump", "PERSON"),
    "Washington Post Trump": ("Donald Trump", "PERSON"), "Trump": ("Donald Trump", "PERSON"),
    "Lynch": ("Loretta Lynch", "PERSON"), "Len Burman": ("Leonard Burman", "PERSON"),
    "Joseph Biden": ("Joe Biden", "PERSON"), "Patriot Coal": ("Patriot Coal", "ORG"),
    "Politico": ("Politico", "ORG"), "Politico, Democratic party": ("Politico", "ORG"),
    "Hollande": ("François Hollande", "PERSON"), "Holt": ("Lester Holt", "PERSON"),
    "O'Neill": ("James O'Neill", "PERSON"), "Schiff": ("Adam Schiff", "PERSON"),
    "McAuliffe": ("Terry McAuliffe", "PERSON"), "Times": ("The New York Times", "ORG"),
    "RT": ("RT", "ORG"), "I.R.S": ("Internal Revenue Service", "ORG"),
    "S.E.C": ("Securities and Exchange Commission", "ORG"), "Say Mexico": ("Mexico", "GPE"),
    "National Interests: The Human Rights Council": ("Human Rights Council", "ORG"),
    "Christina N Luis Olidem": ("Christina N Luis Olidem", "PERSON"),
    "Republican": ("Republicans", "NORP"), "Democrat": ("Democrats", "NORP"),
    "European": ("Europeans", "NORP"), "Scott": None, "Post": None, "Melanie": None,
    "Scholars": None, "Caucus": None, "Twitter": None, "Marcia": None, "Atlantic": None,
    "EB-5": None, "Time": None, "State": None, "S.E.C.": ("Securities and Exchange Commission", "ORG"),
    "I.R.S.": ("Internal Revenue Service", "ORG"), "Democratic": ("Democrats", "NORP"),
    "Patriot": ("Patriot Coal", "ORG"), "Moore": ("Minyon Moore", "PERSON"),
    "Wahl": ("Liz Wahl", "PERSON"), "Simonyan": ("Margarita Simonyan", "PERSON"),
    "Keith": ("Keith Lamont Scott", "PERSON"), "Joseph": ("Amelize Joseph", "PERSON"),
    "GOP": ("Republicans", "NORP"), "Derelict Obama": None, "Obama Speech": None,
    "AROS": ("Alliance to Reclaim Our Schools", "ORG"),
}


def main(gold_path: str, run_dir: str) -> None:
    docs = [json.loads(x) for x in open(gold_path, encoding="utf-8")]
    ents: dict[str, list[dict]] = defaultdict(list)
    for line in open(Path(run_dir) / "entities.jsonl", encoding="utf-8"):
        e = json.loads(line)
        if e["label"] in LABELS:
            ents[Path(e["doc_id"].split("#")[0]).stem].append(e)
    corpus_full: Counter = Counter()
    for doc_ents in ents.values():
        for e in doc_ents:
            n = normalize(e["name"], e["label"])
            fixed = CANONICAL.get(n.name, (n.name, n.label))
            if fixed and fixed[1] == "PERSON" and len(fixed[0].split()) >= 2:
                corpus_full[fixed[0]] += 1
    rows = []
    for d in docs:
        doc_id, text = d["doc_id"], d["text"]
        de = ents.get(doc_id, [])
        full = Counter(n for n in (normalize(x["name"], "PERSON").name for x in de
                                   if x["label"] == "PERSON")
                       if len(n.split()) >= 2 and n not in CANONICAL)
        persons_so_far: list[tuple[int, str]] = []
        for a in d["attributions"]:
            src = a.get("source") or []
            if not src:
                continue
            s, e = min(x["start"] for x in src), max(x["end"] for x in src)
            surface = text[s:e]
            inside = [x for x in de if x["start"] < e and x["end"] > s]
            heads = [x for x in inside if not modifier(text, x, e)]
            name = typ = None
            if heads:
                first = min(heads, key=lambda y: y["start"])
                if text[first["start"]:e].count(" and ") and len(heads) > 1:
                    continue  # "Obama and Clinton": two actors, no one identity
                # person first, the rightmost of the span's first phrase: "Senate Majority
                # Leader Mitch McConnell" is McConnell, not the Senate; an apposition or a
                # relative clause ("X, a former adviser to Y", "X (D-Vt.), who ...") ends it
                stop = _PHRASE_END.search(text, first["end"], e)
                last = stop.start() if stop else e
                person = [x for x in heads if x["label"] == "PERSON" and x["start"] < last]
                x = max(person, key=lambda y: y["start"]) if person else first
                n = normalize(x["text"], x["label"], metonym=True)
                name, typ = n.name, n.label
                if typ == "PERSON":
                    title = (text[max(s, x["start"] - 6):x["start"]] + x["text"][:5]).lower()
                    gender = "f" if any(t in title for t in ("mrs.", "ms.")) else \
                        "m" if "mr." in title else None
                    name = canonical_person(name, full, corpus_full, gender)
                    for (prefix, surname), whole in SURNAME_IN_DOC.items():
                        if doc_id.startswith(prefix) and name.split()[-1] == surname:
                            name = whole
            elif surface.lower() in MALE_PRONOUNS | FEMALE_PRONOUNS:
                female = surface.lower() in FEMALE_PRONOUNS
                for _, prev in reversed(persons_so_far):
                    if (prev.lower() in FEMALE) == female:
                        name, typ = prev, "PERSON"
                        break
            fix = FIXES.get((doc_id, s, e), "keep")
            if fix != "keep":
                if fix is None:
                    continue
                name, typ = fix
            if name:
                name = name.strip("― ")
                if name in CANONICAL:
                    if CANONICAL[name] is None:
                        continue
                    name, typ = CANONICAL[name]
                if typ == "PERSON":
                    persons_so_far.append((s, name))
                rows.append((doc_id, s, e, name, typ))
    # one written form per person: the commonest in the corpus of the forms that differ only
    # by middle initials or "Jr" ("Loretta E. Lynch" / "Loretta Lynch")
    def bare(n: str) -> str:
        return " ".join(_INITIAL.sub(" ", n + " ").replace(" Jr ", " ").split())

    forms: dict[str, Counter] = defaultdict(Counter)
    for n, c in corpus_full.items():
        forms[bare(n)][n] += c
    for *_, n, t in rows:
        if t == "PERSON":
            forms[bare(n)][n] += 0
    rows = [(d, s, e, forms[bare(n)].most_common(1)[0][0] if t == "PERSON" else n, t)
            for d, s, e, n, t in rows]
    out = sys.stdout
    out.write(HEADER)
    for r in rows:
        out.write("\t".join(map(str, r)) + "\n")


_INITIAL = re.compile(r"\s[A-Z]\.(?=\s)")
_PHRASE_END = re.compile(r",\s+(?=[a-z])|\s+(?:who|which|whom|whose)\b|\(")


def modifier(text: str, ent: dict, end: int) -> bool:
    """"the Clinton campaign", "Trump aides": the entity modifies a lower-case head."""
    after = text[ent["end"]:end].strip()
    if after[:2] in ("'s", "’s"):
        after = after[2:].strip()
    return bool(after) and after[0].islower() and not after.startswith(("and", "who", "of"))


HEADER = """\
# Identity gold for PolNeAR dev: the canonical actor of every gold Source span that names an
# actor (or is "he"/"she" for one). Built by tests/data/identity/build_polnear_gold.py from the
# PolNeAR dev gold spans and the entities the spaCy NER (en_core_web_sm) finds inside them,
# made canonical by the rules in that script's docstring, then reviewed by reading the
# articles: NER slips, variants, one-article surnames and ambiguous spans corrected or dropped
# (CANONICAL, SURNAME_IN_DOC, FIXES in the script). Conventions: full names without titles,
# the commonest written form in the corpus ("Loretta Lynch" over "Loretta E. Lynch");
# organisations by models/org_aliases.tsv's names, else without a leading "The"; a people named by its
# demonym is its country ("Mexicans" -> Mexico); party groups are plural ("Republicans"), and
# a party is its members' group ("GOP" -> Republicans: one actor per party, identity.py).
# Spans naming two actors ("Obama and Clinton"), nominals without a name ("officials", "the
# campaign") and "they"/"it"/"we" are left out. No PolNeAR text beyond canonical names.
# Later readings (issue 8, round 3; FIXES in the script): 46 spans corrected where our output
# disagreed (pronouns the nearest-source rule gave the wrong person, title phrases given to the
# body in the title); the person-first rule for title phrases then applied to every span (21
# spans beyond those 46 changed, one pronoun it passed on corrected); a re-check of 30 of the 46
# (one misspelt surname kept as a name: 3 spans renamed) and a random audit of 60 spans where
# our output agreed with the gold (0 errors found).
# Columns: doc_id, start, end (offsets of the Source span in the article), name, type
doc_id\tstart\tend\tname\ttype
"""


def canonical_person(name: str, full: Counter, corpus_full: Counter, gender: str | None) -> str:
    """A surname becomes the article's full name ending with it (most frequent in the corpus
    first; a "Mr."/"Mrs." excludes the other gender), else the corpus's; a given name only
    becomes a full name of the same article."""
    words = name.split()
    if len(words) >= 2:
        # "Guajardo Villarreal", "De Blasio": the article's longer name that ends with it
        longer = [n for n in full if len(n.split()) > len(words)
                  and n.lower().endswith(" " + name.lower())]
        return max(longer, key=lambda n: (full[n], n)) if longer else name
    w = words[0].lower()

    def fits(n: str) -> bool:
        return gender is None or (n.lower() in FEMALE) == (gender == "f")

    for pool in (full, corpus_full):
        cands = [(corpus_full[n], n) for n in pool if n.split()[-1].lower() == w and fits(n)]
        if not cands and pool is full:
            cands = [(corpus_full[n], n) for n in pool if n.split()[0].lower() == w]
        if cands:
            return max(cands)[1]
    return name


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
