"""blind16 incident generator: python gen.py OUT  (stdlib only, deterministic)."""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import inc_a  # noqa: E402
import inc_b  # noqa: E402
import inc_c  # noqa: E402

ALL = [inc_a.discourse_pgbouncer, inc_a.mediawiki_memcached, inc_a.kafka_connect_converter, inc_a.opensearch_breaker,
       inc_b.superset_replica, inc_b.synapse_nfs, inc_b.nomad_docker, inc_b.odoo_mtu,
       inc_c.grafana_sqlite, inc_c.traefik_body_limit, inc_c.jaeger_sampling, inc_c.drone_bandwidth,
       inc_c.healthy_forum, inc_c.healthy_kafka]


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: gen.py OUT")
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    t0 = time.time()
    for fn in ALL:
        iid, n = fn(out)
        print("%-45s %6d entries" % (iid, n))
    print("done in %.1fs" % (time.time() - t0))


if __name__ == "__main__":
    main()
