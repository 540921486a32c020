"""The figures drawn in a second process beside the tables are those one process draws."""

import pytest

from engine.report import beside
from engine.report.figures import render_figures


def _same(rendered, alone):
    figures, missing = rendered
    figures_alone, missing_alone = alone
    assert [f.key for f in figures] == [f.key for f in figures_alone]
    assert [f.png_base64 for f in figures] == [f.png_base64 for f in figures_alone]
    assert [f.source for f in figures] == [f.source for f in figures_alone]
    assert [(s.key, m) for s, m in missing] == [(s.key, m) for s, m in missing_alone]


@pytest.mark.parametrize("processes", ["", "1"], ids=["forked where possible", "one process"])
def test_figures_beside_the_tables_are_those_of_one_process(baseline_results, baseline_scenario, monkeypatch,
                                                            processes):
    monkeypatch.setenv(beside.PROCESSES_VARIABLE, processes)
    runs, scenarios = [("baseline", baseline_results)], [baseline_scenario]
    calls = []
    result, rendered = beside.figures_beside(runs, scenarios, lambda: calls.append("tables") or "written")
    assert result == "written" and calls == ["tables"]
    _same(rendered, render_figures(runs, scenarios))


def test_an_error_writing_the_tables_is_raised(baseline_results, baseline_scenario):
    runs, scenarios = [("baseline", baseline_results)], [baseline_scenario]
    with pytest.raises(ZeroDivisionError):
        beside.figures_beside(runs, scenarios, lambda: 1 / 0)


def test_a_worker_thread_draws_the_figures_itself():
    import threading

    seen = []
    thread = threading.Thread(target=lambda: seen.append(beside.forking()))
    thread.start()
    thread.join()
    assert seen == [False]
