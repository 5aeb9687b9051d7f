"""Legacy encodings of the world's text: what a page declares is believed (as a
browser reads the label), and a guess must read as one language."""

from __future__ import annotations

import codecs

import pytest

from newsreader.ingest.html import decode_html
from newsreader.ingest.plaintext import decode_bytes, read_text_file
from newsreader.text.decoding import codecs_for_label, declared_in_markup, plausibility

# (the encoding the file was written in, its text): each came out wrong before.
GUESSED = [
    ("cp1252", "Rødvin\nHan kjøpte rødvin."),  # was cp1250: "Rřdvin"
    ("cp1252", "Blåbær og rødvin\nVi spiste blåbær og drakk rødvin på hytta i Ålesund.\n"),
    ("cp1252", "Il governo\nIl governo ha annunciato martedì che aumenterà le tasse sul carburante."),
    ("cp1252", "Sää\nTänään sää on hyvä Helsingissä ja Tampereella.\n"),
    ("cp1250", "Slovenčina\nSlovenská vláda schválila rozpočet na budúci rok."),  # was cp857
    ("cp1250", "Zażółć gęślą jaźń\nRząd zapowiedział we wtorek podwyżkę podatków od paliwa."),
    ("cp1254", "İstanbul\nİstanbul'da bugün hava güneşli ve sıcak olacak, dedi meteoroloji."),  # was cp1252
    ("cp1251", "Москва\nВ Москве выпал первый снег."),
    ("cp1251", "Київ\nУ Києві відбулася зустріч міністрів закордонних справ."),
    ("koi8_r", "Москва\nВ Москве выпал первый снег, и дороги стали скользкими."),
    ("cp1253", "Αθήνα\nΗ κυβέρνηση ανακοίνωσε νέα μέτρα για την ακρίβεια στην Αθήνα."),
    ("cp1255", "ירושלים\nהממשלה אישרה היום את התקציב לשנה הבאה."),
    ("cp1256", "القاهرة\nأعلنت الحكومة اليوم عن ميزانية جديدة للعام المقبل."),
    ("cp874", "ไทย\nรัฐบาลประกาศเมื่อวันอังคารว่าจะขึ้นภาษีน้ำมันเชื้อเพลิง"),
    ("iso8859_15", "Œuvre\nCette œuvre coûte 50 € au musée."),
    ("cp932", "株式\n㈱東京電力の株価は①番目に高い。"),  # NEC signs: not in plain Shift_JIS
    ("euc_jp", "東京\n東京で記者会見が開かれ、多くの記者が集まりました。"),  # was cp949 (hangul)
    ("gb18030", "北京\n北京今天下雪了。"),  # was cp949
    ("big5", "臺北\n政府週二宣布將提高燃油稅，批評人士說，這一決定將對農村家庭造成打擊。"),
    ("euc_kr", "서울\n서울에 눈이 왔다."),
]


@pytest.mark.parametrize("encoding, text", GUESSED, ids=[f"{e}-{t.split()[0]}" for e, t in GUESSED])
def test_a_file_without_a_declaration_decodes_to_its_text(tmp_path, encoding, text):
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode(encoding))
    assert read_text_file(path).raw == text


def test_ties_go_to_the_text_that_reads_as_its_language():
    data = "Rødvin\nHan kjøpte rødvin.".encode("cp1252")
    # Both read as letters of some alphabet ...
    assert plausibility(data.decode("cp1250")) == plausibility(data.decode("cp1252")) == 1.0
    # ... but "kjřpte" is no Czech word and "kjøpte" a Norwegian one.
    assert decode_bytes(data) == ("Rødvin\nHan kjøpte rødvin.", "cp1252")


@pytest.mark.parametrize(
    "wrong",
    [
        "R°dvin Han kj°pte",  # a symbol inside a word
        "Ïðàâèòåëüñòâî âî âòîðíèê",  # Russian cp1251 read as cp1252: no one alphabet
        "в мОСКВЕ ВЩРБМ РЕТЧЩК УОЕЗ",  # KOI8-R read as cp1251: capitals inside words
        "ฑฑพฉฝ๑ฬ์ฯยัฉมหก",  # GB18030 read as cp874: Thai marks where Thai puts none
        "굇쑴쏟莖苟汽죄",  # GB18030 read as cp949: hanja run into hangul
        "澎叠で淡荚柴斧が倡かれ",  # EUC-JP read as GB18030: simplified hanzi in Japanese
    ],
)
def test_wrong_decodings_read_worse_than_right_ones(wrong):
    assert plausibility(wrong) < 1.0


# --- declarations -------------------------------------------------------------


def test_labels_mean_what_browsers_make_of_them():
    assert codecs_for_label("ISO-8859-1")[0] == "cp1252"
    assert codecs_for_label("Shift_JIS")[0] == "cp932"
    assert codecs_for_label("EUC-KR")[0] == "cp949"
    assert codecs_for_label("GB2312")[0] == "gb18030"
    assert codecs_for_label("utf-16", in_markup=True) == ["utf-8"]  # read as ASCII: not UTF-16
    assert codecs_for_label("no-such-thing") == []


def page(charset_markup: str, body: str) -> str:
    return f"<!DOCTYPE html><html><head>{charset_markup}<title>t</title></head><body><p>{body}</p></body></html>"


def test_a_meta_charset_is_believed():
    text = "Vi spiste blåbær og drakk rødvin."
    html = page('<meta charset="windows-1250">', "Příliš žluťoučký kůň úpěl ďábelské ódy.")
    assert "Příliš žluťoučký kůň" in decode_html(html.encode("cp1250"))
    html = page('<meta charset="iso-8859-1">', f"{text} Det kostet 5 €.")
    assert f"{text} Det kostet 5 €." in decode_html(html.encode("cp1252"))  # 0x80 is € on the web


def test_an_http_equiv_declaration_is_believed():
    html = page('<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">', "㈱東京電力の株価は①番目に高い。")
    assert "㈱東京電力の株価は①番目に高い。" in decode_html(html.encode("cp932"))


def test_an_xml_declaration_is_believed():
    html = '<?xml version="1.0" encoding="ISO-8859-15"?>\n' + page("", "Cette œuvre coûte 50 €.")
    data = html.encode("iso8859_15")
    assert declared_in_markup(data) == ["ISO-8859-15"]
    assert "Cette œuvre coûte 50 €." in decode_html(data)


def test_the_http_header_comes_before_the_page():
    html = page('<meta charset="iso-8859-2">', "Регион")
    assert "Регион" in decode_html(html.encode("koi8_r"), http_charset="koi8-r")


def test_a_declaration_the_bytes_do_not_fit_is_passed_over():
    html = page('<meta charset="utf-8">', "Vi spiste blåbær og drakk rødvin på hytta i Ålesund.")
    assert "blåbær og drakk rødvin" in decode_html(html.encode("cp1252"))


def test_a_byte_order_mark_beats_every_declaration():
    html = page('<meta charset="iso-8859-1">', "Blåbær og rødvin, 東京")
    assert "Blåbær og rødvin, 東京" in decode_html(codecs.BOM_UTF16_LE + html.encode("utf-16-le"))
    assert "Blåbær og rødvin, 東京" in decode_html(codecs.BOM_UTF8 + html.encode("utf-8"))


def test_a_utf32_file_with_its_mark_decodes():
    text = "Blåbær\nRødvin og blåbær, 東京.\n"
    assert decode_bytes(text.encode("utf-32")) == (text, "utf-32")
