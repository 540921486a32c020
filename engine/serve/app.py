"""The explorer's web application: a page, its script, and a small JSON API.

Routes: ``GET /`` the page; ``GET /static/...`` its script and style (served from the
installed package: the page works offline); ``GET /api/scenario`` the levers;
``POST /api/explore`` the figures of some edits; ``POST /api/download/scenario`` and
``POST /api/download/results`` the scenario file and the files of ``laosim run``;
``POST /api/sweep`` starts a small stochastic sweep of some edits, ``GET /api/sweep/N``
tells its progress and, once done, its fan charts and depletion probabilities.

Model and file work runs in worker threads, so the event loop keeps answering while a
slow request (a results download) is under way. Request bodies are capped at
:data:`MAX_BODY` bytes. Bound to a loopback address, the app answers only requests whose
``Host`` is a loopback name (a page elsewhere cannot reach it by DNS rebinding).
"""

from __future__ import annotations

import contextlib
import io
import json
import tempfile
import time
import zipfile
from pathlib import Path

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from engine.errors import InputError, Problem
from engine.serve.session import Session
from engine.serve.uncertainty import DEFAULT_DRAWS, Sweeps, check_draws

STATIC = Path(__file__).parent / "static"
MAX_BODY = 256 * 1024
LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")


def _problems(exc: InputError) -> JSONResponse:
    return JSONResponse({"ok": False, "problems": [{"key": p.key, "text": str(p)} for p in exc.problems]},
                        status_code=422)


class BadRequest(Exception):
    """A request body that is too large or not JSON (refused before it is read further)."""


async def _body(request: Request) -> object:
    raw = await request.body()
    if len(raw) > MAX_BODY:
        raise BadRequest(f"a request of at most {MAX_BODY} bytes")
    try:
        return json.loads(raw or b"null")
    except ValueError:
        raise BadRequest("a request body of JSON") from None


def _refused(text: str, status: int = 400) -> JSONResponse:
    return JSONResponse({"ok": False, "problems": [{"key": "", "text": text}]}, status_code=status)


def create_app(session: Session, host: str = "127.0.0.1") -> Starlette:
    """The application serving one :class:`Session`."""
    sweeps = Sweeps()

    async def page(request: Request) -> Response:
        return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-store"})

    async def scenario(request: Request) -> Response:
        return JSONResponse(session.describe())

    async def explore(request: Request) -> Response:
        try:
            body = await _body(request)
            if not isinstance(body, dict):
                raise BadRequest("a JSON object with edits")
            figures, seconds = await run_in_threadpool(session.explore, body)
        except BadRequest as exc:
            return _refused(f"expected {exc}")
        except InputError as exc:
            return _problems(exc)
        start = time.perf_counter()
        content = json.dumps({"ok": True, **figures}, allow_nan=False).encode()
        seconds["serialise"] = seconds.pop("figures") + time.perf_counter() - start
        timing = ", ".join(f"{k};dur={1000 * v:.1f}" for k, v in seconds.items())
        return Response(content, media_type="application/json", headers={"Server-Timing": timing})

    async def _download(request: Request, produce, filename: str, media_type: str) -> Response:
        """A file made from the request's settings by ``produce(session, body)``, as an attachment."""
        try:
            content = await run_in_threadpool(produce, session, await _body(request))
        except BadRequest as exc:
            return _refused(f"expected {exc}")
        except InputError as exc:
            return _problems(exc)
        return Response(content, media_type=media_type,
                        headers={"Content-Disposition": f'attachment; filename="{filename}"'})

    async def download_scenario(request: Request) -> Response:
        return await _download(request, lambda s, body: s.scenario_file(body),
                               f"{session.scenario.name}_explored.yaml", "application/x-yaml")

    async def download_results(request: Request) -> Response:
        return await _download(request, _results_zip, f"{session.scenario.name}_explored_results.zip",
                               "application/zip")

    async def sweep(request: Request) -> Response:
        try:
            body = await _body(request)
            if not isinstance(body, dict):
                raise BadRequest("a JSON object with edits and draws")
            draws = check_draws(body.get("draws", DEFAULT_DRAWS))
            scenario, source = await run_in_threadpool(session.sweep_scenario, body.get("edits"))
            job = sweeps.start(scenario, draws, source)
        except BadRequest as exc:
            return _refused(f"expected {exc}")
        except InputError as exc:
            return _problems(exc)
        return JSONResponse({"ok": True, **job.public()})

    async def sweep_progress(request: Request) -> Response:
        job = sweeps.get(request.path_params["job"])
        if job is None:
            return _refused("a sweep this server is running or has run last", 404)
        return JSONResponse({"ok": True, **job.public()}, headers={"Cache-Control": "no-store"})

    @contextlib.asynccontextmanager
    async def lifespan(app):
        yield
        await run_in_threadpool(sweeps.close)

    routes = [
        Route("/", page),
        Route("/api/sweep", sweep, methods=["POST"]),
        Route("/api/sweep/{job:int}", sweep_progress),
        Route("/api/scenario", scenario),
        Route("/api/explore", explore, methods=["POST"]),
        Route("/api/download/scenario", download_scenario, methods=["POST"]),
        Route("/api/download/results", download_results, methods=["POST"]),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    middleware = []
    if host in LOOPBACK:
        middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=["127.0.0.1", "localhost", "[::1]"]))
    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan)


def _results_zip(session: Session, body: object) -> bytes:
    """The files ``laosim run`` writes for these edits, zipped."""
    from engine.output import write_results

    scenario, ds = session.results(session.edits(body))
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory(prefix="laosim-serve-") as tmp:
        written = write_results(ds, Path(tmp), scenario=scenario)
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in written:
                archive.write(path, path.name)
    return buffer.getvalue()


def serve(session: Session, host: str = "127.0.0.1", port: int = 0) -> None:
    """Serve ``session`` on ``host:port`` (port 0: a free one) until interrupted; prints the
    address once the socket is bound."""
    import socket

    import uvicorn

    family = socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host.strip("[]"), port))
    except OSError as exc:
        sock.close()
        raise InputError([Problem("--port", None, "port", f"{host}:{port}, which cannot be bound ({exc.strerror})",
                                  "a free port on this machine (0 picks one)")]) from None
    bound = sock.getsockname()[1]
    shown = f"[{host.strip('[]')}]" if family == socket.AF_INET6 else host
    print(f"laosim: exploring '{session.scenario.name}' at http://{shown}:{bound}/ (Ctrl+C to stop)", flush=True)
    config = uvicorn.Config(create_app(session, host), log_level="warning", access_log=False)
    uvicorn.Server(config).run(sockets=[sock])
