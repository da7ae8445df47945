"""Generate all 14 incidents into the parent folder. python3 generate.py"""
import set_a, set_b, set_c, set_d
for m, fns in ((set_a, ["cassandra", "consul", "pulsar", "ceph"]), (set_b, ["minio", "temporal", "trino", "jenkins"]),
               (set_c, ["petclinic", "ignite", "nextcloud", "gitea"]), (set_d, ["hotrod", "mastodon"])):
    for f in fns: getattr(m, f)()
