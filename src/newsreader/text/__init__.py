"""Text core: cleaning, structure, language and sentences. Never imports the TUI."""

from newsreader.text.clean import CLEANER_VERSION, CleanedText, clean, strip_ad_markers
from newsreader.text.language import detect_language, language_name
from newsreader.text.markers import MARKERS
from newsreader.text.sentences import sentence_at, sentence_spans
from newsreader.text.structure import build_blocks, is_subheading

__all__ = [
    "CLEANER_VERSION",
    "MARKERS",
    "CleanedText",
    "build_blocks",
    "clean",
    "detect_language",
    "is_subheading",
    "language_name",
    "sentence_at",
    "sentence_spans",
    "strip_ad_markers",
]
