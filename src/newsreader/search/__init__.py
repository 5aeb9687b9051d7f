"""Search over articles, highlights and notes: a safe query language on SQLite FTS5.

    query.py     tokenizer and parser (user text → AST; never fails)
    plan.py      AST → FTS5 expressions (every word a quoted FTS5 string)
    filters.py   lang:/is:/has:/tag:/in: → SQL with bound parameters
    engine.py    the statements and ranking
    hits.py      the page of hits: titles, snippets cut when first read
    matching.py  snippets and match spans over the original text
    segments.py  the same for words in scripts without spaces (found as substrings)

Folding (text/folding.py) and stemming (text/stemming.py) run on both the index
side (SQL functions nr_fold/nr_stem, registered in store/db.py) and the query side.
Chinese, Japanese, Korean, Thai, Lao, Khmer and Burmese text is also indexed as
character pairs (text/scripts.py; the pair tables of store/index.py), and a query
word in those scripts is matched there (plan.py, gram_renderer; engine.py).
"""

from newsreader.search.engine import RANK_CAP, Hits, count_text, search
from newsreader.search.matching import match_spans, meeting_point
from newsreader.search.plan import compile_plan, folded_renderer, combine, make_plan
from newsreader.search.query import parse


def to_match_expression(query: str, live: bool = False, languages=()) -> str | None:
    """The FTS5 expression `query` searches the folded index with; None when it
    has no words to match. For tests and debugging: filters are not included."""
    plan = make_plan(parse(query or "", live=live))
    return combine(*compile_plan(plan, folded_renderer(languages)))


__all__ = ["RANK_CAP", "Hits", "count_text", "match_spans", "meeting_point", "search", "to_match_expression"]
