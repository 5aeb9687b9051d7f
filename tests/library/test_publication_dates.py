"""An article that does not say when it was published has no publication date:
the seed, plain-text files and pages without a date keep `published` None (the
list still sorts them by their import time, in `sort_key`)."""

from __future__ import annotations

import json

from support.cli import run
from support.pages import news_page

DATE_META = '<meta property="article:published_time" content="2024-05-01T10:00:00+02:00">'


def test_the_seed_and_a_text_file_have_no_publication_date(seeded, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Tittel\nEn helt vanlig tekst om været i Bergen i dag og i morgen.\n", encoding="utf-8")
    [added] = seeded.import_paths([path])
    for article_id in (1, added.article_id):
        article = seeded.article(article_id)
        assert article.published is None, article.origin
        assert article.imported_at  # known, and kept apart
        [summary] = [s for s in seeded.summaries() if s.id == article_id]
        assert summary.published is None
    sort_keys = dict(seeded.store.db.execute("SELECT id, sort_key FROM articles").fetchall())
    assert sort_keys[added.article_id] == seeded.article(added.article_id).imported_at


def test_a_page_without_a_date_but_with_a_copyright_year_has_none(lib, tmp_path):
    """Before: htmldate's last resort made "© Avisa 2024" in the footer 2024-01-01."""
    page = tmp_path / "side.html"
    page.write_text(news_page().replace(DATE_META, ""), encoding="utf-8")
    [outcome] = lib.import_paths([page])
    assert outcome.status == "added"
    assert lib.article(outcome.article_id).published is None


def test_a_page_that_says_when_keeps_its_date(lib, tmp_path):
    page = tmp_path / "side.html"
    page.write_text(news_page(), encoding="utf-8")
    [outcome] = lib.import_paths([page])
    assert lib.article(outcome.article_id).published == "2024-05-01"
    newyear = tmp_path / "nyttar.html"
    newyear.write_text(news_page("https://avisa.example/nyttar").replace("2024-05-01T10", "2024-01-01T10")
                       .replace("Trafikklysene", "Gatelysene"), encoding="utf-8")
    [outcome] = lib.import_paths([newyear])
    assert lib.article(outcome.article_id).published == "2024-01-01"  # a real 1 January stays


def test_list_json_says_null_and_the_list_shows_no_date(capsys, db_path):
    code, out, _ = run(capsys, "--db", str(db_path), "list", "--json")
    [row] = json.loads(out)
    assert code == 0 and row["published"] is None and row["imported_at"]
    code, out, _ = run(capsys, "--db", str(db_path), "list")
    assert row["imported_at"][:10] not in out
