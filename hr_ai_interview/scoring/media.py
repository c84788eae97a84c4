"""One streaming pass over a recording with PyAV: sampled, downscaled grey frames go to a callback (never a list
of frames), audio is resampled to 16 kHz mono float32. Browser recordings carry no duration, so time comes from
frame timestamps and sample counts, never from container metadata (used only as a hint when present)."""
import os

import numpy as np

from .container import container_tail
from .errors import (EmptyMediaError, NotARecordingError, OverLengthError, TooShortError,
                     UndecodableMediaError)

SAMPLE_RATE = 16000
KEY_GAP = 1.05  # s: the longest key-frame interval sampled by key frames only (browser: 1 s)
# demuxers that open still images / image sequences: decodable, but not an answer recording
_IMAGE_FORMATS = ("image2", "png_pipe", "jpeg_pipe", "gif", "webp_pipe", "bmp_pipe", "tiff_pipe", "svg_pipe",
                  "apng", "gif_pipe", "pam_pipe", "ppm_pipe", "pgm_pipe")
_IMAGE_CODECS = ("png", "mjpeg", "gif", "bmp", "tiff", "webp", "apng")


class MediaInfo(dict):
    """Plain dict (JSON-able) plus the audio array kept out of the JSON view."""

    audio = None


def _frame_time(frame, stream, index):
    if frame.time is not None:
        return float(frame.time)
    rate = float(stream.average_rate or stream.guessed_rate or 30)
    return index / rate


_PLANAR_YUV = ("yuv420p", "yuvj420p", "yuv422p", "yuvj422p", "yuv444p", "yuvj444p", "nv12")


def _grey(frame, width, height):
    """Luma plane of a YUV frame *is* the grey image: read it directly and shrink with cv2 (INTER_AREA),
    ~8x cheaper than swscale's reformat to grey."""
    if frame.format.name in _PLANAR_YUV:
        import cv2
        plane = frame.planes[0]
        y = np.frombuffer(plane, np.uint8).reshape(-1, plane.line_size)[: frame.height, : frame.width]
        if (width, height) == (frame.width, frame.height):
            return y.copy()
        return cv2.resize(y, (width, height), interpolation=cv2.INTER_AREA)
    return frame.reformat(width=width, height=height, format="gray").to_ndarray()


def _open(path):
    if not path or not os.path.exists(path):
        raise UndecodableMediaError("media file not found: %s" % path)
    if os.path.getsize(path) == 0:
        raise EmptyMediaError("the media file is empty (0 bytes)")
    import av
    try:
        return av.open(path, mode="r")
    except Exception as exc:  # FFmpeg says "Invalid data", "not a known format", …
        reason = getattr(exc, "strerror", None) or str(exc).splitlines()[0][:120]
        raise UndecodableMediaError("the file is not a readable audio/video recording (%s)" % reason) from None


def decode_media(path, frame_sink=None, want_video=True, want_audio=True, sample_fps=2.0, frame_width=320,
                 min_seconds=1.0, max_seconds=900.0):
    """Decode `path` once. frame_sink(t_seconds, grey_uint8_array) receives sampled frames when want_video.
    Returns MediaInfo with has_audio/has_video/width/height/duration/truncated/… and `.audio` (float32 16 kHz)."""
    import av

    container = _open(path)
    try:
        return _decode(container, av, frame_sink, want_video, want_audio, sample_fps, frame_width,
                       min_seconds, max_seconds)
    finally:
        container.close()


def _decode(container, av, frame_sink, want_video, want_audio, sample_fps, frame_width, min_seconds, max_seconds):
    vstream = container.streams.video[0] if container.streams.video else None
    astream = container.streams.audio[0] if container.streams.audio else None
    fmt = (container.format.name or "").split(",")[0]
    if vstream is None and astream is None:
        raise NotARecordingError("the file has neither an audio nor a video track")
    if astream is None and (fmt in _IMAGE_FORMATS or (vstream.codec_context.name in _IMAGE_CODECS
                                                       and fmt not in ("matroska", "mov"))):
        raise NotARecordingError("the file is a still image, not a recording")
    hint = container.duration / 1e6 if container.duration else None
    if hint and max_seconds and hint > max_seconds + 1:
        raise OverLengthError("the recording lasts %.0f s, more than the %.0f s allowed" % (hint, max_seconds))

    info = MediaInfo(format=fmt, has_audio=astream is not None, has_video=vstream is not None,
                     width=0, height=0, video_codec=None, audio_codec=None, duration=0.0,
                     duration_hint=hint, truncated=False, decode_errors=0,
                     video_frames=0, frames_sampled=0, audio_seconds=0.0)
    streams = []
    if vstream is not None:
        info.update(width=vstream.codec_context.width, height=vstream.codec_context.height,
                    video_codec=vstream.codec_context.name)
        vstream.thread_type = "AUTO"  # frame threads: decode dominates the cost of a video answer
        if want_video:
            streams.append(vstream)
    if astream is not None:
        info["audio_codec"] = astream.codec_context.name
        if want_audio:
            streams.append(astream)
    if not streams:  # e.g. text-only policy on a video without sound: only the header was needed
        info.audio = np.zeros(0, np.float32)
        return info

    resampler = av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE) if astream else None
    pcm, n_audio = bytearray(), 0  # grows in place (mremap): no list of chunks + concatenate double peak
    step = 1.0 / sample_fps if sample_fps else None
    next_t, last_vt, vindex = 0.0, 0.0, 0
    fw = fh = None

    def _sample_frames(frames):
        nonlocal next_t, fw, fh, last_vt
        for frame in frames:
            t = _frame_time(frame, vstream, vindex)
            last_vt = max(last_vt, t)
            if frame_sink is not None and step is not None and t + 1e-6 >= next_t:
                if fw is None:
                    fw = min(frame_width, frame.width) if frame_width else frame.width
                    fh = max(2, int(round(frame.height * fw / frame.width / 2)) * 2)
                frame_sink(t, _grey(frame, fw, fh))
                info["frames_sampled"] += 1
                next_t = max(next_t + step, t + step / 2)

    def add_audio(frames):
        nonlocal n_audio
        for f in frames:  # packed float32 mono: the plane's first samples*4 bytes are the PCM (the rest pads);
            pcm.extend(memoryview(f.planes[0])[: f.samples * 4])  # one copy, 1/3 the cpu of to_ndarray + tobytes
            n_audio += f.samples

    # Decode only what is analysed: VP8/VP9/H.264 key frames decode on their own, so while key frames come at
    # least every KEY_GAP s (browsers with videoKeyFrameIntervalDuration: 1000) the frames between them are
    # held undecoded and dropped at the next key frame; samples are then the key frames (~1 per second).
    # When key frames are sparser, the held packets are decoded after all and sampling runs at sample_fps.
    held, key_t, lazy = [], None, frame_sink is not None
    vbase = float(vstream.time_base) if vstream is not None and vstream.time_base else None

    def decode(packet):
        try:
            return packet.decode()
        except (av.error.FFmpegError, ValueError):  # one damaged packet: count it, go on
            info["decode_errors"] += 1
            return ()

    try:
        for packet in container.demux(streams):
            if packet.stream.type == "video" and packet.size:
                vindex += 1
                pt = packet.pts * vbase if packet.pts is not None and vbase else None
                if pt is not None:
                    last_vt = max(last_vt, pt)
                    if max_seconds and pt > max_seconds + 1:
                        raise OverLengthError("the recording is longer than the %.0f s allowed" % max_seconds)
                if lazy and packet.is_keyframe:
                    held.clear()
                    key_t = pt
                elif lazy and key_t is not None and pt is not None and pt - key_t <= KEY_GAP:
                    held.append(packet)
                    continue
                elif held:  # key frames too far apart: decode what was held after all
                    pending, held[:] = list(held), []
                    for p in pending:
                        _sample_frames(decode(p))
            frames = decode(packet)
            if packet.stream.type == "audio":
                for frame in frames:
                    add_audio(resampler.resample(frame))
                    t = n_audio / SAMPLE_RATE
                    if max_seconds and t > max_seconds + 1:
                        raise OverLengthError("the recording is longer than the %.0f s allowed" % max_seconds)
            else:
                _sample_frames(frames)
    except (av.error.InvalidDataError, av.error.EOFError, av.error.OSError) as exc:
        # a cut-off upload: keep what decoded, flag it
        info["truncated"] = True
        info["truncation_reason"] = str(exc).splitlines()[0][:120]
    if resampler is not None and astream in streams:
        try:
            add_audio(resampler.resample(None))  # flush, or the tail is lost
        except Exception:
            pass

    info["video_frames"] = vindex
    info.audio = np.frombuffer(pcm, np.float32) if n_audio else np.zeros(0, np.float32)
    info["audio_seconds"] = round(n_audio / SAMPLE_RATE, 3)
    duration = max(last_vt + (1.0 / float(vstream.average_rate) if vstream is not None and vindex
                              and vstream.average_rate else 0.0), n_audio / SAMPLE_RATE)
    info["duration"] = round(duration, 3)
    if vindex == 0 and n_audio == 0:
        if info["truncated"] or info["decode_errors"]:
            raise UndecodableMediaError("no audio or video could be decoded from the file")
        raise TooShortError("the recording contains no audio or video data")
    if hint and duration < 0.9 * hint - 0.5:
        info["truncated"] = True
        info.setdefault("truncation_reason", "decoded %.1f s of %.1f s announced" % (duration, hint))
    info["file_size"] = _file_size(container)
    if not info["truncated"]:
        _check_tail(info, container.name, fmt, {s.type for s in streams})
    if info["decode_errors"] and not info["truncated"]:
        info["truncated"] = True
        info["truncation_reason"] = "%d damaged packets skipped" % info["decode_errors"]
    if min_seconds and duration < min_seconds:
        raise TooShortError("the recording lasts %.1f s, less than the %.1f s needed" % (duration, min_seconds))
    return info


def _check_tail(info, path, fmt, analysed):
    """MediaRecorder files carry no cues or duration to compare with: whether the file was cut is read from
    the container itself. A cut block of a track that was not analysed (video under an audio-only policy)
    leaves every analysed sample intact, so it does not make the answer "truncated"."""
    try:
        cut = container_tail(path, fmt)
    except (OSError, TypeError):
        return
    if cut is None:
        return
    if cut["kind"] is not None and cut["kind"] not in analysed:
        info["tail_cut"] = cut["kind"]  # said, not flagged
        return
    info["truncated"] = True
    info["truncation_reason"] = "file ends inside a %s (%d bytes missing)" % (cut["element"], cut["missing"])


def _file_size(container):
    try:
        return os.path.getsize(container.name)
    except (OSError, TypeError):
        return None
