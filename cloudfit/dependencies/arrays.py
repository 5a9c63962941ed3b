"""Graph primitives over integer arrays: adjacency, components, order.

The planner must handle 100,000 applications and 300,000 links in seconds,
so the hot path never builds a networkx graph: edges are two int64 arrays
(`src[k]` → `dst[k]`), components come from `scipy.sparse.csgraph`, and the
few steps that need an order (topological passes) are single O(V + E)
loops over plain lists.
"""

from __future__ import annotations

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components


def adjacency(n: int, src: np.ndarray, dst: np.ndarray) -> tuple[list[int], list[int]]:
    """CSR lists (indptr, indices): the `dst` of each node, in input order, as Python lists."""
    order = np.argsort(src, kind="stable")
    indptr = np.searchsorted(src[order], np.arange(n + 1))
    return indptr.tolist(), dst[order].tolist()


def components(n: int, src: np.ndarray, dst: np.ndarray, *, strong: bool) -> np.ndarray:
    """Component label of each node: strongly connected, or weakly (direction ignored)."""
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    matrix = coo_matrix((np.ones(len(src), dtype=np.int8), (src, dst)), shape=(n, n)).tocsr()
    _, labels = connected_components(matrix, directed=True, connection="strong" if strong else "weak")
    return labels.astype(np.int64)


def unique_pairs(src: np.ndarray, dst: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Distinct (src, dst) pairs without self-loops, sorted by src then dst."""
    keep = src != dst
    keys = np.unique(src[keep].astype(np.int64) * max(n, 1) + dst[keep])
    return keys // max(n, 1), keys % max(n, 1)


def _sweep(n: int, first: np.ndarray, then: np.ndarray, values: list, step: int | None) -> list:
    """One Kahn pass over a DAG with `first[k]` handled before `then[k]`.

    Each node passes its value on: `values[then] = max(values[then],
    values[first] + step)` (or without `+ step` when step is None). A
    single O(V + E) loop, whatever the depth of the graph.
    """
    indptr, targets = adjacency(n, first, then)
    waiting = np.bincount(then, minlength=n).tolist()
    queue = [u for u in range(n) if waiting[u] == 0]
    for u in queue:  # the list grows while it is read: a FIFO queue without a deque
        passed = values[u] if step is None else values[u] + step
        for k in range(indptr[u], indptr[u + 1]):
            v = targets[k]
            if values[v] < passed:
                values[v] = passed
            waiting[v] -= 1
            if waiting[v] == 0:
                queue.append(v)
    if len(queue) != n:
        raise ValueError("The graph has a cycle; condense strongly connected components first.")
    return values


def longest_chain(n: int, consumer: np.ndarray, provider: np.ndarray) -> np.ndarray:
    """Per node of a DAG, the number of links on its longest chain of providers."""
    return np.asarray(_sweep(n, provider, consumer, [0] * n, 1), dtype=np.int64)
