"""Scale benchmarks for cloudfit and the synthetic inventory generator they run on.

`python -m benchmarks.run` (or `make bench`) times every pipeline stage against
the I/O floor; `benchmarks.generate` makes deterministic inventories of any size.
"""
