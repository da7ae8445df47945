"""Template mining stage: LogRecords -> MiningResult.

`TemplateMiner` wraps drain3 (masking, caches, a constant-word merge guard and template
post-merging); `mine()` adds per-template statistics, window totals and cluster links.
"""

from rca.mining.masking import PLACEHOLDERS, mask, to_star
from rca.mining.miner import MinerConfig, TemplateMiner
from rca.mining.stats import mine

__all__ = ["PLACEHOLDERS", "MinerConfig", "TemplateMiner", "mask", "mine", "to_star"]
