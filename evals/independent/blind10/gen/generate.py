#!/usr/bin/env python3
"""Generate the blind10 incident set: python3 gen/generate.py [OUT]"""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import Gen
from noise import background
from scenarios import ALL

out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
bad = 0
for cls in ALL:
    sc = cls()
    g = Gen(sc.seed, sc.start, sc.minutes)
    if hasattr(sc, "setup"):
        sc.setup(g)
    background(g)
    g.traffic(sc)
    sc.inject(g)
    tr = sc.truth(g)
    n, errs = g.verify(tr)
    g.write(os.path.join(out, sc.id), tr)
    print("%-45s %6d %s" % (sc.id, n, "OK" if not errs else errs))
    bad += bool(errs)
sys.exit(1 if bad else 0)
