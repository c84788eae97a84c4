"""Chunk store: idempotent, out-of-order chunk writes, missing list, streaming assembly with SHA-256 check."""
import hashlib
import io
import os

import pytest

from uploads import (ChecksumMismatchError, ChunkConflictError, ChunkStore, IncompleteUploadError, Limits,
                     TooLargeError, UploadError)
from uploads.store import _ranges

UID = "0123456789abcdef0123456789abcdef"


def sha(b):
    return hashlib.sha256(b).hexdigest()


def split(data, size):
    return [data[i:i + size] for i in range(0, len(data), size)]


@pytest.fixture
def data():
    return os.urandom(300 * 1024 + 17)


@pytest.fixture
def store(tmp_path):
    return ChunkStore(str(tmp_path), UID, Limits(min_chunk=1024))


def test_out_of_order_then_assemble(store, data, tmp_path):
    chunks = split(data, 64 * 1024)
    for i in reversed(range(len(chunks))):
        assert store.write_chunk(i, io.BytesIO(chunks[i]), sha(chunks[i])) is True
    assert store.received() == list(range(len(chunks)))
    out = str(tmp_path / "out.webm")
    res = store.assemble(len(chunks), out, sha(data), len(data), {"sha1": hashlib.sha1()})
    assert open(out, "rb").read() == data
    assert res["sha256"] == sha(data) and res["size"] == len(data)
    assert res["sha1"] == hashlib.sha1(data).hexdigest()


def test_duplicate_same_content_is_noop(store):
    chunk = b"x" * 2048
    assert store.write_chunk(0, io.BytesIO(chunk), sha(chunk)) is True
    mtime = os.path.getmtime(store.chunk_path(0))
    assert store.write_chunk(0, io.BytesIO(chunk), sha(chunk)) is False
    assert os.path.getmtime(store.chunk_path(0)) == mtime
    assert store.received() == [0]


def test_duplicate_different_content_conflicts(store):
    a, b = b"a" * 2048, b"b" * 2048
    store.write_chunk(3, io.BytesIO(a), sha(a))
    with pytest.raises(ChunkConflictError) as err:
        store.write_chunk(3, io.BytesIO(b), sha(b))
    assert err.value.details["index"] == 3
    assert open(store.chunk_path(3), "rb").read() == a  # the stored chunk is untouched


def test_chunk_checksum_mismatch_leaves_nothing(store):
    with pytest.raises(ChecksumMismatchError):
        store.write_chunk(0, io.BytesIO(b"abc" * 1000), sha(b"other"))
    assert store.received() == []
    assert not [n for n in os.listdir(store.dir) if n.endswith(".part")]


def test_chunk_size_limits(store):
    chunk = b"z" * 5000
    with pytest.raises(TooLargeError):
        store.write_chunk(0, io.BytesIO(chunk), sha(chunk), expected_size=4096)
    with pytest.raises(UploadError) as err:
        store.write_chunk(0, io.BytesIO(chunk), sha(chunk), expected_size=6000)
    assert err.value.code == "bad_chunk_size"
    assert store.received() == []


def test_missing_and_incomplete(store, data, tmp_path):
    chunks = split(data, 64 * 1024)
    for i in (0, 2, 4):
        store.write_chunk(i, io.BytesIO(chunks[i]), sha(chunks[i]))
    assert store.missing(len(chunks)) == [1, 3]
    out = str(tmp_path / "o")
    with pytest.raises(IncompleteUploadError) as err:
        store.assemble(len(chunks), out, sha(data))
    assert err.value.details["missing"] == [1, 3]
    assert not os.path.exists(out)


def test_whole_file_checksum_mismatch(store, tmp_path):
    chunks = [b"1" * 2048, b"2" * 2048]
    for i, c in enumerate(chunks):
        store.write_chunk(i, io.BytesIO(c), sha(c))
    out = str(tmp_path / "o")
    with pytest.raises(ChecksumMismatchError):
        store.assemble(2, out, sha(b"something else"))
    assert not os.path.exists(out)
    assert not [n for n in os.listdir(tmp_path) if n.startswith("o.")]


def test_plan_limits():
    lim = Limits(max_total=10 * 1024 * 1024, max_chunk=1024 * 1024, min_chunk=64 * 1024)
    assert lim.check_plan(3 * 1024 * 1024 + 1, 1024 * 1024) == 4
    with pytest.raises(TooLargeError):
        lim.check_plan(11 * 1024 * 1024, 1024 * 1024)
    with pytest.raises(UploadError):
        lim.check_plan(0, 1024 * 1024)
    with pytest.raises(UploadError):
        lim.check_plan(1024, 2 * 1024 * 1024)


def test_bad_ids_and_checksums(tmp_path):
    with pytest.raises(ValueError):
        ChunkStore(str(tmp_path), "../../etc")
    store = ChunkStore(str(tmp_path), UID)
    with pytest.raises(UploadError):
        store.write_chunk(0, io.BytesIO(b"x"), "not-a-sha")
    with pytest.raises(UploadError):
        store.write_chunk(-1, io.BytesIO(b"x"), sha(b"x"))


def test_purge_and_cleanup(tmp_path):
    old = ChunkStore(str(tmp_path), UID)
    old.write_chunk(0, io.BytesIO(b"x"), sha(b"x"))
    os.utime(old.dir, (1, 1))
    young = ChunkStore(str(tmp_path), "f" * 32)
    young.write_chunk(0, io.BytesIO(b"y"), sha(b"y"))
    assert ChunkStore.purge_older_than(str(tmp_path), 3600) == [UID]
    assert not os.path.exists(old.dir) and os.path.exists(young.dir)
    young.cleanup()
    assert not os.path.exists(young.dir)


def test_ranges():
    assert _ranges([0, 1, 2, 5, 7, 8]) == "0-2, 5, 7-8"


def test_disk_full_during_a_chunk_write_leaves_nothing_and_the_chunk_can_be_sent_again(tmp_path, data):
    """A real process whose file writes fail past 64 KiB (RLIMIT_FSIZE: what a full disk looks like to it)."""
    import subprocess
    import sys
    import textwrap

    piece = data[:200 * 1024]
    script = textwrap.dedent("""
        import io, resource, signal, sys
        sys.path.insert(0, %r)
        from uploads import ChunkStore, Limits, UploadError
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get EFBIG instead of being killed
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))
        store = ChunkStore(%r, %r, Limits(min_chunk=1024))
        try:
            store.write_chunk(0, io.BytesIO(sys.stdin.buffer.read()), %r)
        except UploadError as exc:
            print(exc.code, exc.message)
    """) % (os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "hr_ai_interview"),
            str(tmp_path), UID, sha(piece))
    out = subprocess.run([sys.executable, "-c", script], input=piece, capture_output=True, timeout=60)
    assert out.stdout.decode().startswith("storage_unavailable Piece 0"), out
    store = ChunkStore(str(tmp_path), UID, Limits(min_chunk=1024))
    assert store.received() == [] and not [n for n in os.listdir(store.dir) if n.endswith(".part")]
    assert store.write_chunk(0, io.BytesIO(piece), sha(piece)) is True  # resumable: sent again, stored
    assert store.received() == [0]
