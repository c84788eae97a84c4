"""Browser recordings (MediaRecorder WebM) carry no Duration and no Cues: players show 0:00 and cannot seek.
`make_seekable` stream-copies the file (no re-encoding) into a seekable file, where FFmpeg's Matroska muxer
writes both at the end, and measures the duration from the packets. MP4 (Safari) already has a duration
in its header: it is only measured."""
import logging

_logger = logging.getLogger(__name__)

REMUX_FORMATS = {"video/webm": "webm", "audio/webm": "webm"}


def _span(packet):
    """End time of a packet in seconds, or None for packets without timestamps (flush packets)."""
    if packet.pts is None or packet.stream.time_base is None:
        return None
    return float((packet.pts + (packet.duration or 0)) * packet.stream.time_base)


def measure_duration(path):
    """Seconds of media in `path` (longest stream), from the packets; None when the file cannot be read."""
    import av
    try:
        with av.open(path) as inp:
            end = 0.0
            for packet in inp.demux():
                t = _span(packet)
                end = max(end, t) if t is not None else end
            return round(end, 3) if end > 0 else None
    except (av.FFmpegError, OSError, ValueError) as exc:
        _logger.info("duration of a recording could not be measured: %s", exc)
        return None


def make_seekable(src, dst, mimetype):
    """Write a copy of `src` with Duration and Cues to `dst`; returns (path to keep, duration in seconds).

    Returns `src` when it needs no remux (its header has a duration already: MP4, or WebM written by a
    seekable muxer) or when remuxing fails: the candidate's recording is never lost over a missing duration."""
    import av
    try:
        with av.open(src) as probe:
            known = probe.duration  # in AV_TIME_BASE units (microseconds), None for MediaRecorder files
    except (av.FFmpegError, OSError, ValueError) as exc:
        _logger.warning("recording kept as uploaded, it cannot be read: %s", exc)
        return src, None
    if known is not None:
        return src, round(known / 1e6, 3)
    fmt = REMUX_FORMATS.get(mimetype)
    if not fmt:
        return src, measure_duration(src)
    end, muxed = 0.0, 0
    try:
        with av.open(src) as inp, av.open(dst, "w", format=fmt) as out:
            streams = {s.index: out.add_stream_from_template(s) for s in inp.streams if s.type in ("video", "audio")}
            for packet in inp.demux():
                target = streams.get(packet.stream.index)
                if target is None or packet.dts is None:
                    continue  # flush packets and streams the players do not need
                t = _span(packet)
                end = max(end, t) if t is not None else end
                packet.stream = target
                out.mux(packet)
                muxed += 1
    except (av.FFmpegError, OSError, ValueError) as exc:
        _logger.warning("recording kept as uploaded, remux failed: %s", exc)
        return src, None
    if not muxed:  # nothing readable: an empty copy must never replace what the candidate sent
        return src, None
    return dst, (round(end, 3) if end > 0 else None)
