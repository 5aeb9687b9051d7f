"""A deterministic Norwegian-like corpus for the benchmarks, built from the
seed article's own vocabulary so that language detection says "no".

Same seed, same corpus: every figure in a run is measured on identical input.

The seed has only ~340 distinct words, so sentences drawn from it alone would
put every word in nearly every article, and no search would ever be "rare".
Real text has a long tail, so the vocabulary is the seed's words (most
frequent first) followed by compounds of two of them, the way Norwegian builds
words ("forsvars" + "alliansen"), drawn with Zipf's law: a handful of words are
in most articles, most words in a few.
"""

from __future__ import annotations

import itertools
import random
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

MARKER = "Artikkelen fortsetter under annonsen"
LONG_ARTICLE_PARAGRAPHS = 10_000
SHORT_ARTICLE_PARAGRAPHS = 20  # what the long article's open time is compared with
COMPOUNDS = 30_000
ZIPF_EXPONENT = 1.0
CORPUS_VERSION = 2  # bump when the text generated for a seed changes (stores are cached by it)
TYPICAL_WORDS = 850  # mean article length, for the expected document frequencies below


@dataclass(frozen=True)
class CorpusArticle:
    origin: str
    text: str  # title line, then one paragraph per line (the plain-text format)
    annotate: bool  # 5% get highlights and notes


@dataclass(frozen=True)
class Vocabulary:
    words: tuple[str, ...]  # most frequent first
    cum_weights: tuple[float, ...]
    names: tuple[str, ...]  # capitalised seed words, sprinkled in sentences
    seed_words: frozenset[str]

    def probability(self, rank: int) -> float:
        before = self.cum_weights[rank - 1] if rank else 0.0
        return (self.cum_weights[rank] - before) / self.cum_weights[-1]

    def document_frequency(self, rank: int, words: int = TYPICAL_WORDS) -> float:
        """Expected share of articles holding the word at `rank`."""
        return 1.0 - (1.0 - self.probability(rank)) ** words


def _seed_words() -> tuple[list[str], list[str]]:
    folder = resources.files("newsreader.seeds")
    text = "".join(
        entry.read_text(encoding="utf-8") for entry in folder.iterdir() if entry.name.endswith(".txt")
    ).replace(MARKER, " ")
    words = re.findall(r"[^\W\d_]+", text)
    lower = [w.lower() for w in words if len(w) > 1]
    capitalised = sorted({w for w in words if w[:1].isupper() and len(w) > 2})
    return lower, capitalised


@lru_cache(maxsize=4)
def vocabulary(seed: int = 1234) -> Vocabulary:
    lower, names = _seed_words()
    counts = Counter(lower)
    ranked = sorted(counts, key=lambda w: (-counts[w], w))
    parts = [w for w in ranked if len(w) >= 4]
    rng = random.Random(f"compounds-{seed}")
    known = set(ranked)
    compounds: list[str] = []
    while len(compounds) < COMPOUNDS:
        word = rng.choice(parts) + rng.choice(parts)
        if word not in known:
            known.add(word)
            compounds.append(word)
    words = tuple(ranked + compounds)
    cum = tuple(itertools.accumulate(1.0 / (rank + 1) ** ZIPF_EXPONENT for rank in range(len(words))))
    return Vocabulary(words, cum, tuple(names), frozenset(ranked))


class CorpusGenerator:
    """Yields articles of 200-1500 words; glued markers and subheadings in some."""

    def __init__(self, seed: int = 1234):
        self.rng = random.Random(seed)
        self.vocabulary = vocabulary(seed)
        self.words = self.vocabulary.words
        self.names = self.vocabulary.names
        self.cum = self.vocabulary.cum_weights

    def sentence(self) -> str:
        rng = self.rng
        n = rng.randint(6, 22)
        words = rng.choices(self.words, cum_weights=self.cum, k=n)
        if rng.random() < 0.3:
            words[rng.randrange(n)] = rng.choice(self.names)
        words[0] = words[0].capitalize()
        return " ".join(words) + rng.choice(".....?!")

    def paragraph(self, words_left: int) -> str:
        parts, count = [], 0
        while count < min(words_left, self.rng.randint(30, 90)):
            s = self.sentence()
            parts.append(s)
            count += s.count(" ") + 1
        return " ".join(parts)

    def article(self, index: int, paragraphs: int | None = None, origin: str | None = None) -> CorpusArticle:
        rng = self.rng
        title_words = rng.choices(self.words[:2000], cum_weights=self.cum[:2000], k=rng.randint(4, 10))
        lines = [f"{' '.join(title_words).capitalize()} {index}"]
        target = rng.randint(200, 1500)
        written = 0
        n = 0
        while (paragraphs is None and written < target) or (paragraphs is not None and n < paragraphs):
            p = self.paragraph(max(30, target - written))
            written += p.count(" ") + 1
            n += 1
            roll = rng.random()
            if roll < 0.08:
                p = MARKER * rng.randint(1, 2) + p  # glued, as in the seed
            elif roll < 0.12:
                lines.append(" ".join(rng.choice(self.words[:300]) for _ in range(4)).capitalize())
            lines.append(p)
        return CorpusArticle(
            origin=origin or f"bench:{index}", text="\n".join(lines) + "\n", annotate=rng.random() < 0.05
        )

    def articles(
        self, n: int, long_articles: int = 0, long_paragraphs: int = LONG_ARTICLE_PARAGRAPHS
    ) -> Iterator[CorpusArticle]:
        """`n` ordinary articles, then (when `long_articles` > 0) one of
        SHORT_ARTICLE_PARAGRAPHS paragraphs and `long_articles` of `long_paragraphs`."""
        for i in range(n):
            yield self.article(i)
        if long_articles:
            yield self.article(n, paragraphs=SHORT_ARTICLE_PARAGRAPHS, origin=SHORT_ORIGIN)
        for j in range(long_articles):
            yield self.article(n + 1 + j, paragraphs=long_paragraphs, origin=f"{LONG_ORIGIN}{j}")


SHORT_ORIGIN = "bench:short"
LONG_ORIGIN = "bench:long:"


def _rank_nearest(vocab: Vocabulary, share: float, where) -> str:
    """The word whose expected document frequency is nearest `share`, among `where`."""
    best = min(
        (abs(vocab.document_frequency(rank) - share), rank)
        for rank, word in enumerate(vocab.words)
        if where(word)
    )
    return vocab.words[best[1]]


@lru_cache(maxsize=4)
def search_queries(seed: int = 1234) -> dict[str, str]:
    """One query per class the benchmark times, chosen from the vocabulary by how
    many articles should match (so the classes mean the same at any N)."""
    from newsreader.text.folding import fold_letters
    from newsreader.text.stemming import stem_word

    vocab = vocabulary(seed)
    words = vocab.words
    seed_words = vocab.seed_words
    rare = _rank_nearest(vocab, 0.001, lambda w: w not in seed_words)
    common = _rank_nearest(vocab, 0.5, lambda w: w.isascii() and len(w) >= 4)
    # A prefix as typed while searching: the start of a word met in ~20% of articles.
    prefix_of = _rank_nearest(vocab, 0.2, lambda w: w.isascii() and len(w) >= 6)
    first = _rank_nearest(vocab, 0.3, lambda w: len(w) >= 4 and w != common)
    second = _rank_nearest(vocab, 0.3, lambda w: len(w) >= 4 and w not in (common, first))
    folded = _rank_nearest(vocab, 0.2, lambda w: w in seed_words and fold_letters(w) != w and "å" not in w)
    vocabulary_set = set(words)

    def stem_only(word: str) -> bool:
        stem = stem_word(word, "no")
        return word in seed_words and stem != fold_letters(word) and stem not in vocabulary_set

    stemmed = _rank_nearest(vocab, 0.2, stem_only)
    return {
        "rare": rare,
        "common": common,
        "prefix": prefix_of[:4] + "*",
        "phrase": f'"{first} {second}"',
        "folded": fold_letters(folded),  # typed without ø/æ: "rode" for "røde"
        "stemmed": stem_word(stemmed, "no"),  # only the stem: found through the stems column
        "filter-only": "lang:no is:unread",
    }
