"""`newsreader fulltext ID...`: one line per id, exit 1 if any failed, never a
traceback for a user mistake (an unknown id, an article without a web address)."""

from __future__ import annotations

from newsreader.library import Library

from support.cli import run
from support.feeds_server import Route, rss

SUMMARY = "Brua over elva åpner igjen mandag etter tre måneder med reparasjoner."
MORE = "Kommunen sier arbeidet ble dyrere enn planlagt, men at brua nå skal holde i femti år."
PAGE = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Brua åpner igjen</title></head>
<body><article><h1>Brua åpner igjen</h1><p>{SUMMARY}</p><p>{MORE}</p></article></body></html>"""


def _store_with_an_item(capsys, db_path, server, link: str) -> int:
    server.routes["/feed.xml"] = Route(rss("Lokalavisa", [
        {"title": "Brua åpner igjen", "link": link, "guid": "bru-1", "description": f"<p>{SUMMARY}</p>"}]))
    code, _, err = run(capsys, "--db", str(db_path), "subscribe", server.url("/feed.xml"))
    assert code == 0, err
    lib = Library.open(db_path)
    try:
        return next(i for i in lib.article_ids() if lib.article(i).title == "Brua åpner igjen")
    finally:
        lib.close()


def test_fulltext_fetches_the_page_and_says_so(capsys, db_path, server):
    server.routes["/bru"] = Route(PAGE.encode(), content_type="text/html; charset=utf-8")
    article_id = _store_with_an_item(capsys, db_path, server, server.url("/bru"))
    code, out, err = run(capsys, "--db", str(db_path), "fulltext", str(article_id))
    assert code == 0 and err == ""
    assert out == f"updated   article {article_id}: full text from {server.url('/bru')}\n"
    code, out, _ = run(capsys, "--db", str(db_path), "show", str(article_id))
    assert MORE in out
    code, out, err = run(capsys, "--db", str(db_path), "fulltext", str(article_id))
    assert code == 0 and out.startswith(f"unchanged article {article_id}: ")


def test_failures_are_one_line_each_and_the_rest_still_runs(capsys, db_path, server):
    server.routes["/bru"] = Route(PAGE.encode(), content_type="text/html")
    article_id = _store_with_an_item(capsys, db_path, server, server.url("/bru"))
    # 1 is the seed (no web address), 999 is no article
    code, out, err = run(capsys, "--db", str(db_path), "fulltext", "1", "999", str(article_id))
    assert code == 1
    assert err.splitlines() == [
        "newsreader: article 1: has no web address to fetch its full text from",
        "newsreader: article 999: no article with id 999",
    ]
    assert out.startswith(f"updated   article {article_id}: ")
    assert "Traceback" not in err


def test_an_http_error_names_the_page_and_changes_nothing(capsys, db_path, server):
    article_id = _store_with_an_item(capsys, db_path, server, server.url("/borte"))
    code, out, err = run(capsys, "--db", str(db_path), "fulltext", str(article_id))
    assert code == 1 and out == ""
    assert err == f"newsreader: article {article_id}: {server.url('/borte')}: HTTP 404 Not Found\n"
    _, shown, _ = run(capsys, "--db", str(db_path), "show", str(article_id))
    assert SUMMARY in shown and MORE not in shown


def test_a_bad_id_is_a_usage_error(capsys, db_path):
    for bad in ("abc", "0", "-3"):
        code, out, err = run_usage(capsys, db_path, bad)
        assert code == 2 and "Traceback" not in err and out == ""


def run_usage(capsys, db_path, value: str):
    try:
        return run(capsys, "--db", str(db_path), "fulltext", value)
    except SystemExit as exit_:  # argparse's usage error
        out, err = capsys.readouterr()
        return exit_.code, out, err
