"""The API's OpenAPI document as the repository keeps it (``schemas/openapi.json``):
``python -m dateline.web.openapi`` writes it again after the API changes."""

from __future__ import annotations

import json
import sys
from importlib.resources import files

from dateline.model import JSON
from dateline.store import Store
from dateline.web.app import create_app

KEPT = files("dateline") / "schemas" / "openapi.json"


def document() -> JSON:
    """The OpenAPI document the app serves at ``/openapi.json``."""
    with Store.open(":memory:") as store:
        return create_app(store).openapi()


def text() -> str:
    return json.dumps(document(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    sys.stdout.write(text())
