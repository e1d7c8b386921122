"""Exercise illustrations drawn from the body model: animated SVG and print stills.

Pure: no Django. Reads the exercise's `illustration` keyframes (see timeline.py for how
keyframes map onto phases) and projects the body model with a fixed camera per view.
"""

from backcoach.illustrate.svg import animated_svg, key_poses, still_svg
from backcoach.illustrate.timeline import IMPLICIT_RETURN_SECONDS, Timeline, timeline

__all__ = [
    "IMPLICIT_RETURN_SECONDS",
    "Timeline",
    "animated_svg",
    "key_poses",
    "still_svg",
    "timeline",
]
