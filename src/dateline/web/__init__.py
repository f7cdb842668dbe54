"""The web face: an HTTP API over the service layer (``create_app``), served by
``dateline serve``."""

from dateline.web.app import create_app

__all__ = ["create_app"]
