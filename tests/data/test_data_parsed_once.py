"""A data file is parsed and checked once per process while it is unchanged; every reader
gets its own copy, and a changed file is read again."""

import os

from engine.data.files import read_csv_table, read_parameters

HEADER = "# unit: persons\n# source: a test\n# status: derived\n"


def test_each_reader_of_a_table_gets_its_own_copy(tmp_path):
    path = tmp_path / "own_table.csv"
    path.write_text(HEADER + "age,value\n0,1.5\n1,2.5\n", encoding="utf-8")
    first = read_csv_table(path)
    first.frame.loc[0, "value"] = 99.0
    first.meta["unit"] = "changed"
    second = read_csv_table(path)
    assert second.frame["value"].tolist() == [1.5, 2.5]
    assert second.meta["unit"] == "persons"


def test_a_changed_table_is_read_again(tmp_path):
    path = tmp_path / "own_table.csv"
    path.write_text(HEADER + "age,value\n0,1.5\n", encoding="utf-8")
    assert read_csv_table(path).frame["value"].tolist() == [1.5]
    path.write_text(HEADER + "age,value\n0,7.25\n", encoding="utf-8")  # the same size
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert read_csv_table(path).frame["value"].tolist() == [7.25]


def test_each_reader_of_a_parameter_file_gets_its_own_copy():
    first = read_parameters("macro")
    name = next(iter(first))
    first[name]["value"] = "changed"
    assert read_parameters("macro")[name]["value"] != "changed"
