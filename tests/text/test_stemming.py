"""Stemming by article language: `rakett` finds "raketten"."""

import pytest

from newsreader.text.stemming import can_stem, index_stems, normalise_language, stem_word, supported


@pytest.mark.parametrize("code", ["no", "sv", "da", "fi", "de", "nl", "en", "fr", "es", "pt"])
def test_the_languages_we_need_are_supported(code):
    assert code in supported()


@pytest.mark.parametrize("a, b, language", [
    ("rakett", "raketten", "no"), ("general", "generalene", "no"), ("missiler", "missil", "no"),
    ("oppgave", "oppgaven", "no"), ("running", "runs", "en"), ("Häuser", "Haus", "de"),
    ("flickorna", "flicka", "sv"),
])
def test_forms_of_a_word_share_a_stem(a, b, language):
    assert stem_word(a, language) == stem_word(b, language)


def test_stems_are_folded_and_only_stored_when_they_differ():
    assert index_stems("De røde generalene 2022", "no") == "rod general"
    assert stem_word("røde", "nb") == stem_word("rode", "no") == "rod"


def test_unknown_language_is_not_stemmed():
    assert index_stems("raketten generalene", "unknown") == ""
    assert stem_word("raketten", "unknown") == "raketten"
    assert stem_word("raketten", None) == "raketten"
    assert not can_stem("xx")


def test_language_codes_are_normalised():
    assert normalise_language("nn") == normalise_language("NB") == "no"
    assert normalise_language("pt-BR") == "pt"


def test_absurd_input_is_cheap_and_safe():
    assert index_stems("x" * 100_000, "no") == ""
    assert stem_word("y" * 10_000, "en") == "y" * 10_000


def test_snowball_version_is_the_installed_distribution_version():
    from importlib.metadata import version

    from newsreader.text.stemming import index_version, snowball_version

    assert snowball_version() == version("snowballstemmer")
    assert index_version().endswith("-snowball" + version("snowballstemmer"))


def test_a_long_body_is_stemmed_in_slices_exactly_as_in_one_go():
    import random

    from newsreader.text import stemming
    from newsreader.text.folding import WORD

    rng = random.Random(3)
    words = "Regjeringen sier at løsningene kommer raskt og flere hundre arbeidere streiket".split()
    text = "\n".join(" ".join(rng.choice(words) for _ in range(rng.randint(1, 12))) for _ in range(20000))
    assert len(text) > 8 * stemming._STEM_CHUNK  # several slices
    cache = stemming._cache_for("no")
    whole = " ".join(filter(None, map(cache.__getitem__, WORD.findall(text.lower()))))
    assert stemming.index_stems(text, "no") == whole
