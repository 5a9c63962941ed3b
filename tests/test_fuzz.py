"""A small seeded fuzz run (the long one is `make fuzz`): every input is read or refused with a message."""

from __future__ import annotations

from benchmarks import fuzz


def test_fuzzed_uploads_are_read_or_refused_cleanly_with_rows_conserved():
    report = fuzz.run(seed=13, count=150, cli_every=50)
    assert report.problems == []
    assert report.inputs == 150 and report.cli_runs == 3
    assert report.loaded > 0 and report.refused > 0


def test_the_same_seed_gives_the_same_inputs():
    first = [(case.name, case.data) for case in fuzz.cases(5, 40)]
    assert first == [(case.name, case.data) for case in fuzz.cases(5, 40)]
    assert {case.mutator for case in fuzz.cases(5, 200)} >= {"flip_bits", "truncate", "mutate_part", "nest"}
