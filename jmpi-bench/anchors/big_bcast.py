#!/usr/bin/python3
"""The Open MPI side of jmpi.bench.BigBcast: one large numpy buffer Bcast from rank 0, --reps times.

Prints, on rank 0, the median time (slowest rank) and every rank's peak resident set above its idle
size (the process's resident set before the buffer existed), as a line of figures and a RESULT {json}
line, the same fields as jmpi's.
"""

import json
import resource
import time
from argparse import ArgumentParser

import numpy
from mpi4py import MPI


def rss_now():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return -1


def main():
    parser = ArgumentParser(description=__doc__)
    parser.add_argument("--bytes", type=int, default=1 << 30)
    parser.add_argument("--reps", type=int, default=3)
    args = parser.parse_args()
    comm = MPI.COMM_WORLD
    comm.Barrier()
    idle = rss_now()
    buffer = numpy.zeros(args.bytes, dtype=numpy.uint8)
    times = []
    for rep in range(args.reps):
        if comm.rank == 0:
            # the whole buffer, as a program fills what it sends: every page of it is resident
            buffer.fill(rep + 1)
        comm.Barrier()
        start = time.perf_counter()
        comm.Bcast(buffer, root=0)
        mine = time.perf_counter() - start
        if buffer[0] != rep + 1 or buffer[-1] != rep + 1:
            raise SystemExit("big_bcast: rank %d received a wrong buffer" % comm.rank)
        times.append(comm.allreduce(mine, op=MPI.MAX))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    above = comm.allgather(peak - idle)
    idles = comm.allgather(idle)
    if comm.rank == 0:
        seconds = sorted(times)[len(times) // 2]
        print("big-bcast np %d: %d B, median %.3f s (%.0f MB/s); peak RSS above idle per rank %s MiB (idle %s MiB)"
              % (comm.size, args.bytes, seconds, args.bytes / seconds / 1e6, [a >> 20 for a in above],
                 [i >> 20 for i in idles]))
        print("RESULT " + json.dumps({"bench": "big-bcast", "np": comm.size, "bytes": args.bytes, "reps": args.reps,
                                      "time_median": seconds, "rss_above_idle_max": max(above),
                                      "rss_idle_max": max(idles)}), flush=True)


main()
