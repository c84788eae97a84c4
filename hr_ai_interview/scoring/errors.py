"""Typed, permanent input errors. The caller (job runner, CLI) maps `.code` to a user message; none of these
is worth a retry because the same file will fail the same way."""


class ScoringError(Exception):
    code = "error"

    def __init__(self, message, code=None):
        super().__init__(message)
        if code:
            self.code = code
        self.message = message

    def to_dict(self):
        return {"code": self.code, "message": self.message}


class EmptyMediaError(ScoringError):
    code = "empty"


class UndecodableMediaError(ScoringError):
    code = "undecodable"


class NotARecordingError(ScoringError):
    code = "not_a_recording"


class TooShortError(ScoringError):
    code = "too_short"


class OverLengthError(ScoringError):
    code = "over_length"
