"""Legacy encodings decode right: declared first, then a guess the text must read as one language."""

from __future__ import annotations

import pytest

from newsreader.ingest.plaintext import decode_bytes, read_text_file

SAMPLES = [
    ("cp1252", "Blåbær og rødvin\nVi spiste blåbær og drakk rødvin på hytta i Ålesund.\n"),
    ("cp1252", "Smörgåsbord\nVi åt smörgåsbord och drack kaffe på kvällen i Göteborg.\n"),
    ("cp1252", "Æbler\nDe røde æbler på træet i haven er søde.\n"),
    ("cp1252", "Sää\nTänään sää on hyvä Helsingissä ja Tampereella.\n"),
    ("cp1252", "Þingvellir\nÞetta er íslensk frétt um veðrið á Íslandi í dag.\n"),
    ("cp1252", "Über Straße\nDie Straße führt über die Brücke nach Köln.\n"),
    ("cp1250", "Příliš žluťoučký kůň\nPříliš žluťoučký kůň úpěl ďábelské ódy.\n"),
    ("cp1250", "Zażółć gęślą jaźń\nZażółć gęślą jaźń, powiedział Łukasz w Łodzi.\n"),
    ("cp1251", "Путин звонит\nПрезидент России позвонил в Вашингтон по горячей линии.\n"),
    ("iso8859_15", "Prix en euros\nLe café coûte 3 € à Paris, déjà cher pour un œuf.\n"),
    ("shift_jis", "日本の首相\n日本の首相が辞任を表明しました。東京で記者会見が開かれました。\n"),
    ("gb18030", "中国新闻\n今天北京的天气很好，我们去公园散步了。\n"),
    ("euc_kr", "한국 뉴스\n오늘 서울의 날씨는 맑고 따뜻했습니다. 많은 사람들이 공원에 갔습니다.\n"),
]


@pytest.mark.parametrize("encoding, text", SAMPLES, ids=[f"{e}-{t.split()[0]}" for e, t in SAMPLES])
def test_a_legacy_file_decodes_to_its_text(tmp_path, encoding, text):
    """Before: the Norwegian cp1252 text came out as cp1250 ("Blĺbćr og rřdvin")."""
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode(encoding))
    parsed = read_text_file(path)
    assert parsed.raw == text


def test_a_declared_encoding_comes_first():
    data = "Blåbær\nRødvin og blåbær.\n".encode("cp1252")
    assert decode_bytes(data, "cp1250") == ("Blĺbćr\nRřdvin og blĺbćr.\n", "cp1250")  # as told
    assert decode_bytes(data)[0] == "Blåbær\nRødvin og blåbær.\n"
