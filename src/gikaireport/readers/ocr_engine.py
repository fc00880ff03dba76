"""The OCR engine: rapidocr-onnxruntime (PP-OCRv4 Chinese models shipped in its wheel).

Everything about the engine is here: loading it once, recognising a page image into
positioned words with confidences, and re-recognising small crops (table cells). The
engine runs on the CPU with one thread, so results do not depend on the machine's load,
and nothing is downloaded at run time. rapidocr, onnxruntime and OpenCV are imported on
first use; without them, :func:`engine` raises
:class:`~gikaireport.errors.MissingDependencyError` naming the ``ocr`` extra.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from gikaireport.errors import MissingDependencyError

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = ["INSTALL_HINT", "Word", "engine", "recognize_crops", "recognize_page"]

INSTALL_HINT = "install the OCR extra: pip install 'gikaireport[ocr]'"
"""What to do when the OCR engine is missing."""


@dataclass(slots=True)
class Word:
    """A piece of text the engine read, with its box in image pixels (``y`` grows downwards).

    ``alternatives`` are other readings of the same text (from a second recognition of
    the crop), best first, each with its confidence.
    """

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    confidence: float
    alternatives: list[tuple[str, float]] = field(default_factory=list)

    @property
    def vertical(self) -> bool:
        """Whether the text runs top to bottom (a tall box holding several characters)."""
        return len(self.text) > 1 and (self.y1 - self.y0) > 1.5 * (self.x1 - self.x0)

    @property
    def cx(self) -> float:
        """The horizontal centre."""
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        """The vertical centre."""
        return (self.y0 + self.y1) / 2


@lru_cache(maxsize=1)
def engine(name: str = "<image>") -> Any:
    """The rapidocr engine, loaded once (single-threaded, no angle classifier)."""
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError as exc:
        raise MissingDependencyError(
            name, f"reading a scan needs the OCR engine ({exc.name} is missing); {INSTALL_HINT}"
        ) from None
    return RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1, use_cls=False)


_SKEW = 0.1
"""A page skewed by more than this many degrees is rotated straight."""


def _unit(score: Any) -> float:
    """A confidence clamped to 0..1 (the engine's float arithmetic can step past 1)."""
    return min(max(float(score), 0.0), 1.0)


def angle_of(points: Any) -> float:
    """The slope angle in degrees of a detected box's top edge."""
    (x0, y0), (x1, y1) = points[0], points[1]
    return math.degrees(math.atan2(float(y1) - float(y0), float(x1) - float(x0)))


def recognize_page(
    image: NDArray[Any], name: str
) -> tuple[list[Word], NDArray[Any]]:
    """Detect and recognise the text of a grey page image, deskewed.

    The page's skew is the median slope of its long text boxes. A page skewed by more
    than :data:`_SKEW` degrees is rotated straight, and so are the word boxes (the engine
    reads slightly slanted text well; the layout needs level lines). Returns the words
    (boxes as the axis-aligned hull of each detected quadrilateral) and the straight image.
    """
    import cv2
    import numpy as np

    result, _ = engine(name)(cv2.cvtColor(image, cv2.COLOR_GRAY2BGR), use_cls=False)
    found = [
        (np.asarray(points, dtype=np.float64), str(text), _unit(score))
        for points, text, score in result or []
        if str(text).strip()
    ]
    slopes = sorted(
        angle_of(points)
        for points, _, _ in found
        if np.ptp(points[:, 0]) > 4 * np.ptp(points[:, 1])
    )
    skew = slopes[len(slopes) // 2] if slopes else 0.0
    if abs(skew) > _SKEW:
        height, width = image.shape[:2]
        matrix = cv2.getRotationMatrix2D((width / 2, height / 2), skew, 1.0)
        image = cv2.warpAffine(image, matrix, (width, height), borderValue=255)
        found = [
            (np.hstack([points, np.ones((len(points), 1))]) @ matrix.T, text, score)
            for points, text, score in found
        ]
    words = []
    for points, text, score in found:
        (x0, y0), (x1, y1) = points.min(axis=0), points.max(axis=0)
        words.append(Word(text, float(x0), float(y0), float(x1), float(y1), score))
    return words, image


def recognize_crops(crops: list[NDArray[Any]], name: str) -> list[tuple[str, float]]:
    """Recognise grey crops that each hold one line of text (no detection step)."""
    import cv2

    if not crops:
        return []
    recognizer = engine(name).text_rec
    results, _ = recognizer([cv2.cvtColor(crop, cv2.COLOR_GRAY2BGR) for crop in crops])
    return [(str(text), _unit(score)) for text, score in results]
