"""blind26 incident generator. Usage: python gen.py OUTDIR  (stdlib only, deterministic)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import scen_a, scen_b, scen_c, scen_d, scen_e  # noqa: E402

BUILDERS = [scen_a.druid_capacity, scen_a.pinot_retention, scen_a.gokit_ports,
            scen_b.hasura_allowlist, scen_b.airbyte_slot, scen_c.mastodon_proxy, scen_c.spring_wait_timeout,
            scen_d.superset_secret, scen_d.zulip_syncrep, scen_e.sso_headers, scen_e.discourse_erofs,
            scen_e.shopizer_sdf, scen_b.healthy_storefront, scen_d.healthy_zulip]


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: gen.py OUTDIR")
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for b in BUILDERS:
        n = b(out)
        print(f"{b.__module__}.{b.__name__}: {n} entries")


if __name__ == "__main__":
    main()
