"""Benchmark stores and text trees, built once per corpus and cached on disk.

A store for N articles is keyed by everything that shapes its content: the
corpus (seed, N, long articles, generator version) and the code that derived
it (cleaner and search index versions). Repeated runs reuse it; a change to
any of those builds a new one. A new migration does not: the cached store is
opened (and so migrated) once before anything is timed. A store is built under a temporary
name and renamed when complete, so an interrupted build is never reused.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from corpus import CorpusArticle, CorpusGenerator

from newsreader.library import bulk
from newsreader.library import Library
from newsreader.library.indexing import open_store
from newsreader.text import CLEANER_VERSION
from newsreader.text.stemming import index_version

import corpus as corpus_module

DEFAULT_CACHE = Path(tempfile.gettempdir()) / "newsreader-bench"


@dataclass(frozen=True)
class CorpusSpec:
    n: int
    seed: int = 1234
    long_articles: int = 0
    long_paragraphs: int = corpus_module.LONG_ARTICLE_PARAGRAPHS

    def articles(self) -> list[CorpusArticle]:
        return list(CorpusGenerator(self.seed).articles(self.n, self.long_articles, self.long_paragraphs))

    def key(self) -> str:
        code = "|".join([str(corpus_module.CORPUS_VERSION), str(CLEANER_VERSION), index_version()])
        digest = hashlib.sha256(code.encode()).hexdigest()[:10]
        return f"n{self.n}-s{self.seed}-l{self.long_articles}x{self.long_paragraphs}-{digest}"


def cache_dir(given: str | Path | None = None) -> Path:
    return Path(given or os.environ.get("NEWSREADER_BENCH_CACHE") or DEFAULT_CACHE)


def store_path(spec: CorpusSpec, cache: Path) -> Path:
    return cache / spec.key() / "store.db"


def annotate(db_path: Path, articles: list[CorpusArticle]) -> int:
    """Highlights with notes, and article notes, on the articles marked for it (5%)."""
    library = Library.open(db_path)
    try:
        ids = dict(library.store.db.execute("SELECT origin, id FROM articles").fetchall())
        count = 0
        for a in articles:
            if not a.annotate:
                continue
            article_id = ids[a.origin]
            body = library.article(article_id).body
            end = body.find(".", 40, 400)
            library.add_highlight(article_id, 0, end + 1 if end > 0 else min(len(body), 80),
                                  note="Viktig: sjekk kildene.", tags=["benchmark"])
            library.set_article_note(article_id, "Les igjen i morgen.")
            count += 1
        return count
    finally:
        library.close()


def finish_store(fresh: Path, final: Path, articles: list[CorpusArticle]) -> Path:
    """Annotate a freshly imported store and move it into the cache."""
    annotate(fresh, articles)
    store = open_store(fresh)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    final.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("-wal", "-shm"):
        Path(str(fresh) + suffix).unlink(missing_ok=True)
    os.replace(fresh, final)
    return final


def empty_store(cache: Path) -> Path:
    """A new user's library: the bundled seed article, nothing else."""
    final = cache / f"empty-{CorpusSpec(0).key()}" / "store.db"
    if final.exists():
        return migrated(final)
    final.parent.mkdir(parents=True, exist_ok=True)
    building = final.with_name("building.db")
    remove_store(building)
    library = Library.open(building)
    library.ensure_seeded()
    library.store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    library.close()
    for suffix in ("-wal", "-shm"):
        Path(str(building) + suffix).unlink(missing_ok=True)
    os.replace(building, final)
    return final


def build_store(spec: CorpusSpec, cache: Path, workers: int | None = None, log=print) -> Path:
    """The cached store for `spec`, built (bulk import, then annotations) if missing."""
    final = store_path(spec, cache)
    if final.exists():
        return migrated(final)
    log(f"building the {spec.n:,}-article store (cached in {final.parent}) ...")
    articles = spec.articles()
    building = final.with_name("building.db")
    remove_store(building)
    building.parent.mkdir(parents=True, exist_ok=True)
    store = open_store(building)
    try:
        bulk.import_texts(store.db, [bulk.TextItem(a.origin, a.text) for a in articles], workers=workers)
    finally:
        store.close()
    return finish_store(building, final, articles)


def text_tree(spec: CorpusSpec, cache: Path) -> Path:
    """The corpus as one .txt file per article (what `rg` searches)."""
    root = cache / spec.key() / "texts"
    done = root / ".complete"
    if done.exists():
        return root
    shutil.rmtree(root, ignore_errors=True)
    for index, a in enumerate(spec.articles()):
        folder = root / f"{index // 1000:04d}"
        if index % 1000 == 0:
            folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{index:07d}.txt").write_text(a.text, encoding="utf-8")
    done.touch()
    return root


def migrated(path: Path) -> Path:
    """Open once, so a migration added since the store was built runs now, untimed."""
    open_store(path).close()
    return path


def remove_store(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
