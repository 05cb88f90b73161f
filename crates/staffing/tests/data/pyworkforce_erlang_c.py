"""Generates the expected Erlang C requirements from pyworkforce.

Run with a Python that has pyworkforce installed (`pip install pyworkforce`):

    python3 crates/staffing/tests/data/pyworkforce_erlang_c.py \
        > crates/staffing/tests/data/pyworkforce_erlang_c.csv

Every row is one call of `ErlangC(...).required_positions(...)` on a grid of
inputs; the Rust test `erlang_c_matches_pyworkforce` reads the committed
output and compares `raw_positions` and `positions` exactly and the service
level, occupancy and waiting probability to 1e-6.
"""

import csv
import itertools
import sys

import pyworkforce
from pyworkforce.queuing import ErlangC

TRANSACTIONS = [1, 20, 100, 350, 1000, 5000]
AHT = [3, 7.5, 12]
ASA = [1 / 3, 1, 5]
INTERVAL = [30, 60]
SHRINKAGE = [0.0, 0.3]
SERVICE_LEVEL = [0.8, 0.95]
MAX_OCCUPANCY = [0.85, 1.0]

out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(["transactions", "aht", "asa", "interval", "shrinkage",
              "service_level_target", "max_occupancy", "raw_positions",
              "positions", "service_level", "occupancy", "waiting_probability"])
for t, aht, asa, interval, shrink, sl, occ in itertools.product(
        TRANSACTIONS, AHT, ASA, INTERVAL, SHRINKAGE, SERVICE_LEVEL, MAX_OCCUPANCY):
    r = ErlangC(transactions=t, aht=aht, asa=asa, interval=interval,
                shrinkage=shrink).required_positions(service_level=sl, max_occupancy=occ)
    out.writerow([repr(float(x)) for x in (t, aht, asa, interval, shrink, sl, occ)]
                 + [r["raw_positions"], r["positions"], repr(r["service_level"]),
                    repr(r["occupancy"]), repr(r["waiting_probability"])])
print(f"# pyworkforce {pyworkforce.__version__}", file=sys.stderr)
