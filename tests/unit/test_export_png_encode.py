"""export.png_encode: PNG bytes that decode to exactly the pixels given, in any mode."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from export.png_encode import SIGNATURE, encode_png


@pytest.mark.parametrize("size", [(1, 1), (3, 2), (641, 427)])
def test_rgb_round_trips_pixel_for_pixel(size: tuple[int, int]) -> None:
    rng = np.random.default_rng(11)
    pixels = rng.integers(0, 256, (size[1], size[0], 3), dtype=np.uint8)
    pixels[: size[1] // 2] = (201, 223, 240)  # flat colour, as on a map
    data = encode_png(Image.fromarray(pixels, "RGB"))
    assert data.startswith(SIGNATURE)
    back = Image.open(io.BytesIO(data))
    back.load()  # decodes every chunk, checking the CRCs
    assert back.mode == "RGB" and back.size == size
    assert np.array_equal(np.asarray(back), pixels)


@pytest.mark.parametrize("mode", ["RGBA", "L", "P"])
def test_other_modes_go_through_pillow(mode: str) -> None:
    image = Image.new("RGB", (20, 10), "#c9dff0").convert(mode)
    back = Image.open(io.BytesIO(encode_png(image)))
    assert back.mode == mode and back.size == (20, 10)
    assert np.array_equal(np.asarray(back.convert("RGB")), np.asarray(image.convert("RGB")))
