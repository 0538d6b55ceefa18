"""Copy Leaflet from the xstatic package into static/vendor/ (also done at app start-up)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from publish.static import ensure_vendor_assets

if __name__ == "__main__":
    print(f"Leaflet assets in {ensure_vendor_assets()}")
