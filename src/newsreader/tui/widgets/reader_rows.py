"""Counting the reader's rows before they are wrapped (no Textual).

A lazy layout knows exact row counts only for the blocks it has wrapped; the
others count as an estimate (`estimate_rows`). `RowIndex` keeps the running
totals so that both kinds of count can be corrected one block at a time.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["RowIndex", "chars_per_row", "estimate_rows"]


class RowIndex:
    """Running totals of per-block row counts (a Fenwick tree).

    Changing one block's count, the first row of a block (`top`) and the block
    showing a row (`find`) all take O(log n), so a 10,000-block article can be
    corrected block by block as its estimates become exact.
    """

    __slots__ = ("_high", "_n", "_tree", "total")

    def __init__(self, sizes: Sequence[int]) -> None:
        n = len(sizes)
        tree = [0, *sizes]
        for i in range(1, n + 1):
            parent = i + (i & -i)
            if parent <= n:
                tree[parent] += tree[i]
        self._tree = tree
        self._n = n
        self._high = 1 << (n.bit_length() - 1) if n else 0
        self.total = sum(sizes)

    def add(self, k: int, delta: int) -> None:
        """Add `delta` rows to block `k`."""
        self.total += delta
        tree, n = self._tree, self._n
        i = k + 1
        while i <= n:
            tree[i] += delta
            i += i & -i

    def top(self, k: int) -> int:
        """The rows of blocks before block `k`: its first row."""
        tree = self._tree
        rows = 0
        while k:
            rows += tree[k]
            k &= k - 1
        return rows

    def find(self, row: int) -> tuple[int, int]:
        """(block, rows into it) of `row`, for 0 <= row < total; every count must be > 0."""
        tree, n = self._tree, self._n
        k = 0
        bit = self._high
        while bit:
            nxt = k + bit
            if nxt <= n and tree[nxt] <= row:
                k = nxt
                row -= tree[nxt]
            bit >>= 1
        return k, row


def chars_per_row(measure: int) -> int:
    """The characters an estimate puts on one row of `measure` cells."""
    # Word wrapping leaves about half a word free at the end of each row.
    return max(1, measure - min(4, measure // 4))


def estimate_rows(length: int, measure: int) -> int:
    """A guess at the rows a block of `length` characters wraps to, before wrapping it."""
    return -(-length // chars_per_row(measure)) or 1
