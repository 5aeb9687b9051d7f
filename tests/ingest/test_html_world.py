"""Web pages beyond Latin script: a short Japanese news page imports (its length
counted in characters, not spaces), a menu does not, and the page furniture
("このニュースをシェア", a closing "Video: ..." caption) stays out of the text."""

from __future__ import annotations

import pytest

from newsreader.ingest.html import extract_page, long_enough
from newsreader.ingest.plaintext import IngestError

# An NHK NEWS WEB-style article of about 300 characters.
NHK_PARAGRAPHS = [
    "政府は１日、来年度の予算案をまとめ、一般会計の総額が過去最大の１１２兆円余りとなる見通しを明らかにしました。",
    "防衛費や社会保障費の増加が主な要因で、財源の確保が課題となっています。",
    "財務省によりますと、新たに発行する国債は３５兆円程度となる見込みです。",
    "鈴木財務大臣は記者会見で「財政の健全化と経済の再生を両立させたい」と述べました。",
    "予算案は今月下旬に閣議決定され、来年の通常国会に提出される予定です。",
    "一方、野党側は「歳出の見直しが不十分だ」として、国会審議で政府の姿勢をただす方針です。",
    "専門家は、金利の上昇によって国債の利払い費が膨らむおそれがあると指摘しています。",
]
NHK_TITLE = "来年度予算案 一般会計総額 過去最大の１１２兆円余りに"


def nhk_page(paragraphs=NHK_PARAGRAPHS) -> str:
    menu = "".join(f'<li><a href="/news/{n}">{w}</a></li>'
                   for n, w in enumerate(["トップ", "政治", "経済", "国際", "社会", "スポーツ", "天気"]))
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="ja"><head><meta charset="UTF-8">
<title>{NHK_TITLE} | NHK | 予算</title>
<meta property="og:title" content="{NHK_TITLE}">
<meta property="og:site_name" content="NHK">
<meta property="article:published_time" content="2024-12-01T12:00:00+09:00">
</head><body>
<header><a href="/">NHK NEWS WEB</a><nav><ul>{menu}</ul></nav></header>
<main><article>
<h1>{NHK_TITLE}</h1>
<time datetime="2024-12-01T12:00">2024年12月1日 12時00分</time>
<div class="content--detail-body">{body}</div>
<p class="share-title">このニュースをシェア</p>
<ul class="share"><li><a href="https://x.com/share">X</a></li><li><a href="https://line.me/">LINE</a></li></ul>
</article>
<aside><h2>関連ニュース</h2><ul><li><a href="/news/a">補正予算案が成立</a></li>
<li><a href="/news/b">日銀が金融政策決定会合</a></li></ul></aside></main>
<footer><p>Copyright NHK (Japan Broadcasting Corporation) All rights reserved.</p></footer>
</body></html>"""


def test_a_short_japanese_news_page_imports(lib, tmp_path):
    """Before: refused as "no article text found" (5 space-separated words needed)."""
    assert 250 < sum(map(len, NHK_PARAGRAPHS)) < 350
    path = tmp_path / "nhk.html"
    path.write_text(nhk_page(), encoding="utf-8")
    [outcome] = lib.import_paths([path])
    assert outcome.status == "added", outcome.message
    article = lib.article(outcome.article_id)
    assert article.language == "ja"
    assert article.title == NHK_TITLE
    assert article.body == "\n\n".join(NHK_PARAGRAPHS)
    assert "シェア" not in article.body and "関連ニュース" not in article.body


def test_a_japanese_button_is_not_an_article():
    """Before: 12 characters counted as 6 words, and this page imported."""
    html = "<html><body><article><h1>速報</h1><p>このニュースをシェア</p></article></body></html>"
    with pytest.raises(IngestError, match="no article text"):
        extract_page(html)


@pytest.mark.parametrize(
    "text, enough",
    [
        ("このニュースをシェア", False),  # a button
        ("トップ 政治 経済 国際 社会 スポーツ 天気 科学 文化", False),  # a menu
        ("政府は来年度の予算案をまとめました。" * 3, False),  # 48 characters
        ("政府は来年度の予算案をまとめました。" * 4, True),  # 64
        ("政府周二公布了明年的预算草案。财政部长表示，这份预算将有助于抑制通货膨胀并创造就业机会。", False),
        ("政府周二公布了明年的预算草案。财政部长表示，这份预算将有助于抑制通货膨胀并创造就业机会，"
         "同时也会增加对教育、科技、环保和医疗的投入。", True),  # 62
        ("รัฐบาลประกาศเมื่อวันอังคารว่าจะขึ้นภาษีน้ำมันเชื้อเพลิง ซึ่งนักวิจารณ์กล่าวว่าจะกระทบครอบครัวในชนบท", True),
        ("รัฐบาลประกาศขึ้นภาษี", False),
        ("서울에 눈이 왔다", False),  # Hangul is spaced: words
        ("오늘 서울에 첫눈이 내려 많은 시민들이 공원을 찾았다", True),
        ("Home News Sport Weather", False),
        ("The minister resigned on Tuesday.", True),
        ("NHKによると 政府は来年度の予算案を", False),
        ("According to NHK, 政府は来年度の予算案をまとめ、国会に提出すると報じた", True),  # 3 words and 25 characters
    ],
)
def test_length_is_measured_by_script(text, enough):
    assert long_enough(text) is enough


NO_PARAGRAPHS = [
    "Russiske styrker ble overrasket av et ukrainsk angrep i Kherson-regionen natt til søndag.",
    "Ifølge ukrainske myndigheter ble flere stillinger tatt uten at soldatene rakk å gjøre motstand.",
    "Video: Slik så det ut da soldatene rykket inn i landsbyen",
    "Forsvarsanalytikere mener angrepet viser at Ukraina fortsatt har initiativet i sør.",
]


def no_page(paragraphs) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<!DOCTYPE html><html lang="no"><head><meta charset="utf-8"><title>Angrep i Kherson</title></head>'
            f"<body><article><h1>Angrep i Kherson</h1>{body}</article></body></html>")


def test_a_closing_video_caption_is_left_out():
    caption = "Video: Her blir russiske soldater tatt på senga av ukrainske styrker"
    page = extract_page(no_page([*NO_PARAGRAPHS, caption]))
    assert page.text.split("\n") == NO_PARAGRAPHS  # the caption in the middle is not the last line


@pytest.mark.parametrize("last", ["Videoen er tatt opp av en soldat og delt på Telegram søndag morgen.",
                                  "Video viser at soldatene var uforberedte, sier analytikeren."])
def test_a_last_paragraph_about_a_video_is_kept(last):
    page = extract_page(no_page([*NO_PARAGRAPHS, last]))
    assert page.text.split("\n")[-1] == last
