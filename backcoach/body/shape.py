"""Body proportions: segment lengths and offsets as fractions of standing height.

Lengths follow the Drillis & Contini proportions tabulated by Winter
(Biomechanics and Motor Control of Human Movement): thigh 0.245 H, shank 0.246 H,
ankle height 0.039 H, foot 0.152 H, upper arm 0.186 H, forearm 0.146 H, hand 0.108 H,
shoulder 0.818 H, hip joint 0.530 H. The spine is split into four segments so that
flexion can be spread along it; its offsets are chosen so that the shoulder and head
land at the tabulated heights.
"""

from __future__ import annotations

from dataclasses import dataclass

# Fractions of standing height (H). Offsets are (x: left, y: up, z: forward) in the
# frame of the segment they hang from, at the neutral standing pose.
THIGH = 0.245
SHANK = 0.246
UPPER_ARM = 0.186
FOREARM = 0.146
HIP_HALF_SPACING = 0.052  # hip joint centres ~18 cm apart at 1.72 m
SHOULDER_HALF_SPACING = 0.100  # shoulder joint centres ~34 cm apart at 1.72 m

PELVIS_TO_SACRUM = (0.0, 0.050, -0.020)
PELVIS_TO_FRONT = (0.0, 0.040, 0.045)  # the front of the pelvis, near the iliac spines
SACRUM_TO_LUMBAR = (0.0, 0.085, 0.000)  # lumbar point ~ L1
LUMBAR_TO_THORACIC = (0.0, 0.085, -0.005)  # thoracic point ~ T7
THORACIC_TO_NECK = (0.0, 0.088, -0.010)  # neck point ~ C7
NECK_TO_HEAD = (0.0, 0.100, 0.020)  # head centre
NECK_TO_SHOULDER = (SHOULDER_HALF_SPACING, -0.020, 0.025)  # x mirrored for the right side
HEAD_TO_TOP = (0.0, 0.062, 0.0)
HEAD_RADIUS = 0.062

# Face points relative to the head centre (x mirrored for the right side).
FACE = {
    "nose": (0.0, -0.003, 0.056),
    "eye_inner": (0.011, 0.012, 0.050),
    "eye": (0.019, 0.012, 0.048),
    "eye_outer": (0.027, 0.012, 0.044),
    "ear": (0.044, 0.002, 0.000),
    "mouth": (0.015, -0.022, 0.050),
}

# Hand knuckles relative to the wrist, in the forearm frame (palm facing the thigh).
HAND = {
    "index": (0.0, -0.050, 0.012),
    "pinky": (0.0, -0.045, -0.015),
    "thumb": (0.0, -0.030, 0.025),
}

# Foot points relative to the ankle, in the foot frame.
FOOT = {
    "heel": (0.0, -0.033, -0.030),
    "foot_index": (0.0, -0.033, 0.115),
}

# Soft-tissue radius around each point, used to put the body's lowest surface on the
# floor (a supine pelvis rests ~13 cm up, not at 0).
SURFACE_RADIUS = {
    "pelvis": 0.058,
    "sacrum": 0.052,
    "lumbar": 0.052,
    "thoracic": 0.050,
    "neck": 0.040,
    "head": HEAD_RADIUS,
    "shoulder": 0.030,
    "elbow": 0.022,
    "wrist": 0.018,
    "hand": 0.008,
    "hip": 0.050,
    "knee": 0.030,
    "ankle": 0.025,
    "foot": 0.006,
    "face": 0.006,
}


@dataclass(frozen=True)
class BodyShape:
    """A body's size: standing height plus optional width factors."""

    height_m: float = 1.72
    shoulder_width_factor: float = 1.0
    hip_width_factor: float = 1.0

    def __post_init__(self) -> None:
        if not 0.5 <= self.height_m <= 2.5:
            raise ValueError(f"height_m must be between 0.5 and 2.5, got {self.height_m}")
        for name in ("shoulder_width_factor", "hip_width_factor"):
            value = getattr(self, name)
            if not 0.5 <= value <= 2.0:
                raise ValueError(f"{name} must be between 0.5 and 2.0, got {value}")

    @property
    def thigh_m(self) -> float:
        return THIGH * self.height_m

    @property
    def shank_m(self) -> float:
        return SHANK * self.height_m

    @property
    def upper_arm_m(self) -> float:
        return UPPER_ARM * self.height_m

    @property
    def forearm_m(self) -> float:
        return FOREARM * self.height_m

    @property
    def head_radius_m(self) -> float:
        return HEAD_RADIUS * self.height_m
