"""The query language: parser and FTS5 expressions, without a database."""

import re

from hypothesis import given, strategies as st

from newsreader.search import to_match_expression
from newsreader.search.plan import make_plan
from newsreader.search.query import And, Filter, Not, Or, Term, parse


def test_words_are_all_required():
    assert parse("rode linjen") == And((Term(("rode",)), Term(("linjen",))))


def test_quoted_text_is_a_phrase_and_an_unclosed_quote_runs_to_the_end():
    assert parse('"røde linjen"') == Term(("røde", "linjen"), phrase=True)
    assert parse('"abc') == Term(("abc",), phrase=True)


def test_or_binds_tighter_than_and():
    assert parse("a OR b c") == And((Or((Term(("a",)), Term(("b",)))), Term(("c",))))
    assert parse("a or b") == And((Term(("a",)), Term(("or",)), Term(("b",))))


def test_minus_excludes_only_at_the_start_of_a_word():
    assert parse("-foo bar") == And((Not(Term(("foo",))), Term(("bar",))))
    assert parse("foo-bar") == Term(("foo", "bar"), phrase=True)
    assert parse("-") is None and parse("a - b") == And((Term(("a",)), Term(("b",))))


def test_prefix_star_and_live_typing():
    assert parse("rake*") == Term(("rake",), prefix=True)
    assert parse("rake", live=True) == Term(("rake",), prefix=True)
    assert parse("rake ", live=True) == Term(("rake",))
    assert parse("r*") == Term(("r",))  # one letter would expand to half the vocabulary
    assert parse('"røde lin', live=True) == Term(("røde", "lin"), phrase=True, prefix=True)
    assert parse('"røde linjen"', live=True) == Term(("røde", "linjen"), phrase=True)
    assert parse("title:hot", live=True) == Term(("hot",), prefix=True, title=True)
    assert parse('title:"hot line"', live=True) == Term(("hot", "line"), phrase=True, title=True)


def test_filters_and_fields():
    ast = parse('lang:no is:unread has:note tag:krise in:notes title:hotline title:"rød linje"')
    assert ast == And((
        Filter("lang", "no"), Filter("is", "unread"), Filter("has", "note"), Filter("tag", "krise"),
        Filter("in", "notes"), Term(("hotline",), title=True),
        Term(("rød", "linje"), phrase=True, title=True),
    ))


def test_unknown_keys_are_words():
    assert parse("http://example.com") == Term(("http", "example", "com"), phrase=True)


def test_punctuation_becomes_words_or_nothing():
    assert parse("c++") == Term(("c",))
    assert parse("AT&T") == Term(("AT", "T"), phrase=True)
    for nothing in ["((", "*", ":", "title:", "-", "🙂", ")", "OR", "AND", '""', "NOT"[:0]]:
        assert make_plan(parse(nothing)).empty, nothing


def test_deep_brackets_do_not_recurse_forever():
    ast = parse("(" * 5000 + "rakett" + ")" * 5000)
    assert Term(("rakett",)) in _terms(ast)


def test_filters_inside_groups_apply_to_the_whole_query():
    plan = make_plan(parse("(lang:no rakett) OR hotline"))
    assert plan.filters == [Filter("lang", "no")]
    assert plan.positive == Or((Term(("rakett",)), Term(("hotline",))))


def test_expression_folds_and_adds_stems():
    assert to_match_expression("Tromsø", languages=["no"]) == '"Tromso"'
    assert to_match_expression("generalene", languages=["no"]) == '("generalene" OR "general")'
    assert to_match_expression("Ålesund") == '("Ålesund" OR "aalesund")'
    assert to_match_expression("-a b") == '("b") NOT (("a"))'
    assert to_match_expression("NOT") == '"NOT"'


_QUOTED = re.compile(r'"(?:[^"]|"")*"')
# What may remain of an expression once its quoted strings are removed: FTS5 operators only.
_SYNTAX = re.compile(r"^(?:\s|\(|\)|\*|:|\{title title_stems\}|AND|OR|NOT)*$")


@given(st.text(), st.booleans())
def test_user_text_only_reaches_match_inside_quoted_strings(query, live):
    expression = to_match_expression(query, live=live, languages=["no", "en"])
    if expression is not None:
        assert _SYNTAX.match(_QUOTED.sub("", expression)), expression


def _terms(node):
    if isinstance(node, Term):
        return [node]
    if isinstance(node, Not):
        return _terms(node.node)
    if isinstance(node, (And, Or)):
        return [t for i in node.items for t in _terms(i)]
    return []
