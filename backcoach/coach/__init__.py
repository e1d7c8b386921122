"""The camera coach's browser assets: the pose model bundle and the vendored tasks-vision files."""
