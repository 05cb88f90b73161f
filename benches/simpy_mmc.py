"""The M/M/c queue of `benches/sim.rs` in SimPy, for the speed comparison.

Run with `pip install simpy && python3 benches/simpy_mmc.py`.

Same queue: Poisson arrivals at λ = 2/60 a minute, exponential handling
with mean 60 minutes, c = 3 servers, 3,660 days of 1,439 minutes. Events
are counted as the Rust engine counts them: one arrival and one completion
per customer served. Prints the events, the seconds and events a second,
and the mean time in system (Erlang C: 86.67 minutes).
"""

import random
import time

import simpy

LAMBDA = 2.0 / 60.0
MEAN_SERVICE = 60.0
SERVERS = 3
HORIZON = 3660 * 1439


def main() -> None:
    rng = random.Random(1)
    env = simpy.Environment()
    desk = simpy.Resource(env, capacity=SERVERS)
    stats = {"arrivals": 0, "completions": 0, "time": 0.0}

    def customer(env):
        arrived = env.now
        with desk.request() as req:
            yield req
            yield env.timeout(rng.expovariate(1.0 / MEAN_SERVICE))
        stats["completions"] += 1
        stats["time"] += env.now - arrived

    def source(env):
        while True:
            yield env.timeout(rng.expovariate(LAMBDA))
            stats["arrivals"] += 1
            env.process(customer(env))

    env.process(source(env))
    start = time.perf_counter()
    env.run(until=HORIZON)
    seconds = time.perf_counter() - start
    events = stats["arrivals"] + stats["completions"]
    print(f"events {events}")
    print(f"seconds {seconds:.3f}")
    print(f"events_per_second {events / seconds:.0f}")
    print(f"mean_time_in_system {stats['time'] / stats['completions']:.2f}")


if __name__ == "__main__":
    main()
