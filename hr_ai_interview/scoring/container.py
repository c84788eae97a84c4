# Part of hr_ai_interview. License LGPL-3.
"""Does a recording really end mid-block? A walk over the container's element/box headers (never the media data),
so "truncated" is a fact about the file, not a guess from how many bytes the demuxer happened to turn into packets.

Matroska/WebM (MediaRecorder writes clusters and the segment with *unknown* sizes, so a cut can only be seen at the
last element) and ISO BMFF (MP4/MOV, fragmented or not). Returns None when the file ends on an element boundary,
else a dict: {"element": name, "track": Matroska track number or None, "kind": "audio" | "video" | None (the
cut block's track type), "missing": bytes the element lacks}."""
import os

# Matroska element IDs (with their length marker bits, as they appear in the file)
_EBML, _SEGMENT, _CLUSTER = 0x1A45DFA3, 0x18538067, 0x1F43B675
_SIMPLE_BLOCK, _BLOCK_GROUP, _BLOCK = 0xA3, 0xA0, 0xA1
_SEGMENT_CHILDREN = {0x114D9B74: "SeekHead", 0x1549A966: "Info", 0x1654AE6B: "Tracks", 0x1C53BB6B: "Cues",
                     _CLUSTER: "Cluster", 0x1254C367: "Tags", 0x1043A770: "Chapters", 0x1941A469: "Attachments",
                     0xEC: "Void", 0xBF: "CRC-32"}
_UNKNOWN = -1


def _vint(buf, pos, keep_marker):
    """(value, length) of the EBML variable-size integer at buf[pos], or None when buf ends inside it."""
    if pos >= len(buf):
        return None
    first = buf[pos]
    length = 1
    while length <= 8 and not first & (0x80 >> (length - 1)):
        length += 1
    if length > 8 or pos + length > len(buf):
        return None
    value = first if keep_marker else first & ((0x80 >> (length - 1)) - 1)
    for b in buf[pos + 1: pos + length]:
        value = (value << 8) | b
    if not keep_marker and value == (1 << (7 * length)) - 1:
        value = _UNKNOWN  # all ones: size unknown (live recording)
    return value, length


def _header(buf, pos):
    """(id, size, data_start) of the element at pos, or None when the file ends inside its header."""
    head = buf[pos:pos + 12]  # one read: an ID (<= 4 bytes) and a size (<= 8) are all a header holds
    ident = _vint(head, 0, True)
    if ident is None:
        return None
    size = _vint(head, ident[1], False)
    if size is None:
        return None
    return ident[0], size[0], pos + ident[1] + size[1]


def _block_track(buf, data_start, ident):
    """Track number of a (possibly partial) SimpleBlock / BlockGroup, None when the cut hides it."""
    if ident == _SIMPLE_BLOCK:
        track = _vint(buf, data_start, False)
        return track[0] if track else None
    head = _header(buf, data_start)  # BlockGroup: the Block comes first in what browsers and FFmpeg write
    if head and head[0] == _BLOCK:
        track = _vint(buf, head[2], False)
        return track[0] if track else None
    return None


def _cut(element, track, end, size, kinds=None):
    return {"element": element, "track": track, "kind": (kinds or {}).get(track), "missing": end - size}


_TRACK_TYPES = {1: "video", 2: "audio"}


def _track_kinds(buf, start, end):
    """{track number: "video" | "audio"} from the Tracks element's TrackEntry children."""
    kinds, pos = {}, start
    while pos < end:
        head = _header(buf, pos)
        if head is None or head[1] == _UNKNOWN:
            break
        if head[0] == 0xAE:  # TrackEntry
            number = kind = None
            child, stop = head[2], head[2] + head[1]
            while child < stop:
                sub = _header(buf, child)
                if sub is None or sub[1] == _UNKNOWN:
                    break
                if sub[0] in (0xD7, 0x83):  # TrackNumber, TrackType: unsigned integers
                    value = int.from_bytes(buf[sub[2]:sub[2] + sub[1]], "big")
                    if sub[0] == 0xD7:
                        number = value
                    else:
                        kind = _TRACK_TYPES.get(value)
                child = sub[2] + sub[1]
            if number is not None:
                kinds[number] = kind
        pos = head[2] + head[1]
    return kinds


def matroska_tail(buf):
    size = len(buf)
    head = _header(buf, 0)
    if not head or head[0] != _EBML:
        return None  # not Matroska: nothing to say
    pos = head[2] + max(head[1], 0)
    head = _header(buf, pos)
    while head and head[0] != _SEGMENT:  # tolerate Void padding before the segment
        if head[1] == _UNKNOWN:
            return None
        pos = head[2] + head[1]
        head = _header(buf, pos)
    if not head:
        return _cut("Segment header", None, pos + 12, size) if pos < size else None
    pos = head[2]
    short = None  # a known-size segment or cluster that the file ends before
    if head[1] != _UNKNOWN and head[2] + head[1] > size:
        short = _cut("Segment", None, head[2] + head[1], size)
    cluster_end = None  # end of the current cluster (size when its size is unknown)
    kinds = {}
    while pos < size:
        head = _header(buf, pos)
        if head is None:
            return _cut("element header", None, pos + 12, size)
        ident, length, data = head
        if ident == _CLUSTER:
            cluster_end = size if length == _UNKNOWN else data + length
            if cluster_end > size:  # the walk inside finds a cut block; else the cluster ends early
                short = _cut("Cluster", None, cluster_end, size)
                cluster_end = size
            pos = data
            continue
        inside_cluster = cluster_end is not None and pos < cluster_end and ident not in _SEGMENT_CHILDREN
        if length == _UNKNOWN:
            return None  # an unknown-size element other than a cluster: nothing more can be checked
        end = data + length
        if end > size:
            if inside_cluster and ident in (_SIMPLE_BLOCK, _BLOCK_GROUP):
                return _cut("SimpleBlock" if ident == _SIMPLE_BLOCK else "BlockGroup",
                            _block_track(buf, data, ident), end, size, kinds)
            return _cut(_SEGMENT_CHILDREN.get(ident, "element 0x%X" % ident), None, end, size)
        if ident == 0x1654AE6B:  # Tracks
            kinds = _track_kinds(buf, data, end)
        if not inside_cluster:
            cluster_end = None
        pos = end
    return short


def mp4_tail(buf):
    size, pos = len(buf), 0
    if size < 8 or buf[4:8] not in (b"ftyp", b"moov", b"mdat", b"free", b"wide", b"skip", b"styp"):
        return None  # not ISO BMFF
    while pos < size:
        if pos + 8 > size:
            return _cut("box header", None, pos + 8, size)
        length, kind = int.from_bytes(buf[pos:pos + 4], "big"), buf[pos + 4:pos + 8].decode("latin-1")
        if length == 1:
            if pos + 16 > size:
                return _cut("box header", None, pos + 16, size)
            length = int.from_bytes(buf[pos + 8:pos + 16], "big")
        elif length == 0:
            return None  # box runs to the end of the file by definition
        if length < 8:
            return _cut("damaged box", None, size + 1, size)
        if pos + length > size:
            return _cut(kind, None, pos + length, size)
        pos += length
    return None


class _Headers:
    """Bytes of a file read lazily where the walk looks: one small pread at each element/box header (a
    12-byte Matroska header + a block's track number fit in WINDOW), never the payloads it seeks over. Pages
    of 64 KB read nearly every byte of a WebM, whose blocks are a few KB apart."""

    WINDOW = 32

    def __init__(self, path):
        self._fd = os.open(path, os.O_RDONLY)
        self._size = os.fstat(self._fd).st_size
        self._start, self._bytes = 0, b""

    def __len__(self):
        return self._size

    def _at(self, start, stop):
        """buf[start:stop], from the current window when it holds it, else one read from start."""
        if not (self._start <= start and stop <= self._start + len(self._bytes)):
            self._start = start
            self._bytes = os.pread(self._fd, max(self.WINDOW, stop - start), start)
        return self._bytes[start - self._start: stop - self._start]

    def __getitem__(self, key):
        if isinstance(key, slice):
            start, stop = max(key.start or 0, 0), min(key.stop if key.stop is not None else self._size, self._size)
            return self._at(start, stop) if start < stop else b""
        if key < 0 or key >= self._size:
            raise IndexError(key)
        return self._at(key, key + 1)[0]

    def close(self):
        os.close(self._fd)


def container_tail(path, fmt):
    """The cut at the end of `path` (see module doc) for format names as FFmpeg reports them, else None."""
    walker = matroska_tail if fmt in ("matroska", "webm") else mp4_tail if fmt in ("mov", "mp4") else None
    if walker is None:
        return None
    buf = _Headers(path)
    try:
        return walker(buf)
    finally:
        buf.close()
