"""Erlang A (M/M/c+M) measures by a direct, independent computation.

Run with a Python that has mpmath (`pip install mpmath`):

    python3 crates/staffing/tests/data/erlang_a_direct.py \
        > crates/staffing/tests/data/erlang_a_direct.csv

The stationary distribution is summed term by term at 100 significant
digits. The share served within t sums, over the j callers found ahead,
the probability that the virtual wait V (a sum of exponentials with rates
c*mu + m*theta, m = 0..j) ends before both t and the caller's own
exponential patience: the integral of f_V(v) exp(-theta v) over [0, t],
taken with the textbook partial-fraction density of the hypoexponential
law. The crate computes the same quantity through an incomplete beta
function instead, so the two meet only if both are right.
"""

import csv
import sys

from mpmath import mp, mpf, exp, fsum

mp.dps = 100
J = 160  # queue places summed; the tail beyond is below 1e-40 here

CASES = [
    # transactions per 60 minutes, aht, within, patience (minutes), servers
    (120, 1, 0.5, 1, 1),
    (120, 3, 0.5, 2, 5),
    (60, 4, 1, 5, 3),
    (300, 2, mpf(1) / 3, 3, 12),
    (30, 10, 2, 10, 4),
]

out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(["transactions", "interval", "aht", "within", "patience", "servers",
              "waiting_probability", "abandonment", "service_level", "occupancy"])
for transactions, aht, within, patience, c in CASES:
    lam = mpf(transactions) / 60
    mu = 1 / mpf(aht)
    theta = 1 / mpf(patience)
    t = mpf(within)
    a = lam / mu
    pi = [mpf(1)]
    for k in range(1, c + 1):
        pi.append(pi[-1] * a / k)
    for j in range(1, J + 1):
        pi.append(pi[-1] * lam / (c * mu + j * theta))
    z = fsum(pi)
    pi = [p / z for p in pi]
    wait = fsum(pi[c:])
    queue = fsum((k - c) * pi[k] for k in range(c + 1, len(pi)))
    abandon = theta * queue / lam
    sl = fsum(pi[:c])
    for j in range(0, J + 1):
        rates = [c * mu + m * theta for m in range(0, j + 1)]
        served = mpf(0)
        for i, r in enumerate(rates):
            w = mpf(1)
            for k, q in enumerate(rates):
                if k != i:
                    w *= q / (q - r)
            served += w * r / (r + theta) * (1 - exp(-(r + theta) * t))
        sl += pi[c + j] * served
    occupancy = a * (1 - abandon) / c
    out.writerow([transactions, 60, aht, mp.nstr(t, 17), patience, c]
                 + [mp.nstr(x, 17) for x in (wait, abandon, sl, occupancy)])
