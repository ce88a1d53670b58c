"""Counting faces in a webcam snapshot with OpenCV's Haar cascade, the model file that ships inside the
opencv-python-headless wheel (`cv2.data.haarcascades`): nothing is downloaded at run time. Runs in the worker
(≈ 40 ms for a 512×512 image)."""

import threading
from functools import lru_cache
from typing import Any

_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _cascade() -> Any:
    import cv2

    cascade = cv2.CascadeClassifier(cv2.data.haarcascades + "haarcascade_frontalface_default.xml")  # type: ignore[attr-defined]
    if cascade.empty():
        raise RuntimeError("OpenCV's face cascade did not load: is opencv-python-headless<5 installed?")
    return cascade


def count_faces(image: bytes) -> int:
    """Faces found in a JPEG or PNG image; 0 for an image OpenCV cannot decode."""
    import cv2
    import numpy as np

    pixels = cv2.imdecode(np.frombuffer(image, dtype=np.uint8), cv2.IMREAD_GRAYSCALE)
    if pixels is None:
        return 0
    min_side = max(40, min(pixels.shape[:2]) // 8)  # a face far smaller than the frame is not the candidate's
    # minNeighbors 8: fewer false faces in a busy background (a false "several faces" costs a candidate more
    # than a missed one).
    with _LOCK:  # one classifier per process; detectMultiScale is not documented as thread-safe
        found = _cascade().detectMultiScale(pixels, scaleFactor=1.1, minNeighbors=8, minSize=(min_side, min_side))
    return len(found)
