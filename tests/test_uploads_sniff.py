"""Container sniffing: only real WebM/MP4 (video) and also Ogg/WAV (audio) recordings are accepted."""
import pytest

from uploads import UnsupportedTypeError, check_type, sniff_container

WEBM = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81"
MP4 = b"\x00\x00\x00\x1cftypisom\x00\x00\x02\x00"
OGG = b"OggS\x00\x02\x00\x00\x00\x00\x00\x00"
WAV = b"RIFF\x24\x08\x00\x00WAVEfmt "


@pytest.mark.parametrize("head,expected", [(WEBM, "webm"), (MP4, "mp4"), (OGG, "ogg"), (WAV, "wav"),
                                           (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", None), (b"", None),
                                           (b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0d", None)])
def test_sniff(head, expected):
    assert sniff_container(head) == expected


def test_check_type_per_mode():
    assert check_type(WEBM, "video") == "video/webm"
    assert check_type(MP4, "video") == "video/mp4"
    assert check_type(WEBM, "audio") == "audio/webm"
    assert check_type(WAV, "audio") == "audio/wav"
    with pytest.raises(UnsupportedTypeError) as err:
        check_type(WAV, "video")
    assert "WAV" in err.value.message and "WEBM" in err.value.message
    with pytest.raises(UnsupportedTypeError) as err:
        check_type(b"%PDF-1.7", "video")
    assert "unknown format" in err.value.message
