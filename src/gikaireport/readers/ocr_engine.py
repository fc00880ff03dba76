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

__all__: list[str] = []

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
    quad: Any = None
    """The detected quadrilateral (image pixels), for recognition."""

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


def engine(name: str = "<image>") -> Any:
    """The rapidocr engine, loaded once per process (single-threaded, no angle classifier).

    Raises :class:`~gikaireport.errors.MissingDependencyError` naming ``name`` (the file
    being read) and the ``ocr`` extra when the engine is not installed.
    """
    try:
        return _load()
    except ImportError as exc:
        raise MissingDependencyError(
            name, f"reading a scan needs the OCR engine ({exc.name} is missing); {INSTALL_HINT}"
        ) from None


@lru_cache(maxsize=1)
def _load() -> Any:
    from rapidocr_onnxruntime import RapidOCR

    # one line at a time: batches are padded to their widest line, which costs more than
    # it saves on one thread (measured in benchmarks/bench_ocr.py)
    ocr = RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1, use_cls=False, rec_batch_num=1)
    for holder in (ocr.text_det.infer, ocr.text_rec.session):
        holder.session = _session(holder.session._model_path)
    return ocr


def _session(model: str) -> Any:
    """An onnxruntime session on one thread that keeps its memory between runs.

    rapidocr turns the memory arena off, so each run maps its buffers afresh and the
    kernel zeroes every page: about 0.3 CPU seconds per page in page faults.
    """
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.log_severity_level = 4
    return onnxruntime.InferenceSession(model, options, providers=["CPUExecutionProvider"])


_CROP_WIDTH = 96
"""The width in pixels (at the engine's 48-pixel height) a cell's crop is padded to at least.

Recognition costs in proportion to the padded width; a lone digit's crop is about 40 pixels
wide, so most number cells cost half what the engine's 320 would.
"""

_WORD_WIDTH = 320
"""The width a detected line's crop is padded to at least (the engine's own default)."""

_HEIGHT = 48
"""The height in pixels of the recognition model's input."""

_WORD_SQUEEZE = 0.75
"""A detected line's crop is narrowed to this share of its width at the model's height.

Recognition costs in proportion to the width it reads, and the model reads running text
narrowed this much as it reads it at full width (measured in docs/readers/ocr.md: narrower
still, a heading's ``、`` read as ``丶`` on a noisy 150-dpi scan). Cells read from their
ink (:func:`recognize_crops`) are not narrowed.
"""

DETECT_SIDE = 1600
"""Text is detected on the page scaled so that its longer side is at most this many pixels.

About 110 dpi for an A4 page: recognition still reads the full resolution.
"""

_DETECT_MIN = 736
"""A smaller image is enlarged for detection until its shorter side has this many pixels."""

_SKEW = 0.1
"""A page skewed by more than this many degrees is rotated straight."""


def _unit(score: Any) -> float:
    """A confidence clamped to 0..1 (the engine's float arithmetic can step past 1)."""
    return min(max(float(score), 0.0), 1.0)


def angle_of(points: Any) -> float:
    """The slope angle in degrees of a detected box's top edge."""
    (x0, y0), (x1, y1) = points[0], points[1]
    return math.degrees(math.atan2(float(y1) - float(y0), float(x1) - float(x0)))


def detect_scale(shape: tuple[int, ...]) -> float:
    """The factor a page of this shape is scaled by for detection (see :data:`DETECT_SIDE`)."""
    height, width = shape[:2]
    scale = min(1.0, DETECT_SIDE / max(height, width))
    if min(height, width) * scale < _DETECT_MIN:  # as the engine itself does
        scale = _DETECT_MIN / min(height, width)
    return scale


def _detect(image: NDArray[Any], name: str, scale: float) -> list[NDArray[Any]]:
    """The text boxes of a grey image, found on the image scaled by ``scale``.

    Boxes come back in the image's own pixels, so recognition reads the full resolution.
    """
    import cv2
    import numpy as np

    detector = engine(name).text_det
    height, width = image.shape[:2]
    size = (max(32, round(width * scale / 32) * 32), max(32, round(height * scale / 32) * 32))
    small = cv2.resize(image, size, interpolation=cv2.INTER_AREA)
    batch = np.repeat((small.astype(np.float32) * (2 / 255) - 1)[None, None], 3, axis=1)
    boxes, _ = detector.postprocess_op(detector.infer(batch)[0], (height, width))
    if len(boxes) == 0:
        return []
    # in the engine's reading order, top to bottom and left to right
    return list(engine(name).sorted_boxes(detector.filter_tag_det_res(boxes, (height, width))))


def straighten(image: NDArray[Any], skew: float) -> tuple[NDArray[Any], NDArray[Any] | None]:
    """The page turned by ``skew`` degrees, and the turn's matrix (``None`` when level).

    A page skewed by no more than :data:`_SKEW` degrees is left as it is.
    """
    import cv2

    if abs(skew) <= _SKEW:
        return image, None
    height, width = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), skew, 1.0)
    return cv2.warpAffine(image, matrix, (width, height), borderValue=255), matrix


def _words(quads: list[NDArray[Any]]) -> list[Word]:
    """One unread :class:`Word` per detected quadrilateral."""
    words = []
    for quad in quads:
        (x0, y0), (x1, y1) = quad.min(axis=0), quad.max(axis=0)
        words.append(Word("", float(x0), float(y0), float(x1), float(y1), 0.0, quad=quad))
    return words


def detect_page(image: NDArray[Any], name: str) -> tuple[list[Word], NDArray[Any]]:
    """Detect the text lines of a grey page image, deskewed; nothing is recognised yet.

    The page's skew is the median slope of its long text boxes. A page skewed by more
    than :data:`_SKEW` degrees is rotated straight, and so are the boxes (the layout needs
    level lines). Returns one :class:`Word` per box, with empty text and its quadrilateral
    in ``quad`` for :func:`recognize_words`, and the straight image.
    """
    import numpy as np

    quads = [
        np.asarray(points, dtype=np.float64)
        for points in _detect(image, name, detect_scale(image.shape))
    ]
    slopes = sorted(angle_of(quad) for quad in quads if np.ptp(quad[:, 0]) > 4 * np.ptp(quad[:, 1]))
    image, matrix = straighten(image, slopes[len(slopes) // 2] if slopes else 0.0)
    if matrix is not None:
        quads = [np.hstack([quad, np.ones((len(quad), 1))]) @ matrix.T for quad in quads]
    return _words(quads), image


def detect_regions(
    image: NDArray[Any], regions: list[tuple[int, int, int, int]], name: str
) -> list[Word]:
    """Detect the text lines inside regions ``(x0, y0, x1, y1)`` of a straight page.

    Each region is scaled as the whole page would be (:func:`detect_scale`), so the
    detector sees text at the size it sees on a page; the boxes are in page pixels.
    """
    import numpy as np

    scale = detect_scale(image.shape)
    quads: list[NDArray[Any]] = []
    for x0, y0, x1, y1 in regions:
        found = _detect(image[y0 : y1 + 1, x0 : x1 + 1], name, scale)
        offset = np.array([x0, y0], dtype=np.float64)
        quads += [np.asarray(points, dtype=np.float64) + offset for points in found]
    return _words(quads)


def recognize_words(image: NDArray[Any], words: list[Word], name: str) -> None:
    """Recognise detected words on their quadrilaterals, in place."""
    import cv2
    import numpy as np

    if not words:
        return
    ocr = engine(name)
    bgr = cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    crops = ocr.get_crop_img_list(bgr, [np.asarray(w.quad, dtype=np.float32) for w in words])
    results = _recognise(ocr.text_rec, [_narrow(crop) for crop in crops], _WORD_WIDTH)
    for word, (text, score) in zip(words, results, strict=True):
        word.text, word.confidence = str(text).strip(), _unit(score)


def _narrow(crop: NDArray[Any]) -> NDArray[Any]:
    """A line's crop scaled to the model's height and narrowed by :data:`_WORD_SQUEEZE`.

    Never narrower than :data:`_WORD_WIDTH`, the width it is padded to anyway, unless it
    was narrower to begin with. Scaled once, here: the engine reads it at the size it has.
    """
    import cv2

    height, width = crop.shape[:2]
    full = width * _HEIGHT / max(height, 1)
    # a line narrower than the padded width costs the same narrowed or not: it is left as is
    narrow = max(full * _WORD_SQUEEZE, min(full, _WORD_WIDTH))
    return cv2.resize(crop, (max(1, round(narrow)), _HEIGHT), interpolation=cv2.INTER_AREA)


def recognize_crops(
    crops: list[NDArray[Any]], name: str, wide: bool = False
) -> list[tuple[str, float]]:
    """Recognise grey crops that each hold one line of text (no detection step).

    Each crop is padded to at least :data:`_CROP_WIDTH` pixels at the engine's height, or
    to the engine's own :data:`_WORD_WIDTH` when ``wide`` (a second, independent reading).
    """
    import cv2

    if not crops:
        return []
    # identical crops (the many cells printing the same ``0`` on a clean page) are read once
    unique: dict[tuple[tuple[int, ...], bytes], int] = {}
    bgr: list[NDArray[Any]] = []
    index: list[int] = []
    for crop in crops:
        key = (crop.shape, crop.tobytes())
        if key not in unique:
            unique[key] = len(bgr)
            bgr.append(cv2.cvtColor(crop, cv2.COLOR_GRAY2BGR))
        index.append(unique[key])
    results = _recognise(engine(name).text_rec, bgr, _WORD_WIDTH if wide else _CROP_WIDTH)
    return [(str(results[i][0]), _unit(results[i][1])) for i in index]


def _recognise(recognizer: Any, crops: list[NDArray[Any]], width: int) -> list[tuple[str, float]]:
    """Recognise line crops, each padded to at least ``width`` pixels at the engine's height."""
    shape = recognizer.rec_image_shape
    recognizer.rec_image_shape = [shape[0], shape[1], width]
    try:
        results, _ = recognizer(crops)
    finally:
        recognizer.rec_image_shape = shape
    return list(results)
