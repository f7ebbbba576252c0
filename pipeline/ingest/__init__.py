"""Ingest: read inputs, split files into articles, clean them with an offset map, spot repeats.

``read_articles`` turns paths into ``Article`` records (bad input goes to ``on_error``);
``iter_paths``/``input_stamps`` list the files it reads (the one definition of "the files of
an input", which ``--resume`` fingerprints);
``clean_article`` gives the text the models see and maps offsets back to the original;
``Deduplicator`` recognises an article that already came in through another file.
Modules: readers (formats, errors), split (articles in a .txt), header (header lines,
headlines, captions, datelines, dates), glue (words glued by PDF extraction), clean, html,
offsets, dedup.
"""

from .clean import BODY, CAPTION, HEADLINE, ZONES, Cleaned, clean_article, fill_meta, readable
from .dedup import Deduplicator, Fingerprint, fingerprint
from .offsets import CleanText, TextBuilder
from .readers import ErrorSink, input_stamps, iter_paths, read_articles

__all__ = [
    "BODY", "CAPTION", "HEADLINE", "ZONES", "Cleaned", "CleanText", "Deduplicator", "ErrorSink",
    "Fingerprint", "TextBuilder", "clean_article", "fill_meta", "fingerprint", "input_stamps",
    "iter_paths", "read_articles", "readable",
]
