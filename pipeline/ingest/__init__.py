"""Ingest: read inputs, split files into articles, clean them with an offset map.

``read_articles`` turns paths into ``Article`` records (bad input goes to ``on_error``);
``clean_article`` gives the text the models see and maps offsets back to the original.
"""

from .clean import Cleaned, clean_article
from .offsets import CleanText, TextBuilder
from .readers import ErrorSink, read_articles

__all__ = ["Cleaned", "CleanText", "ErrorSink", "TextBuilder", "clean_article", "read_articles"]
