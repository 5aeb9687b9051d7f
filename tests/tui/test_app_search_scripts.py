"""Search in the TUI for words of scripts without spaces, typed in the search bar
as a user would: a Chinese two-character word inside a sentence, a Japanese
three-character word, a Thai word. Enter opens the article with the word marked
and the cursor on it."""

from __future__ import annotations

import pytest

from newsreader.library import Library
from newsreader.tui.widgets.reader import ReaderView
from newsreader.tui.widgets.search_results import SearchResults

from support.app import run, screen_text, settle

ARTICLES = {
    "zh.txt": ("中国经济增长放缓", "今年第三季度中国经济增长放缓。专家认为消费需求不足是主要原因。政府计划推出新的刺激措施。"),
    "ja.txt": ("大統領が来日", "アメリカの大統領が来週日本を訪問する予定です。首相との会談では経済協力が話し合われます。"),
    "th.txt": ("ข่าวเศรษฐกิจ", "รัฐบาลประกาศนโยบายเศรษฐกิจใหม่ในวันนี้ นักวิเคราะห์คาดว่าจะช่วยกระตุ้นการลงทุน"),
}


@pytest.mark.parametrize(
    ("query", "title"),
    [("经济", "中国经济增长放缓"), ("大統領", "大統領が来日"), ("นโยบาย", "ข่าวเศรษฐกิจ")],
)
def test_a_word_inside_a_run_is_found_and_opened_at_its_place(tmp_path, query, title):
    folder = tmp_path / "in"
    folder.mkdir()
    paths = []
    for name, (headline, body) in ARTICLES.items():
        path = folder / name
        path.write_text(f"{headline}\n\n{body}\n", encoding="utf-8")
        paths.append(path)
    library = Library.open(tmp_path / "t.db")
    outcomes = library.import_paths(paths)
    assert not any(o.failed for o in outcomes), [o.message for o in outcomes]
    library.close()

    async def scenario(pilot, app, library):
        await pilot.press("slash", *query)
        await settle(pilot)
        results = app.query_one(SearchResults)
        assert [library.article(h.article_id).title for h in results.hits] == [title]
        await pilot.press("enter")
        await settle(pilot)
        reader = app.query_one(ReaderView)
        body = app.current.body
        assert reader.has_focus and app.current.title == title
        spans = reader.matches
        assert spans and all(body[s:e] == query for s, e in spans)
        # On the sentence that holds the word: at or before it, no sentence end between.
        assert reader.cursor <= spans[0][0]
        assert not any(mark in body[reader.cursor : spans[0][0]] for mark in "。！？")
        assert query in screen_text(app)

    run(tmp_path, scenario)
