"""Chunk store: idempotent, out-of-order chunk writes, missing list, the in-order file and its SHA-256 built as the
chunks arrive (resumable from disk by another process), completion without re-reading."""
import hashlib
import io
import json
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


def test_out_of_order_then_finish(store, data):
    chunks = split(data, 64 * 1024)
    for i in reversed(range(len(chunks))):
        assert store.write_chunk(i, io.BytesIO(chunks[i]), sha(chunks[i])) is True
    assert store.received() == list(range(len(chunks)))
    res = store.finish(len(chunks), sha(data), len(data))
    assert open(res["path"], "rb").read() == data
    assert res["sha256"] == sha(data) and res["size"] == len(data)


def test_in_order_chunks_are_appended_and_hashed_as_they_arrive(store, data, monkeypatch):
    chunks = split(data, 64 * 1024)
    store.write_chunk(0, io.BytesIO(chunks[0]), sha(chunks[0]))
    store.write_chunk(2, io.BytesIO(chunks[2]), sha(chunks[2]))
    assert os.path.getsize(store.assembled_path) == len(chunks[0])
    assert not os.path.exists(store.chunk_path(0)) and os.path.exists(store.chunk_path(2)), "2 waits for 1"
    store.write_chunk(1, io.BytesIO(chunks[1]), sha(chunks[1]))
    assert os.path.getsize(store.assembled_path) == sum(map(len, chunks[:3]))
    assert not [n for n in os.listdir(store.dir) if n.endswith(".chunk")]
    for i in range(3, len(chunks)):
        store.write_chunk(i, io.BytesIO(chunks[i]), sha(chunks[i]))
    # completion reads nothing: the digest comes from the state saved with the last chunk
    monkeypatch.setattr(store, "_extend_prefix", lambda: store._prefix())
    real_open = open

    def no_read_of_the_file(path, *a, **kw):
        assert path != store.assembled_path, "completion re-read the file"
        return real_open(path, *a, **kw)
    monkeypatch.setattr("builtins.open", no_read_of_the_file)
    assert store.finish(len(chunks), sha(data), len(data))["sha256"] == sha(data)


def test_another_process_resumes_the_hash_or_rehashes_a_lost_state(tmp_path, data):
    chunks = split(data, 64 * 1024)
    first = ChunkStore(str(tmp_path), UID, Limits(min_chunk=1024))
    first.write_chunk(0, io.BytesIO(chunks[0]), sha(chunks[0]))
    second = ChunkStore(str(tmp_path), UID, Limits(min_chunk=1024))  # another server: state from disk only
    second.write_chunk(1, io.BytesIO(chunks[1]), sha(chunks[1]))
    state = json.load(open(os.path.join(second.dir, "prefix.json")))
    state["sha256_state"] = None  # e.g. written where OpenSSL's SHA256_* are unavailable
    json.dump(state, open(os.path.join(second.dir, "prefix.json"), "w"))
    for i in range(2, len(chunks)):
        first.write_chunk(i, io.BytesIO(chunks[i]), sha(chunks[i]))
    assert first.finish(len(chunks), sha(data), len(data))["sha256"] == sha(data)


def test_bytes_of_an_append_that_died_before_saving_are_cut(store, data):
    chunks = split(data, 64 * 1024)
    store.write_chunk(0, io.BytesIO(chunks[0]), sha(chunks[0]))
    with open(store.assembled_path, "ab") as fh:
        fh.write(b"half of a chunk")  # the process was killed after writing, before saving prefix.json
    for i in range(1, len(chunks)):
        store.write_chunk(i, io.BytesIO(chunks[i]), sha(chunks[i]))
    res = store.finish(len(chunks), sha(data), len(data))
    assert open(res["path"], "rb").read() == data


def test_resent_chunk_of_the_prefix_is_recognised(store):
    a, b = b"a" * 2048, b"b" * 2048
    store.write_chunk(0, io.BytesIO(a), sha(a))
    assert store.write_chunk(0, io.BytesIO(a), sha(a)) is False
    with pytest.raises(ChunkConflictError):
        store.write_chunk(0, io.BytesIO(b), sha(b))
    assert store.received() == [0] and open(store.assembled_path, "rb").read() == a


def test_resumable_sha256_state_round_trip():
    from uploads import sha256state
    if not sha256state.AVAILABLE:
        pytest.skip("OpenSSL SHA256_* not available: the store re-hashes instead")
    data = os.urandom(10000)
    h = sha256state.ResumableSha256()
    h.update(data[:4097])
    resumed = sha256state.ResumableSha256(h.state())
    assert h.hexdigest() == sha(data[:4097]), "hexdigest does not end the running hash"
    resumed.update(data[4097:])
    assert resumed.hexdigest() == sha(data)
    for bad in ("v0:00", "v1:" + "00" * 10, h.state()[:-8] + "00000010"):
        with pytest.raises(ValueError):
            sha256state.ResumableSha256(bad)


def test_without_resumable_state_the_prefix_is_hashed_once(store, monkeypatch):
    """Where OpenSSL's SHA256_* are missing, chunks are appended unhashed and finish() reads the file once."""
    from uploads import sha256state
    import uploads.store as store_mod
    monkeypatch.setattr(sha256state, "AVAILABLE", False)
    reads = []
    real_open = open

    def counting_open(path, mode="r", *a, **kw):
        if path == store.assembled_path and "r" in mode and "b" in mode:
            reads.append(path)
        return real_open(path, mode, *a, **kw)
    monkeypatch.setattr(store_mod, "open", counting_open, raising=False)
    chunks = [os.urandom(2048) for _ in range(6)]
    for i, chunk in enumerate(chunks):
        store.write_chunk(i, io.BytesIO(chunk), sha(chunk))
    assert reads == [], "a chunk re-read the received prefix"
    data = b"".join(chunks)
    res = store.finish(len(chunks), sha(data), len(data))
    assert res["sha256"] == sha(data) and len(reads) == 1


def test_duplicate_same_content_is_noop(store):
    chunk = b"x" * 2048
    assert store.write_chunk(0, io.BytesIO(chunk), sha(chunk)) is True
    mtime = os.path.getmtime(store.assembled_path)
    assert store.write_chunk(0, io.BytesIO(chunk), sha(chunk)) is False
    assert os.path.getmtime(store.assembled_path) == mtime
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
    with pytest.raises(IncompleteUploadError) as err:
        store.finish(len(chunks), sha(data))
    assert err.value.details["missing"] == [1, 3]


def test_whole_file_checksum_and_size_mismatch(store):
    chunks = [b"1" * 2048, b"2" * 2048]
    for i, c in enumerate(chunks):
        store.write_chunk(i, io.BytesIO(c), sha(c))
    with pytest.raises(ChecksumMismatchError):
        store.finish(2, sha(b"something else"))
    with pytest.raises(UploadError) as err:
        store.finish(2, sha(b"".join(chunks)), 4097)
    assert err.value.code == "bad_size"
    assert store.finish(2, sha(b"".join(chunks)), 4096)["size"] == 4096


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


def test_concurrent_writers_of_one_upload_build_one_correct_file(tmp_path, data):
    """Threads here; other processes are excluded by the flock on the same path."""
    import random
    import threading
    chunks = split(data, 8 * 1024)
    order = list(range(len(chunks))) * 2  # every chunk sent twice
    random.Random(3).shuffle(order)
    errors = []

    def send(indexes):
        store = ChunkStore(str(tmp_path), UID, Limits(min_chunk=1024))  # one per request, as the model does
        for i in indexes:
            try:
                store.write_chunk(i, io.BytesIO(chunks[i]), sha(chunks[i]))
            except Exception as exc:  # noqa: BLE001 - collected for the assertion below
                errors.append(exc)
    threads = [threading.Thread(target=send, args=(order[k::6],)) for k in range(6)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert errors == []
    store = ChunkStore(str(tmp_path), UID, Limits(min_chunk=1024))
    assert open(store.finish(len(chunks), sha(data), len(data))["path"], "rb").read() == data
