"""Widths are terminal cells in every script: titles and bodies in Burmese,
Devanagari, Thai, Arabic (right to left), Chinese and emoji render as list rows,
feeds-view rows, header lines and reader lines that are each exactly their
pane's width, and no grapheme cluster is split at a cut."""

from __future__ import annotations

import unicodedata

import pytest
from rich.cells import cell_len

from newsreader.ingest.plaintext import ParsedArticle
from newsreader.library import Library
from newsreader.tui.widgets.article_list import ArticleList
from newsreader.tui.widgets.reader import ReaderView

from support.app import run, settle

TEXTS = {
    "my": ("မြန်မာနိုင်ငံ သတင်းများ ယနေ့ ထုတ်ပြန်ချက် အရေးကြီးသော ဆုံးဖြတ်ချက်များ",
           "မြန်မာနိုင်ငံတွင် ယနေ့ အစိုးရက ထုတ်ပြန်ချက်တစ်ခု ထုတ်ပြန်ခဲ့သည်။ လူထုက စိတ်ဝင်စားကြသည်။ " * 6),
    "hi": ("भारत में आज की प्रमुख ख़बरें और क्षेत्रीय विकास की पूरी जानकारी",
           "नई दिल्ली में आज सरकार ने नई नीति की घोषणा की। विशेषज्ञों ने इसका स्वागत किया। " * 6),
    "th": ("ข่าวเศรษฐกิจประจำวันนี้ รัฐบาลประกาศนโยบายใหม่เพื่อกระตุ้นการลงทุน",
           "รัฐบาลประกาศนโยบายเศรษฐกิจใหม่ในวันนี้ นักวิเคราะห์คาดว่าจะช่วยกระตุ้นการลงทุน " * 6),
    "ar": ("الحكومة تعلن عن خطة جديدة لدعم الاقتصاد الوطني في العام المقبل",
           "أعلنت الحكومة اليوم عن خطة اقتصادية جديدة. ورحب الخبراء بهذه الخطوة المهمة. " * 6),
    "zh": ("中国经济增长放缓，专家认为消费需求不足是主要原因之一",
           "今年第三季度中国经济增长放缓。专家认为消费需求不足是主要原因。政府计划推出新的刺激措施。" * 6),
    "emoji": ("Fest 🎉 for familien 👨‍👩‍👧 i Norge 🇳🇴 med kake 🎂 og musikk 🎶",
              "Det ble en fin dag 🎉 for hele familien 👨‍👩‍👧. Flagget 🇳🇴 vaiet i vinden. " * 6),
}


def _library(tmp_path):
    db = tmp_path / "t.db"
    library = Library.open(db)
    for lang, (title, body) in TEXTS.items():
        parsed = ParsedArticle(title=title, body=body.strip(), raw=f"{title}\n\n{body.strip()}", encoding="utf-8")
        outcome = library.import_parsed(f"test:{lang}", parsed, source=f"Kilde {lang} {title[:12]}")
        assert not outcome.failed, outcome.message
    library.close()
    return db


def _no_split_cluster(text: str) -> None:
    """A cut never leaves a combining mark (or a joiner) without its base."""
    stripped = text.rstrip(" ")
    for i, ch in enumerate(stripped):
        if unicodedata.combining(ch) or unicodedata.category(ch) == "Mc":
            assert i > 0 and stripped[i - 1] not in " …", (text, i)


@pytest.mark.parametrize("columns_", [120, 80, 60, 40])
def test_every_row_and_line_is_its_panes_width_in_every_script(tmp_path, columns_):
    db = _library(tmp_path)

    async def scenario(pilot, app, library):
        articles = app.query_one(ArticleList)
        width = articles.scrollable_content_region.width
        assert articles.row_count == len(TEXTS)
        for y in range(articles.row_count):
            strip = articles.render_line(y)
            assert strip.cell_length == width and cell_len(strip.text) == width, (y, strip.text)
            _no_split_cluster(strip.text)
        for _ in range(len(TEXTS)):
            await pilot.press("enter")
            await settle(pilot)
            reader = app.query_one(ReaderView)
            reader_width = reader.scrollable_content_region.width
            for y in range(min(reader.scrollable_content_region.height, 20)):
                strip = reader.render_line(y)
                assert strip.cell_length == reader_width, (app.current.language, y, strip.text)
                _no_split_cluster(strip.text)
            app.query_one(ArticleList).focus()
            await pilot.press("j")
            await settle(pilot)

    run(tmp_path, scenario, size=(columns_, 30), db=db)
