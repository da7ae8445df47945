"""Generate the blind13 incident set. Usage: python3 gen.py [OUTDIR]  (stdlib only)"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import G, check  # noqa: E402
import scen_a, scen_b, scen_c, scen_d  # noqa: E402

# id, fn, project, start, minutes, location, cluster
SPECS = [
    ("solr-open-file-limit", scen_a.solr_open_files, "shopfront-search-prod", "2026-11-03T14:20:00Z", 45, "us-east1", "search-gke-prod"),
    ("wordpress-cache-flush-stampede", scen_a.wordpress_cache_flush, "trailhead-wp-prod", "2026-10-14T18:05:00Z", 40, "europe-west1", "-"),
    ("rails-migration-index-lock", scen_a.rails_migration_lock, "fernway-shop-prod", "2026-11-18T09:27:00Z", 35, "us-central1", "shop-prod"),
    ("celery-thumbs-pid-exhaustion", scen_b.celery_pid_exhaustion, "mediahive-prod", "2026-09-22T07:40:00Z", 30, "us-west1", "media-prod"),
    ("temporal-workflow-nondeterminism", scen_b.temporal_nondeterminism, "kestrel-payments-prod", "2026-10-02T15:10:00Z", 35, "us-central1", "payments-gke"),
    ("activemq-consumer-scaled-zero", scen_b.activemq_consumer_scaled_zero, "fernway-billing-prod", "2026-11-25T13:00:00Z", 30, "us-east4", "billing-gke"),
    ("envoy-upstream-keepalive-race", scen_b.envoy_keepalive_race, "kestrel-accounts-prod", "2026-08-19T11:15:00Z", 25, "us-central1", "edge-gke"),
    ("loki-ingester-disk-detached", scen_c.loki_disk_detached, "obs-platform-prod", "2026-10-29T10:00:00Z", 35, "us-east1", "-"),
    ("harbor-gc-deleted-untagged-digest", scen_c.harbor_gc_untagged, "shopco-apps-prod", "2026-11-09T02:00:00Z", 40, "us-central1", "apps-prod"),
    ("argocd-prune-deleted-service", scen_c.argocd_prune, "shopco-core-prod", "2026-12-01T16:30:00Z", 30, "europe-west3", "core-prod"),
    ("kong-hpa-blocked-by-quota", scen_d.kong_resourcequota, "shopco-gateway-prod", "2026-11-27T19:00:00Z", 40, "us-central1", "gw-prod"),
    ("gitea-hook-task-sequence-wrap", scen_d.gitea_sequence_overflow, "devtools-git-prod", "2026-09-30T08:45:00Z", 45, "europe-west4", "-"),
    ("healthy-search-gameday", scen_d.healthy_gameday, "shopfront-search-prod", "2026-11-05T14:00:00Z", 40, "us-east1", "search-gke-prod"),
    ("healthy-wordpress-evening", scen_d.healthy_wordpress, "trailhead-wp-prod", "2026-10-16T19:00:00Z", 45, "europe-west1", "-"),
]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    bad = 0
    for n, (iid, fn, proj, start, mins, loc, cl) in enumerate(SPECS):
        g = G(iid, proj, start, mins, seed=1300 + n, location=loc, cluster=cl)
        truth = fn(g)
        probs, cnt = check(g, truth)
        truth = g.write(out, truth)
        print("%-36s %6d entries  %s" % (iid, cnt, "OK" if not probs else probs))
        bad += bool(probs)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
