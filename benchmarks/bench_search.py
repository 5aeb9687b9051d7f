"""Search figures: in-process latency per query class against raw FTS5, and the
`newsreader search` process against `rg` over the same articles as files."""

from __future__ import annotations

import hashlib
import itertools
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from measure import Figure, median, percentile, timed

from newsreader.library import Library
from newsreader.search.engine import ARTICLE_WEIGHTS

LIMIT = 50
P95_CEILING_MS = 50.0
# The floor of a text query: the same words as one hand-written FTS5 MATCH on the
# folded/stemmed index, ranked by bm25 with the same weights; then what showing
# the hits needs (title and text) read back. No snippet is cut from the text.
RAW_MATCH = (
    f"SELECT rowid, bm25(articles_search, {ARTICLE_WEIGHTS}) AS rank FROM articles_search "
    f"WHERE articles_search MATCH ? ORDER BY rank LIMIT {LIMIT}"
)
# The floor of a filter-only query: the same rows straight from the covering index.
RAW_FILTER = (
    "SELECT id FROM articles INDEXED BY articles_search_listing WHERE language = 'no' AND read_at IS NULL "
    f"ORDER BY sort_key DESC, id DESC LIMIT {LIMIT}"
)


def raw_expression(kind: str, query: str) -> str:
    """What someone writing FTS5 by hand would MATCH for this query."""
    if kind == "prefix":
        return '"' + query.rstrip("*") + '"*'
    return query if query.startswith('"') else f'"{query}"'


def _raw_search(db, kind: str, query: str) -> list:
    if kind == "filter-only":
        ids = [r[0] for r in db.execute(RAW_FILTER)]
    else:
        ids = [r[0] for r in db.execute(RAW_MATCH, [raw_expression(kind, query)])]
    marks = ",".join("?" for _ in ids)
    return db.execute(f"SELECT id, title, body FROM articles WHERE id IN ({marks})", ids).fetchall()


def search_figures(store: Path, queries: dict[str, str], runs: int, label: str) -> list[Figure]:
    """The Latin-script query classes on `store`, then the Chinese ones (`cjk_figures`)
    on a store of 1/CJK_SHARE as many Chinese articles, cached beside it."""
    library = Library.open(store)
    db = library.store.db
    size = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    try:
        ours: dict[str, list[float]] = {k: [] for k in queries}
        floor: dict[str, list[float]] = {k: [] for k in queries}
        hits = {k: len(library.search(q, limit=LIMIT)) for k, q in queries.items()}  # warm caches
        raw_hits = {k: len(_raw_search(db, k, q)) for k, q in queries.items()}
        for _ in range(runs):
            for kind, query in queries.items():
                floor[kind].append(timed(lambda: _raw_search(db, kind, query)) * 1000)
                ours[kind].append(timed(lambda: library.search(query, limit=LIMIT)) * 1000)
    finally:
        library.close()
    figures = []
    for kind, query in queries.items():
        p95, floor95 = percentile(ours[kind], 95), percentile(floor[kind], 95)
        floor_name = "raw SQL" if kind == "filter-only" else "raw FTS5 MATCH"
        figures.append(Figure(
            "Search", f"p95, {kind} `{query}`, {label}", p95, floor95, "ms", floor_name,
            "≤ 2x and < 50 ms", 2.0, ceiling=P95_CEILING_MS,
            detail=(f"p50 {median(ours[kind]):.2f} vs {median(floor[kind]):.2f} ms; "
                    f"{hits[kind]} vs {raw_hits[kind]} hits; {runs} runs"),
        ))
    return figures + cjk_figures(store.parent.parent, max(20, size // CJK_SHARE), runs)


def grep_command(word: str, root: Path) -> tuple[list[str], str]:
    """ripgrep as a user would run it; grep -r when rg is not installed."""
    if shutil.which("rg"):
        return ["rg", "--ignore-case", "--word-regexp", "--files-with-matches", word, str(root)], "rg"
    return ["grep", "-r", "-i", "-w", "-l", word, str(root)], "grep -r (rg not installed)"


def cli_figures(store: Path, texts: Path, queries: dict[str, str], runs: int, label: str) -> list[Figure]:
    env = {**os.environ, "NEWSREADER_CONFIG_DIR": tempfile.mkdtemp(prefix="nr-bench-config-")}
    figures = []
    for kind in ("rare", "common"):
        word = queries[kind]
        cli = [sys.executable, "-m", "newsreader", "--db", str(store), "search", word, "--limit", "20"]
        grep, grep_name = grep_command(word, texts)

        def run(command):
            return timed(lambda: subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                                env=env, check=False))

        run(cli), run(grep)  # page cache warm for both
        ours, theirs = [], []
        for _ in range(runs):
            theirs.append(run(grep))
            ours.append(run(cli))
        figures.append(Figure("CLI search", f"`newsreader search {word}` ({kind}), {label}", median(ours),
                              median(theirs), "s", grep_name, "", None,
                              detail=f"whole processes; median of {runs}"))
    return figures


# -- Scripts without spaces: Chinese articles, searched through the pair tables ----------------
#
# The corpus above is Norwegian, so its store's pair tables are empty (and its
# figures are the Latin-script ones). These figures use a store of generated
# Chinese articles beside it, one for every CJK_SHARE articles of the big store:
# news-like words drawn by Zipf's law from two-character words and compounds of
# two of them, in sentences without spaces, a Latin brand name in some articles.

CJK_SHARE = 20
CJK_CORPUS_VERSION = 1
CJK_WORDS = (
    "经济 政府 发展 国家 市场 企业 社会 工作 问题 国际 美国 中国 日本 公司 技术 投资 银行 政策 增长 人民 "
    "地区 城市 时间 记者 消息 会议 报告 数据 表示 专家 认为 影响 能源 价格 消费 产品 服务 教育 学生 学校 "
    "医院 健康 疫情 环境 气候 科学 研究 历史 文化 体育 比赛 球队 选手 电影 音乐 艺术 交通 铁路 航空 汽车 "
    "电动 电池 手机 网络 平台 用户 安全 军事 外交 总统 总理 部长 议会 选举 法律 法院 警方 事件 事故 灾害 "
    "地震 洪水 农业 粮食 工业 制造 出口 进口 贸易 关税 货币 汇率 股市 基金 债务 财政 预算 税收 就业 失业 "
    "工资 收入 房价 住房 人口 家庭 儿童 老人 妇女 青年 未来 计划 项目 合作 协议 谈判 和平 战争 冲突 难民"
).split()
CJK_BRAND = "Tesla"


def cjk_articles(n: int, seed: int = 1234) -> list[str]:
    """`n` Chinese articles in the plain-text format, the same for the same seed."""
    rng = random.Random(seed)
    base = CJK_WORDS
    vocabulary = base + [a + b for a in base for b in base if a != b]
    weights = list(itertools.accumulate(1.0 / (rank + 1) for rank in range(len(vocabulary))))
    texts = []
    for _ in range(n):
        def sentence() -> str:
            words = rng.choices(vocabulary, cum_weights=weights, k=rng.randint(6, 14))
            if rng.random() < 0.3:
                words.insert(rng.randrange(len(words)), "，")
            return "".join(words) + "。"

        title = "".join(rng.choices(vocabulary, cum_weights=weights, k=rng.randint(3, 5)))
        paragraphs = ["".join(sentence() for _ in range(rng.randint(3, 7))) for _ in range(rng.randint(3, 8))]
        if rng.random() < 0.2:
            paragraphs[0] = f"{CJK_BRAND} {paragraphs[0]}"
        texts.append(title + "\n" + "\n".join(paragraphs) + "\n")
    return texts


def cjk_queries(texts: list[str]) -> dict[str, str]:
    """A query per class, chosen by the share of articles holding it."""

    def nearest(candidates, share: float) -> str:
        return min(candidates, key=lambda w: abs(sum(w in t for t in texts) / len(texts) - share))

    compounds = [a + b for a in CJK_WORDS[::7] for b in CJK_WORDS[3::11] if a != b]
    common = nearest(CJK_WORDS[:40], 0.5)
    rare = nearest(compounds, 0.005)
    return {
        "cjk 2-char common": common,
        "cjk 4-char rare": rare,
        "cjk 3-char": nearest([c[:3] for c in compounds], 0.05),
        "cjk 1-char": rare[0],
        "cjk mixed": f"{CJK_BRAND} {common}",
    }


def cjk_store(cache: Path, n: int, workers: int | None = None) -> tuple[Path, list[str]]:
    """The cached store of `n` generated Chinese articles, and their texts."""
    from newsreader.library import bulk
    from newsreader.library.indexing import GRAMS_VERSION, open_store
    from newsreader.text.stemming import index_version

    texts = cjk_articles(n)
    key = hashlib.sha256(f"{CJK_CORPUS_VERSION}|{GRAMS_VERSION}|{index_version()}".encode()).hexdigest()[:10]
    final = cache / f"cjk-n{n}-{key}" / "store.db"
    if not final.exists():
        final.parent.mkdir(parents=True, exist_ok=True)
        building = final.with_name("building.db")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{building}{suffix}").unlink(missing_ok=True)
        store = open_store(building)
        try:
            bulk.import_texts(store.db, [bulk.TextItem(f"zh:{i}", t) for i, t in enumerate(texts)], workers=workers)
            store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            store.close()
        for suffix in ("-wal", "-shm"):
            Path(f"{building}{suffix}").unlink(missing_ok=True)
        os.replace(building, final)
    open_store(final).close()  # migrated, untimed
    return final, texts


def raw_gram_expression(query: str) -> str:
    """The pair-table MATCH someone would write by hand: each word's pairs as a phrase."""
    from newsreader.text.scripts import is_gram_run, run_tokens

    parts = []
    for word in query.split():
        if not is_gram_run(word):
            parts.append(f'"{word}"')
        elif len(word) == 1:
            parts.append(f'"{word}"*')
        else:
            parts.append('"' + " ".join(run_tokens(word, ends=False)) + '"')
    return " AND ".join(parts)


RAW_GRAM_MATCH = (
    f"SELECT rowid, bm25(articles_grams, {ARTICLE_WEIGHTS}) AS rank FROM articles_grams "
    f"WHERE articles_grams MATCH ? ORDER BY rank LIMIT {LIMIT}"
)


def cjk_figures(cache: Path, n: int, runs: int, workers: int | None = None) -> list[Figure]:
    """Search latency for Chinese queries against a hand-written MATCH on the pair table."""
    store, texts = cjk_store(cache, n, workers)
    queries = cjk_queries(texts)
    library = Library.open(store)
    db = library.store.db

    def raw(query: str) -> list:
        ids = [r[0] for r in db.execute(RAW_GRAM_MATCH, [raw_gram_expression(query)])]
        marks = ",".join("?" for _ in ids)
        return db.execute(f"SELECT id, title, body FROM articles WHERE id IN ({marks})", ids).fetchall()

    try:
        hits = {k: len(library.search(q, limit=LIMIT)) for k, q in queries.items()}  # warm caches
        raw_hits = {k: len(raw(q)) for k, q in queries.items()}
        ours: dict[str, list[float]] = {k: [] for k in queries}
        floor: dict[str, list[float]] = {k: [] for k in queries}
        for _ in range(runs):
            for kind, query in queries.items():
                floor[kind].append(timed(lambda: raw(query)) * 1000)
                ours[kind].append(timed(lambda: library.search(query, limit=LIMIT)) * 1000)
    finally:
        library.close()
    return [
        Figure("Search", f"p95, {kind} `{query}`, N = {n:,} Chinese", percentile(ours[kind], 95),
               percentile(floor[kind], 95), "ms", "raw FTS5 MATCH on the pair table", "≤ 2x and < 50 ms", 2.0,
               ceiling=P95_CEILING_MS,
               detail=(f"p50 {median(ours[kind]):.2f} vs {median(floor[kind]):.2f} ms; "
                       f"{hits[kind]} vs {raw_hits[kind]} hits; {runs} runs"))
        for kind, query in queries.items()
    ]
