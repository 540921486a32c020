"""Every shipped scenario reproduces its golden summary (diffable CSV beside this file).

After a deliberate model change, regenerate with ``python tests/golden/regenerate.py``
and review the diff.
"""

import numpy as np
import pandas as pd
import pytest

from tests.golden.regenerate import golden_path, shipped_scenarios, summary_of


@pytest.mark.parametrize("scenario_path", shipped_scenarios(), ids=lambda p: p.stem)
def test_summary_matches_golden(scenario_path):
    golden_file = golden_path(scenario_path)
    assert golden_file.exists(), f"no golden summary for {scenario_path.name}: run tests/golden/regenerate.py"
    golden = pd.read_csv(golden_file, index_col="year")
    actual = summary_of(scenario_path)
    assert list(actual.columns) == list(golden.columns)
    assert actual.index.tolist() == golden.index.tolist()
    for column in golden.columns:
        np.testing.assert_allclose(actual[column].to_numpy(dtype=float), golden[column].to_numpy(dtype=float),
                                   rtol=1e-8, atol=1e-6, err_msg=f"{scenario_path.stem}: {column}")
