"""TemplateMiner: drain3 behind masking, caches, a merge guard and template post-merging.

Streaming, per message:

1. exact-message cache (repeated lines skip everything below);
2. masking (`rca.mining.masking`), token by token through a token cache: named placeholders for
   ids, numbers, addresses, paths, timestamps, quoted and key=value values;
3. masked-message cache (lines that differ only in masked values skip the tree search);
4. drain3 tree search on at most `max_tokens` tokens (the raw text is kept whole elsewhere), at most
   `max_leaf_scan` clusters per leaf, with a guard: two different *plain words* never match
   ("established"/"refused", "GET"/"POST", "Paused"/"Resumed" stay apart); generalised tokens keep
   their key and brackets ("uid=<*>", "(<*>)"); placeholders of any kind match each other.

At the end, `final_groups()` post-merges drain clusters (union-find, deterministic):

- families: same-length templates equal everywhere but one slot merge when the slot is a variable:
  placeholders / digits / punctuation, or at least `word_family_min` different plain words that are
  neither state words nor ALL_CAPS enums, and not the first token (many names in one slot are
  values; two or three words are different events); then clusters that fit a generalised template
  join it;
- token-count independence: templates equal once runs of placeholders are collapsed, and an
  alignment merge (difflib) of templates whose differing stretches are values with at most one
  word ("7 bytes sent" / "7 bytes (1.2 KB) sent").

Group keys returned by `add` are drain3 cluster ids: drain3 keeps them stable while the cluster's
template changes, and this class keeps its own reference to every cluster, so drain3's LRU
eviction (`max_clusters`) can never lose one. Loghub-2k (16 datasets, one configuration):
GA 0.967 / PA 0.834 / FGA 0.934 vs plain drain3 0.749 / 0.337 / 0.742 (`rca eval loghub`).
"""

from __future__ import annotations

import difflib
import functools
import re
from collections import defaultdict
from typing import Sequence

from drain3 import TemplateMiner as Drain3TemplateMiner
from drain3.drain import Drain, LogCluster, Node
from drain3.template_miner_config import TemplateMinerConfig
from pydantic import BaseModel, Field

from rca.mining.masking import PLACEHOLDER_RE, PLACEHOLDER_SET, STATE_WORDS, Masker, is_state_word

STAR = "<*>"
_MAX_FAMILIES = 50_000  # open word families kept (a few hundred bytes each)


class MinerConfig(BaseModel):
    """The template-mining configuration. The defaults are THE configuration rca uses."""

    sim_th: float = Field(0.4, description="drain similarity threshold (share of equal tokens)")
    depth: int = Field(5, description="drain tree depth (token-count level + depth-3 prefix tokens)")
    max_children: int = 100
    max_clusters: int = Field(50_000, description="drain3 LRU size of the wrapped TemplateMiner; the tree rca "
                                                  "searches keeps every cluster until rca.mining.stats folds it")
    max_leaf_scan: int = Field(100, description="clusters compared per message in one tree leaf")
    max_tokens: int = Field(64, description="tokens used for matching; raw text is kept whole")
    cache_size: int = Field(50_000, description="entries per cache generation (masked messages, masker)")
    guard_constant_words: bool = Field(True, description="never merge differing constant words")
    post_merge: bool = True
    align_merge: bool = Field(True, description="post-merge templates of different lengths by alignment")
    post_merge_max_bucket: int = Field(5_000, description="skip family post-merge in larger buckets")
    word_family_min: int = Field(3, description="distinct plain words that make a slot a variable")
    online_families: bool = Field(True, description="make such a slot a variable in the tree as soon as "
                                                    "the words are seen (one cluster per family, not per word)")

    def describe(self) -> str:
        merges = "families+collapse+align" if self.post_merge and self.align_merge else (
            "families+collapse" if self.post_merge else "off")
        return (
            f"drain3 0.9.11 sim_th={self.sim_th} depth={self.depth} max_tokens={self.max_tokens}, "
            f"named masks, word guard {'on' if self.guard_constant_words else 'off'}, "
            f"post-merge {merges} (word slots >= {self.word_family_min})"
        )


_WORD_RE = re.compile(r"[A-Za-z][A-Za-z_'-]*[A-Za-z]\d?|[A-Za-z]")  # a word, "eth0", "SOCKS5"
_STRIP = ".,:;!?()[]{}\"'"
_VARIABLE_WORDS = frozenset({"true", "false", "null", "nil", "undefined"})
_SUBTOKEN_RE = re.compile(r"<[A-Z*]+>|[A-Za-z0-9_]+|\s+|.")
_KEY_END = frozenset("=:(")
_OPENERS = frozenset("([{\"'")
_CLOSERS = frozenset(")]}\"',.;:")


@functools.lru_cache(maxsize=1 << 16)
def _plain_word(token: str) -> str | None:
    """The word a token holds when it is letters only (plus surrounding punctuation), else None.

    A key=value / key:value token yields its value. Booleans and nulls are values, not words.
    """
    if "<" in token:
        return None
    t = token.strip(_STRIP)
    if not t:
        return None
    for sep in ("=", ":"):
        if sep in t:
            t = t.rsplit(sep, 1)[1].strip(_STRIP)
    if t and _WORD_RE.fullmatch(t) and t.lower() not in _VARIABLE_WORDS:
        return t
    return None


# a dotted name as a line's first token: an API method or a class path
# ('google.cloud.kms.v1.KeyManagementService.UpdateCryptoKeyVersion', 'io.k8s.core.v1.pods.delete')
_DOTTED_NAME = re.compile(r"[A-Za-z][\w-]*(?:\.[A-Za-z][\w-]*)+")


def _names_event(token: str) -> bool:
    """Does a line's first token name its event: a plain word, or a dotted method or class name?
    Audit lines begin with the method called; two methods are two events (a key disabled is not
    a key read), though what follows them (`OK by <EMAIL> on <*>`) is the same."""
    return _plain_word(token) is not None or "<" not in token and _DOTTED_NAME.fullmatch(token) is not None


def _constant_like(token: str) -> bool:
    w = _plain_word(token)
    return w is not None and is_state_word(w)


def _has_constant(token: str) -> bool:
    """Does the token carry literal text (not just placeholders and punctuation)?"""
    if token in PLACEHOLDER_SET:
        return False
    return any(ch.isalpha() for ch in PLACEHOLDER_RE.sub("", token))


def _generalise(values) -> str:  # noqa: ANN001 - iterable of tokens
    """One template token for differing tokens: keeps a shared key prefix ("user=", "(") and
    shared closing punctuation, and a shared placeholder name; otherwise <*>."""
    vals = list(dict.fromkeys(values))
    if len(vals) == 1:
        return vals[0]
    if all(v in PLACEHOLDER_SET for v in vals):
        return STAR
    subs = [_SUBTOKEN_RE.findall(v) for v in vals]
    # common prefix of sub-tokens, cut after the last key end ("=", ":", "(") or punctuation run
    pre = 0
    first = subs[0]
    while all(len(x) > pre for x in subs) and all(x[pre] == first[pre] for x in subs):
        pre += 1
    cut = 0
    for i in range(pre):
        tok = first[i]
        if tok in _KEY_END or (i == cut and tok in _OPENERS):
            cut = i + 1
    pre = cut
    suf = 0
    while all(len(x) - pre > suf for x in subs) and all(x[-1 - suf] == first[-1 - suf] for x in subs):
        suf += 1
    # keep only a punctuation-only suffix
    keep = 0
    for i in range(1, suf + 1):
        tok = first[-i]
        if tok in _CLOSERS:
            keep = i
        else:
            break
    prefix = "".join(first[:pre])
    suffix = "".join(first[len(first) - keep :]) if keep else ""
    return prefix + STAR + suffix


def _shape(token: str) -> str:
    """The token with every placeholder written <*> (tokens of one shape differ only in values)."""
    return PLACEHOLDER_RE.sub(STAR, token) if "<" in token else token


def _token_matches(template_token: str, token: str) -> bool:
    """Does `token` fit a generalised template token such as "user=<*>" or "(<*>)"?"""
    pre, _, suf = template_token.partition(STAR)
    return len(token) >= len(pre) + len(suf) and token.startswith(pre) and token.endswith(suf)


def _fits(template: Sequence[str], tokens: Sequence[str], word_slots: tuple[int, ...]) -> bool:
    """Do the tokens fit a template whose `word_slots` are variables, token by token?"""
    if len(template) != len(tokens):
        return False
    for a, b in zip(template, tokens):
        if a == b:
            continue
        if STAR in a:
            if _token_matches(a, b):
                continue
        elif a in PLACEHOLDER_SET and b in PLACEHOLDER_SET:
            continue
        return False
    return not any(_constant_like(tokens[p]) for p in word_slots)


class _GuardedDrain(Drain):
    """drain3's Drain where two different plain words never match.

    Whether a slot holding words is a variable (user names) or part of the event ("VM Paused" /
    "VM Resumed") cannot be told from two messages; the post-merge decides it from all clusters.
    Named placeholders of different kinds (`<IP>` / `<HOST>`) count as matching variables, and a
    generalised token keeps its key and brackets ("uid=<*>", "(<*>)").
    """

    guard = True

    def get_seq_distance(self, seq1, seq2, include_params: bool):  # noqa: ANN001 - drain3 signature
        if not seq1:
            return 1.0, 0
        sim_tokens = 0
        param_count = 0
        guard = self.guard
        if guard and seq1[0] != seq2[0] and _names_event(seq1[0]) and _names_event(seq2[0]):
            return -1.0, 0  # two events named first (see _names_event)
        for token1, token2 in zip(seq1, seq2):
            if token1 == token2:
                if token1 == STAR:
                    param_count += 1
                else:
                    sim_tokens += 1
                continue
            if token1 == STAR:
                param_count += 1
                continue
            if STAR in token1:
                if _token_matches(token1, token2):
                    param_count += 1
                    continue
            elif token1 in PLACEHOLDER_SET and token2 in PLACEHOLDER_SET:
                sim_tokens += 1
                continue
            if guard and _plain_word(token1) is not None and _plain_word(token2) is not None:
                return -1.0, 0
        if include_params:
            sim_tokens += param_count
        return sim_tokens / len(seq1), param_count

    max_scan = 100
    # cluster id -> positions made variables by an online word family (TemplateMiner._family):
    # a state word ("failed", "STARTED") there is still part of the event, never a value
    word_slots: dict[int, tuple[int, ...]]  # set per instance by TemplateMiner
    leaf_of: dict[int, Node]  # cluster id -> its leaf, for `forget`; set per instance by TemplateMiner

    def fast_match(self, cluster_ids, tokens, sim_th: float, include_params: bool):  # noqa: ANN001
        """drain3's fast_match, scanning at most `max_scan` clusters of a leaf, newest first.

        Bounds the cost per message when a leaf fills with clusters that never merge (free text);
        a template split in two this way is joined again by the post-merge (equal templates).
        """
        max_sim = -1.0
        max_param_count = -1
        max_cluster = None
        scanned = 0
        id_to_cluster = self.id_to_cluster
        word_slots = self.word_slots
        # the message's first plain word: a cluster holding another plain word there is refused
        # by the guard, so it is passed over without a full comparison (free text: most of them)
        first, word = -1, ""
        if self.guard:
            for i, tok in enumerate(tokens):
                if _plain_word(tok) is not None:
                    first, word = i, tok
                    break
        for cluster_id in reversed(cluster_ids):
            cluster = id_to_cluster.get(cluster_id)
            if cluster is None:
                continue
            scanned += 1
            if scanned > self.max_scan:
                break
            if first >= 0:
                t = cluster.log_template_tokens[first]
                if t != word and _plain_word(t) is not None:
                    continue
            if word_slots and cluster_id in word_slots:
                # a family's cluster takes what fits it token by token (as the post-merge joins
                # templates differing in one slot only), and never a state word in its word slot
                if not _fits(cluster.log_template_tokens, tokens, word_slots[cluster_id]):
                    continue
            cur_sim, param_count = self.get_seq_distance(cluster.log_template_tokens, tokens, include_params)
            if cur_sim > max_sim or (cur_sim == max_sim and param_count >= max_param_count):
                max_sim = cur_sim
                max_param_count = param_count
                max_cluster = cluster
        return max_cluster if max_sim >= sim_th else None

    def add_seq_to_prefix_tree(self, root_node, cluster: LogCluster) -> None:  # noqa: ANN001
        """drain3's method, less its clean-up of the whole leaf for every new cluster (O(leaf size)
        each: quadratic when free text fills one leaf). Clusters are dropped only by `forget`,
        which takes them out of their leaves."""
        tokens = cluster.log_template_tokens
        token_count = len(tokens)
        cur_node = root_node.key_to_child_node.get(str(token_count))
        if cur_node is None:
            cur_node = root_node.key_to_child_node[str(token_count)] = Node()
        if token_count == 0:
            cur_node.cluster_ids = [cluster.cluster_id]
            self.leaf_of[cluster.cluster_id] = cur_node
            return
        param = self.param_str
        current_depth = 1
        for token in tokens:
            if current_depth >= self.max_node_depth or current_depth >= token_count:
                cur_node.cluster_ids.append(cluster.cluster_id)
                self.leaf_of[cluster.cluster_id] = cur_node
                return
            children = cur_node.key_to_child_node
            nxt = children.get(token)
            if nxt is None:
                if self.parametrize_numeric_tokens and self.has_numbers(token):
                    nxt = children.get(param) or children.setdefault(param, Node())
                elif param in children:
                    if len(children) < self.max_children:
                        nxt = children[token] = Node()
                    else:
                        nxt = children[param]
                elif len(children) + 1 < self.max_children:
                    nxt = children[token] = Node()
                elif len(children) + 1 == self.max_children:
                    nxt = children[param] = Node()
                else:
                    nxt = children[param]
            cur_node = nxt
            current_depth += 1

    def forget(self, keys: Sequence[int]) -> None:
        """Remove clusters from the tree: each from its leaf (one pass per leaf touched)."""
        leaves: dict[int, Node] = {}
        for k in keys:
            self.id_to_cluster.pop(k, None)
            self.word_slots.pop(k, None)
            node = self.leaf_of.pop(k, None)
            if node is not None:
                leaves[id(node)] = node
        gone = set(keys)
        for node in leaves.values():
            node.cluster_ids = [c for c in node.cluster_ids if c not in gone]

    def create_template(self, seq1, seq2):  # noqa: ANN001 - drain3 signature
        return [b if a == b else (b if STAR in b and _token_matches(b, a) else _generalise((a, b))) for a, b in zip(seq1, seq2)]


class _Gen2Cache:
    """A bounded mapping with two generations: cheap, approximately least-recently-used."""

    __slots__ = ("size", "new", "old")

    def __init__(self, size: int) -> None:
        self.size = max(1, size)
        self.new: dict = {}
        self.old: dict = {}

    def get(self, key):  # noqa: ANN001, ANN201
        v = self.new.get(key)
        if v is None:
            v = self.old.get(key)
            if v is not None:
                self.put(key, v)
        return v

    def put(self, key, value) -> None:  # noqa: ANN001
        if len(self.new) >= self.size:
            self.old = self.new
            self.new = {}
        self.new[key] = value

    def clear(self) -> None:
        self.new = {}
        self.old = {}


def _collapse_key(tokens: Sequence[str]) -> tuple[str, ...]:
    """Tokens with every placeholder written <*> and runs of variable-only tokens collapsed."""
    out: list[str] = []
    for tok in tokens:
        if tok in PLACEHOLDER_SET:
            if out and out[-1] == STAR:
                continue
            out.append(STAR)
        else:
            out.append(tok)
    return tuple(out)


class TemplateMiner:
    """Streaming template miner. Keys returned by `add` are stable for the miner's lifetime."""

    def __init__(self, config: MinerConfig | None = None) -> None:
        self.config = config or MinerConfig()
        c = self.config
        tmc = TemplateMinerConfig()  # always explicit: drain3 otherwise reads ./drain3.ini
        tmc.drain_sim_th = c.sim_th
        tmc.drain_depth = c.depth
        tmc.drain_max_children = c.max_children
        tmc.drain_max_clusters = c.max_clusters
        tmc.parametrize_numeric_tokens = True
        self._tm = Drain3TemplateMiner(config=tmc)
        drain = _GuardedDrain(
            sim_th=c.sim_th,
            depth=c.depth,
            max_children=c.max_children,
            max_clusters=None,  # a plain dict: rca bounds live clusters itself (TemplateMiner.forget)
            param_str=STAR,
            parametrize_numeric_tokens=True,
        )
        drain.guard = c.guard_constant_words
        drain.max_scan = c.max_leaf_scan
        drain.word_slots = {}
        drain.leaf_of = {}
        # online word families: (slot, hash of the other tokens' shapes) -> [{word: token}, cluster
        # ids] while open; the slot's generalised token ("user=<*>") once it is a variable
        self._families: dict[tuple[int, int, int], list | str] = {}
        self._tm.drain = drain
        self._drain = drain
        self._clusters: dict[int, LogCluster] = {}
        # masked message -> key. (A cache of raw messages in front of it is not worth having: its
        # hit returns what this cache holds for the message's masked text whenever that is still
        # there, and hashing every raw message cost about what masking a repeated one saves.)
        self._masked_cache = _Gen2Cache(c.cache_size)
        self._max_tokens = c.max_tokens
        self._use_cache = True
        self._masker = Masker(c.cache_size)
        self._masked = self._masker.masked  # message, limit -> the text drain sees
        self._final: dict[int, int] | None = None
        self._templates: dict[int, str] = {}

    # ------------------------------------------------------------------ streaming

    def add(self, message: str) -> int:
        """Add one message; return its group key (a drain3 cluster id)."""
        joined = self._masked(message, self._max_tokens)
        key = self._masked_cache.get(joined) if self._use_cache else None
        return self._drain_new(joined) if key is None else key

    def add_batch(self, messages: Sequence[str], masked: Sequence[str] | None = None) -> list[int]:
        """`add` for many messages at once (same keys, same cache behaviour, less overhead).

        masked: `masked_message(m)` for every message, when computed elsewhere.
        """
        if not self._use_cache:
            return [self.add(m) for m in messages]
        if masked is None:
            masked_of = self._masked
            max_tokens = self._max_tokens
            masked = [masked_of(m, max_tokens) for m in messages]
        get = self._masked_cache.get
        keys: list[int] = []
        for joined in masked:
            key = get(joined)
            keys.append(self._drain_new(joined) if key is None else key)
        return keys

    def _drain_new(self, joined: str) -> int:
        """A masked message the cache does not know: through the drain tree, then cached."""
        cluster, _ = self._drain.add_log_message(joined)
        key = cluster.cluster_id
        if key not in self._clusters:
            self._clusters[key] = cluster
            if self.config.online_families and self.config.post_merge:
                self._family(cluster)
        if self._use_cache:
            self._masked_cache.put(joined, key)
        self._final = None
        return key

    def _family(self, cluster: LogCluster) -> None:
        """Make a word slot a variable in the tree once `word_family_min` different words filled it.

        The guard keeps two plain words from matching, so "Accepted password for alice ..." and
        "... for bob ..." start two clusters; the post-merge joins such a family at the end. Left
        to the end, every distinct name is one more cluster (5,001 user names, 5,001 clusters, and
        the post-merge gave up on buckets that large). The rule is the post-merge's own: not the
        first token, literal text elsewhere, at least `word_family_min` words, none a state word;
        from then on new names land in the family's clusters, whose slot now reads <*>.
        """
        toks = cluster.log_template_tokens
        n = len(toks)
        if n < 2 or n > self._max_tokens:
            return
        shapes = [_shape(x) for x in toks]
        constant = [_has_constant(x) for x in toks]
        constants = sum(constant)
        # chained hashes of every prefix and suffix: the family key of slot p in O(1), not O(n)
        pre = [0] * (n + 1)
        for i, x in enumerate(shapes):
            pre[i + 1] = hash((pre[i], x))
        suf = [0] * (n + 1)
        for i in range(n - 1, -1, -1):
            suf[i] = hash((shapes[i], suf[i + 1]))
        k_min = self.config.word_family_min
        for p in range(1, n):
            word = _plain_word(toks[p])
            if word is None or is_state_word(word):
                continue
            fkey = (p, pre[p], suf[p + 1])
            fam = self._families.get(fkey, ())
            if isinstance(fam, str):  # already a variable: this cluster takes the family's token
                if _token_matches(fam, toks[p]):
                    self._variable_slot(cluster, p, fam)
                continue
            if not fam:
                if constants - constant[p] <= 0:  # no literal text besides the slot
                    continue
                if len(self._families) >= _MAX_FAMILIES:
                    self._families.clear()  # bounded; a family seen again starts over
                fam = self._families[fkey] = [{}, []]
            fam[0][word] = toks[p]
            fam[1].append(cluster.cluster_id)
            if len(fam[0]) >= k_min:
                token = _generalise(sorted(set(fam[0].values())))  # keeps a key: "user=<*>"
                for cid in fam[1]:
                    member = self._clusters.get(cid)
                    if member is not None:
                        self._variable_slot(member, p, token)
                self._families[fkey] = token

    def _variable_slot(self, cluster: LogCluster, p: int, token: str) -> None:
        toks = cluster.log_template_tokens
        if p < len(toks) and STAR not in toks[p]:
            cluster.log_template_tokens = toks[:p] + (token,) + toks[p + 1:]
            slots = self._drain.word_slots
            slots[cluster.cluster_id] = (*slots.get(cluster.cluster_id, ()), p)

    def forget(self, keys: Sequence[int]) -> None:
        """Drop drain clusters for good (their entries were folded elsewhere): a later message
        like them starts a new cluster. The masked-message cache is emptied, as it maps messages
        to keys; the tree's leaves drop the stale ids when next added to (drain3 does that)."""
        for k in keys:
            self._clusters.pop(k, None)
        self._drain.forget(keys)
        self._masked_cache.clear()
        self._final = None

    def masked_message(self, message: str) -> str:
        """The text the drain tree sees for a message (masked, at most `max_tokens` tokens)."""
        return self._masked(message, self._max_tokens)

    def set_cache(self, enabled: bool) -> None:
        """Turn the caches off (for measuring) or on."""
        self._use_cache = enabled
        self._masker = Masker(self.config.cache_size if enabled else 0)
        self._masked = self._masker.masked
        self._masked_cache.clear()

    # ------------------------------------------------------------------ results

    def keys(self) -> list[int]:
        return list(self._clusters)

    def raw_template_tokens(self, key: int) -> tuple[str, ...]:
        return tuple(self._clusters[key].log_template_tokens)

    def final_groups(self) -> dict[int, int]:
        """key -> canonical key after post-merging (identity for clusters that were not merged)."""
        if self._final is None:
            self._compute_final()
        assert self._final is not None
        return dict(self._final)

    def template(self, key: int) -> str:
        """Final template text of the group holding `key`."""
        if self._final is None:
            self._compute_final()
        assert self._final is not None
        return self._templates[self._final[key]]

    def _compute_final(self) -> None:
        clusters = self._clusters
        parent: dict[int, int] = {k: k for k in clusters}
        tmpl: dict[int, tuple[str, ...]] = {k: tuple(cl.log_template_tokens) for k, cl in clusters.items()}

        def find(k: int) -> int:
            while parent[k] != k:
                parent[k] = parent[parent[k]]
                k = parent[k]
            return k

        if self.config.post_merge:
            self._merge_families(parent, tmpl, find)
            # token-count independence: equal once runs of variables are collapsed
            by_key: dict[tuple[str, ...], list[int]] = defaultdict(list)
            for root in {find(k) for k in clusters}:
                by_key[_collapse_key(tmpl[root])].append(root)
            for ks in by_key.values():
                if len(ks) > 1:
                    ks.sort()
                    lengths = {len(tmpl[k]) for k in ks}
                    for other in ks[1:]:
                        parent[other] = ks[0]
                    if len(lengths) > 1:
                        tmpl[ks[0]] = _collapse_key(tmpl[ks[0]])

            if self.config.align_merge:
                self._merge_aligned(parent, tmpl, find)

        self._final = {k: find(k) for k in clusters}
        self._templates = {root: " ".join(tmpl[root]) for root in set(self._final.values())}

    def _merge_aligned(self, parent: dict[int, int], tmpl: dict[int, tuple[str, ...]], find) -> None:  # noqa: ANN001
        """Token-count-independent merge: align two templates word by word (difflib); they merge
        when at least 3 literal tokens line up, most of each side's literal tokens are aligned, and
        every stretch that differs holds a variable and no more words than variables ("sent" vs
        "(<NUM> KB) sent"). The differing stretches become one <*> each."""
        buckets: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for root in sorted({find(k) for k in parent}):
            lits = [x for x in tmpl[root] if _has_constant(x)][:2]
            if len(lits) == 2:
                buckets[tuple(lits)].append(root)
        for roots in buckets.values():
            if len(roots) < 2 or len(roots) > 50:
                continue
            for i, a in enumerate(roots):
                for b in roots[i + 1 :]:
                    ra, rb = find(a), find(b)
                    if ra == rb:
                        continue
                    merged = _align(tmpl[ra], tmpl[rb])
                    if merged is not None:
                        head, other = (ra, rb) if ra < rb else (rb, ra)
                        parent[other] = head
                        tmpl[head] = merged

    def _merge_families(self, parent: dict[int, int], tmpl: dict[int, tuple[str, ...]], find) -> None:  # noqa: ANN001
        """Merge same-length groups that differ in one slot, when that slot is a variable.

        A family is the set of groups equal everywhere but at position p. It merges when the rest
        holds literal text and its values at p look variable (placeholders, digits, punctuation),
        or are plain words, none of them a state / enum word, and at least `word_family_min` of
        them (many different words in one slot are names; two or three are different events).
        Then groups whose tokens fit a generalised template ("user <*> from <*>") join it.
        """
        k_min = self.config.word_family_min
        max_bucket = self.config.post_merge_max_bucket
        for _round in range(4):
            changed = False
            buckets: dict[int, list[int]] = defaultdict(list)
            for root in {find(k) for k in parent}:
                buckets[len(tmpl[root])].append(root)
            for length, roots in buckets.items():
                if len(roots) < 2 or len(roots) > max_bucket or length == 0:
                    continue
                shapes = {r: tuple(_shape(x) for x in tmpl[r]) for r in roots}
                for p in range(length):
                    fam: dict[tuple[str, ...], list[int]] = defaultdict(list)
                    for r in roots:
                        if parent[r] == r:
                            t = shapes[r]
                            fam[t[:p] + t[p + 1 :]].append(r)
                    for rest, members in fam.items():
                        if len(members) < 2:
                            continue
                        values = {tmpl[m][p] for m in members}
                        if not any(_has_constant(x) for x in rest):
                            continue
                        if len(values) > 1:
                            words = [v for v in values if _plain_word(v) is not None or p == 0 and _names_event(v)]
                            if any(w is not None and is_state_word(w) for w in map(_plain_word, words)):
                                continue
                            if words and len(words) == len(values) and (p == 0 or len(words) < k_min):
                                continue  # the first word names the event; few words are events
                        members.sort()
                        head = members[0]
                        for m in members[1:]:
                            parent[m] = head
                        cols = zip(*(tmpl[m] for m in members))
                        tmpl[head] = tuple(_generalise(sorted(set(col))) for col in cols)
                        shapes[head] = tuple(_shape(x) for x in tmpl[head])
                        changed = True
                    roots = [r for r in roots if parent[r] == r]
                changed |= self._absorb(roots, parent, tmpl)
            if not changed:
                break

    @staticmethod
    def _absorb(roots: list[int], parent: dict[int, int], tmpl: dict[int, tuple[str, ...]]) -> bool:
        """Merge groups whose tokens fit a same-length generalised template into it."""
        general = [r for r in roots if parent[r] == r and any(STAR in x for x in tmpl[r])]
        if not general:
            return False
        index: dict[tuple[int, str], list[int]] = defaultdict(list)
        for r in roots:
            for i, tok in enumerate(tmpl[r]):
                if STAR not in tok and tok not in PLACEHOLDER_SET:
                    index[(i, tok)].append(r)
        changed = False
        for g in sorted(general):
            if parent[g] != g:
                continue
            t = tmpl[g]
            anchor = next(((i, x) for i, x in enumerate(t) if STAR not in x and x not in PLACEHOLDER_SET), None)
            if anchor is None:
                continue
            for c in index.get(anchor, ()):
                if c == g or parent[c] != c:
                    continue
                u = tmpl[c]
                ok = True
                for a, b in zip(t, u):
                    if a == b:
                        continue
                    if STAR in a:
                        if _token_matches(a, b) and not _constant_like(b):
                            continue
                    elif a in PLACEHOLDER_SET and b in PLACEHOLDER_SET:
                        continue
                    ok = False
                    break
                if ok:
                    parent[c] = g
                    tmpl[g] = tuple(a if a == b or STAR in a else STAR for a, b in zip(t, u))
                    t = tmpl[g]
                    changed = True
        return changed


def _align(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...] | None:
    """The merged template of two token sequences, or None when they are not one event."""
    sa = [_shape(x) for x in a]
    sb = [_shape(x) for x in b]
    sm = difflib.SequenceMatcher(None, sa, sb, autojunk=False)
    out: list[str] = []
    matched_lit = 0
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            for x, y in zip(a[i1:i2], b[j1:j2]):
                out.append(x if x == y else _generalise((x, y)))
                if _has_constant(x):
                    matched_lit += 1
            continue
        seg = list(a[i1:i2]) + list(b[j1:j2])
        variables = sum(1 for x in seg if not _has_constant(x))
        words = len(seg) - variables
        if variables == 0 or words > 1 or words > variables:
            return None
        if any((w := _plain_word(x)) is not None and w.lower() in STATE_WORDS for x in seg):
            return None
        if not out or out[-1] != STAR:
            out.append(STAR)
    lit_a = sum(1 for x in a if _has_constant(x))
    lit_b = sum(1 for x in b if _has_constant(x))
    if matched_lit < 3 or matched_lit < 0.6 * lit_a or matched_lit < 0.6 * lit_b:
        return None
    return tuple(out)
