"""Turning files into articles: decoding, parsing, and the bundled seeds."""

from newsreader.ingest.plaintext import IngestError, ParsedArticle, parse_plaintext, read_text_file

__all__ = ["IngestError", "ParsedArticle", "parse_plaintext", "read_text_file"]
