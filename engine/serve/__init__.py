"""``laosim serve``: a scenario explorer in the browser that recomputes as the levers move.

Floors, each importing only those below it:

- :mod:`engine.serve.levers`: the scenario schema as a list of controls (unit, bounds,
  description, source, status), grouped by section; policy block types and their fields.
- :mod:`engine.serve.request`: what a page may send (edited keys and policy blocks as
  text), checked and turned into the ``--set`` overrides the command line would take, and
  into the downloadable scenario file.
- :mod:`engine.serve.figures`: results as the page's JSON (headline, charts, differences).
- :mod:`engine.serve.session`: the scenario a server opened, its reference run, a cache of
  runs, and the lock that keeps one model run at a time.
- :mod:`engine.serve.app`: the web application (Starlette, served by uvicorn); only the
  ``serve`` command imports it, so ``import engine`` never loads a web framework.
"""
