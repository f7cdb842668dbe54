"""``dateline serve``: the HTTP API over a store, on this machine unless told otherwise."""

from __future__ import annotations

import socket
from typing import Annotated

import typer

from dateline.cli.common import DbOption, app, fail, opened, settings, stderr


@app.command("serve")
def serve_cli(
    db: DbOption = "dateline.db",
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (loopback unless --token).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            envvar="DATELINE_TOKEN",
            help="Require this bearer token on every request (needed off loopback).",
        ),
    ] = None,
) -> None:
    """Serve the store's stories over HTTP: the API at /api, its OpenAPI at /openapi.json."""
    import uvicorn

    from dateline.web.app import create_app, is_loopback

    if not is_loopback(host) and not token:
        raise fail(
            f"--host {host} is reachable from other machines: give --token (or "
            "DATELINE_TOKEN) so that only those who know it can read and write the store",
            code=2,
        )
    with opened(db, create=True):  # one clear line now, not a traceback at a request
        pass
    try:
        with socket.create_server((host, port)):
            pass
    except OSError as exc:
        raise fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    app_ = create_app(settings(db), token=token)
    where = f"http://{host}:{port}"
    stderr.print(f"serving {db} at {where} (API: {where}/api/stories; Ctrl-C stops)", markup=False)
    uvicorn.run(app_, host=host, port=port, log_level="warning", timeout_graceful_shutdown=10)
