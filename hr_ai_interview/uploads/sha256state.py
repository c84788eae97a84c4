"""SHA-256 whose running state can be saved and resumed in another process.

Why: the whole-file checksum of an upload is computed while its chunks arrive, by whichever server process
receives each chunk; `hashlib` objects cannot be pickled, so the state between chunks is kept on disk.
OpenSSL's SHA256_CTX (public struct of <openssl/sha.h>, unchanged since 0.9.8: h[8], Nl, Nh, a 64-byte block
buffer, num, md_len) is driven through ctypes from the libcrypto that `hashlib` itself uses, and saved
field by field in big-endian order (portable between servers). Where those functions are missing
(`AVAILABLE` false), callers re-hash what they already have: slower, same result."""
import ctypes
import ctypes.util
import hashlib
import struct

_WORDS = struct.Struct(">10I")  # h[0..7], Nl, Nh
_TAIL = struct.Struct(">2I")  # num, md_len
_PREFIX = "v1:"


class _Ctx(ctypes.Structure):
    _fields_ = [("h", ctypes.c_uint32 * 8), ("Nl", ctypes.c_uint32), ("Nh", ctypes.c_uint32),
                ("data", ctypes.c_ubyte * 64), ("num", ctypes.c_uint32), ("md_len", ctypes.c_uint32)]


def _load():
    names = []
    try:
        import _hashlib  # the OpenSSL binding of hashlib: its libcrypto is already loaded
        names.append(_hashlib.__file__)
    except (ImportError, AttributeError):
        pass
    names.append(ctypes.util.find_library("crypto"))
    for name in filter(None, names):
        try:
            lib = ctypes.CDLL(name)
            funcs = lib.SHA256_Init, lib.SHA256_Update, lib.SHA256_Final
        except (OSError, AttributeError):
            continue
        for fn in funcs:
            fn.restype = ctypes.c_int
        funcs[1].argtypes = [ctypes.POINTER(_Ctx), ctypes.c_char_p, ctypes.c_size_t]
        if _selftest(funcs):
            return funcs
    return None


def _selftest(funcs):
    init, update, final = funcs
    data = bytes(range(256)) * 3
    ctx = _Ctx()
    init(ctypes.byref(ctx))
    update(ctypes.byref(ctx), data[:100], 100)
    ctx = _Ctx.from_buffer_copy(bytes(ctx))  # resumed from a copy, as after a save
    update(ctypes.byref(ctx), data[100:], len(data) - 100)
    out = ctypes.create_string_buffer(32)
    final(out, ctypes.byref(ctx))
    return out.raw == hashlib.sha256(data).digest()


_FUNCS = _load()
AVAILABLE = _FUNCS is not None


class ResumableSha256:
    """`update()`, `hexdigest()` (non-destructive) and `state()`/`ResumableSha256(state)` to save and resume."""

    def __init__(self, state=None):
        if not AVAILABLE:
            raise RuntimeError("OpenSSL's SHA256_* functions are not available")
        self._ctx = _Ctx()
        if state is None:
            _FUNCS[0](ctypes.byref(self._ctx))
        else:
            self._restore(state)

    def update(self, data):
        data = bytes(data)
        _FUNCS[1](ctypes.byref(self._ctx), data, len(data))

    def hexdigest(self):
        ctx = _Ctx.from_buffer_copy(bytes(self._ctx))
        out = ctypes.create_string_buffer(32)
        _FUNCS[2](out, ctypes.byref(ctx))
        return out.raw.hex()

    def state(self):
        c = self._ctx
        return _PREFIX + (_WORDS.pack(*c.h, c.Nl, c.Nh) + bytes(c.data) + _TAIL.pack(c.num, c.md_len)).hex()

    def _restore(self, state):
        """ValueError for anything that is not a state written by `state()`."""
        if not isinstance(state, str) or not state.startswith(_PREFIX):
            raise ValueError("unknown SHA-256 state format")
        raw = bytes.fromhex(state[len(_PREFIX):])
        if len(raw) != _WORDS.size + 64 + _TAIL.size:
            raise ValueError("truncated SHA-256 state")
        words = _WORDS.unpack_from(raw)
        num, md_len = _TAIL.unpack_from(raw, _WORDS.size + 64)
        if num >= 64 or md_len != 32:
            raise ValueError("invalid SHA-256 state")
        c = self._ctx
        c.h[:] = words[:8]
        c.Nl, c.Nh = words[8], words[9]
        c.data[:] = raw[_WORDS.size:_WORDS.size + 64]
        c.num, c.md_len = num, md_len
