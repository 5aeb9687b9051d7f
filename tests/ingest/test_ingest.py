"""Decoding and parsing of plain-text article files."""

import pytest

from newsreader.ingest.plaintext import IngestError, decode_bytes, parse_plaintext, read_text_file
from newsreader.ingest.seeds import seed_files

from support import SEED

NORWEGIAN = "Røde linjen\nFor første gang har de militære lederne i verdens største atommakter snakket sammen på telefonen, og det var alvorlig.\n"


def test_bundled_seed_is_byte_identical_to_repo_seed():
    [(name, data)] = list(seed_files())
    assert name == SEED.name
    assert data == SEED.read_bytes()


def test_parse_takes_first_nonempty_line_as_title():
    parsed = parse_plaintext("\n\n  Tittel her  \nAvsnitt en.\nAvsnitt to.")
    assert parsed.title == "Tittel her"
    assert parsed.body == "Avsnitt en.\nAvsnitt to."


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "utf-16", "utf-8-sig"])
def test_legacy_encodings_decode_exactly(encoding, tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(NORWEGIAN.encode(encoding))
    parsed = read_text_file(path)
    assert "\ufffd" not in parsed.raw
    assert parsed.raw.lstrip("\ufeff") == NORWEGIAN
    assert parsed.title == "Røde linjen"


def test_declared_encoding_wins_and_wrong_one_is_an_error():
    data = NORWEGIAN.encode("cp1252")
    assert decode_bytes(data, "cp1252")[0] == NORWEGIAN
    with pytest.raises(IngestError, match="not valid utf-8"):
        decode_bytes(data, "utf-8")
    with pytest.raises(IngestError, match="unknown encoding"):
        decode_bytes(data, "no-such-codec")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (b"Bare en tittel\n\n", "no body"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
    ],
)
def test_bad_files_give_a_reason(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(IngestError, match=reason):
        read_text_file(path)


def test_missing_directory_and_huge_files(tmp_path):
    with pytest.raises(IngestError, match="no such file"):
        read_text_file(tmp_path / "nope.txt")
    with pytest.raises(IngestError, match="directory"):
        read_text_file(tmp_path)
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as f:
        f.truncate(50 * 1024 * 1024)
    with pytest.raises(IngestError, match="too large"):
        read_text_file(huge)


def test_random_bytes_are_refused_not_garbled():
    import random

    noise = bytes(random.Random(1).randrange(128, 256) for _ in range(4000))
    try:
        text, encoding = decode_bytes(noise)
    except IngestError:
        return
    # If some single-byte codec accepts it, it must round-trip exactly.
    assert text.encode(encoding) == noise
