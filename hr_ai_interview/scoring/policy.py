"""Which analyses a result may contain. EU AI Act Art. 5(1)(f) forbids emotion recognition from face or voice in
hiring, so 'no-affect' must not *compute* voice-tone or visual features at all (not merely hide them)."""
from dataclasses import dataclass

POLICIES = ("full", "no-affect", "text-only")


@dataclass(frozen=True)
class Policy:
    name: str
    speech_fluency: bool  # speaking rate, pauses: about delivery, not emotion
    speech_affect: bool  # pitch and loudness: tone of voice
    vision: bool  # face presence, gaze, movement

    def to_dict(self):
        return {"name": self.name, "speech_fluency": self.speech_fluency,
                "speech_affect": self.speech_affect, "vision": self.vision}


_TABLE = {
    "full": Policy("full", True, True, True),
    "no-affect": Policy("no-affect", True, False, False),
    "text-only": Policy("text-only", False, False, False),
}


def get_policy(name):
    if isinstance(name, Policy):
        return name
    key = (name or "full").strip().lower().replace("_", "-")
    if key not in _TABLE:
        raise ValueError("unknown policy %r (expected one of %s)" % (name, ", ".join(POLICIES)))
    return _TABLE[key]
