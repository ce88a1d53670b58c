"""Faces in snapshots, with the Haar cascade shipped in opencv-python-headless, on a real photograph (a crop of
scikit-image's public-domain astronaut picture, committed next to this test): one face, two faces side by side,
none on a blank frame."""

from pathlib import Path

import cv2
import numpy as np

from backend.proctoring.faces import count_faces

FACE = (Path(__file__).parent / "fixtures" / "face.jpg").read_bytes()


def _jpeg(pixels: np.ndarray) -> bytes:
    ok, data = cv2.imencode(".jpg", pixels)
    assert ok
    return data.tobytes()


def test_one_face():
    assert count_faces(FACE) == 1


def test_two_faces():
    img = cv2.imdecode(np.frombuffer(FACE, np.uint8), cv2.IMREAD_COLOR)
    assert count_faces(_jpeg(np.hstack([img, img]))) == 2


def test_no_face():
    assert count_faces(_jpeg(np.full((240, 320, 3), 180, np.uint8))) == 0
    assert count_faces(b"\xff\xd8\xff not really a jpeg") == 0
