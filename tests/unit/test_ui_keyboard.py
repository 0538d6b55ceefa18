"""ui.keyboard: the slide keys' helper installs its listener in the parent page once, bound to the buttons."""

from __future__ import annotations

import json
import re

from ui import keys
from ui.keyboard import FLAG, SLIDE_KEYS, install_js


def test_install_js_binds_each_key_to_its_button_once() -> None:
    html = install_js()
    assert html.strip().startswith("<script>") and html.strip().endswith("</script>")
    assert f"host[{json.dumps(FLAG)}]" in html  # the flag that makes a second install a no-op
    (bindings,) = re.findall(r'\+ "\(" \+ (".*?[^\\]") \+ "\);"', html)
    assert json.loads(json.loads(bindings)) == SLIDE_KEYS
    assert SLIDE_KEYS["ArrowRight"] == keys.SLIDE_NEXT and SLIDE_KEYS["Home"] == keys.SLIDE_FIRST


def test_install_js_cannot_end_its_script_early() -> None:
    html = install_js({"</script><b>": "x"})
    assert html.count("</script>") == 1
