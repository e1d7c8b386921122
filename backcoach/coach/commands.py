"""`backcoach coach build-assets`: the camera coach's model and runtime, served by Backcoach."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    coach = subparsers.add_parser("coach", help="the camera coach's assets")
    commands = coach.add_subparsers(dest="coach_command", metavar="COMMAND", required=True)
    build = commands.add_parser(
        "build-assets",
        help="build the pose model bundle and copy tasks-vision (make bootstrap runs it)",
    )
    build.add_argument("--out", type=Path, help="folder to write to (default: the served one)")
    build.set_defaults(func=build_assets)


def build_assets(args: argparse.Namespace) -> int:
    from backcoach.coach import assets, pose_bundle

    try:
        files = assets.build(args.out or assets.VENDOR_DIR)
    except (assets.AssetError, pose_bundle.BundleError) as error:
        print(f"backcoach coach build-assets: {error}", file=sys.stderr)
        return 1
    for path in files:
        print(f"{path.stat().st_size:>10}  {path}")
    return 0
