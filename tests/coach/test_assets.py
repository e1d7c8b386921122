"""The camera coach's assets: built reproducibly from pinned inputs, refused when they differ."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest

from backcoach.cli import main
from backcoach.coach import assets, pose_bundle


def test_it_builds_the_same_pinned_bundle_twice():
    first = pose_bundle.build_bytes()
    second = pose_bundle.build_bytes()
    assert first == second
    assert hashlib.sha256(first).hexdigest() == pose_bundle.BUNDLE_SHA256


def test_the_bundle_holds_both_models_stored_and_aligned_with_tasks_metadata():
    bundle = zipfile.ZipFile(io.BytesIO(pose_bundle.build_bytes()))
    entries = {info.filename: info for info in bundle.infolist()}
    assert set(entries) == {"pose_detector.tflite", "pose_landmarks_detector.tflite"}
    raw = pose_bundle.build_bytes()
    for info in entries.values():
        assert info.compress_type == zipfile.ZIP_STORED
        assert info.date_time == pose_bundle.ZIP_TIME
        data_start = info.header_offset + len(info.FileHeader())
        assert data_start % pose_bundle.ALIGNMENT == 0
        # TFLite flatbuffers carry "TFL3" at byte 4; the metadata writer adds a buffer
        # named TFLITE_METADATA that tasks-vision reads.
        data = raw[data_start : data_start + info.file_size]
        assert data[4:8] == b"TFL3"
        assert b"TFLITE_METADATA" in data


def test_a_changed_input_model_is_refused_with_its_path(tmp_path):
    modules = tmp_path / "modules"
    for model in pose_bundle.MODELS:
        target = modules / model.source
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(pose_bundle.modules_dir() / model.source, target)
    changed = modules / pose_bundle.MODELS[1].source
    changed.write_bytes(changed.read_bytes() + b"\0")
    with pytest.raises(pose_bundle.BundleError, match=r"pose_landmark_full\.tflite: sha256"):
        pose_bundle.build_bytes(modules)


def test_build_assets_writes_the_bundle_and_the_tasks_vision_runtime(tmp_path, capsys):
    assert main(["coach", "build-assets", "--out", str(tmp_path)]) == 0
    written = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()}
    expected = {f"{assets.TASKS_VISION_FOLDER}/{name}" for name in assets.TASKS_VISION_FILES}
    assert written == expected | {pose_bundle.BUNDLE_NAME}
    assert set(assets.served_files().values()) <= written
    assert pose_bundle.BUNDLE_NAME in capsys.readouterr().out
    source = assets.tasks_vision_dir()
    for name in assets.TASKS_VISION_FILES:
        copied = (tmp_path / assets.TASKS_VISION_FOLDER / name).read_bytes()
        original = (source / name).read_bytes()
        if name.endswith(".js"):
            assert b"sourceMappingURL" not in copied
            assert copied == assets.without_source_map(original)
        else:
            assert copied == original


def test_a_rebuild_removes_what_an_older_build_left(tmp_path):
    stale = tmp_path / "tasks-vision-0.9" / "old.wasm"
    stale.parent.mkdir()
    stale.write_bytes(b"old")
    assets.build(tmp_path)
    assert not stale.parent.exists()


def test_a_wrong_tasks_vision_version_is_named(tmp_path, capsys):
    package = tmp_path / "node_modules" / "@mediapipe" / "tasks-vision"
    package.mkdir(parents=True)
    (package / "package.json").write_text(json.dumps({"version": "0.10.3"}))
    with pytest.raises(
        assets.AssetError, match=r"version 0\.10\.3, Backcoach is pinned to 1\.1\.0"
    ):
        assets.build(tmp_path / "out", node_modules=tmp_path / "node_modules")


def test_the_pinned_version_matches_the_lock_file():
    lock = json.loads((Path(assets.REPO_DIR) / "package-lock.json").read_text())
    locked = lock["packages"][f"node_modules/{assets.TASKS_VISION}"]["version"]
    assert locked == assets.TASKS_VISION_VERSION
