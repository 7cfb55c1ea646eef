"""Label Studio review: labeling configs from the domain spec and offline task exchange."""

from .config import labeling_config
from .tasks import from_export, skipped_ids, to_tasks

__all__ = ["from_export", "labeling_config", "skipped_ids", "to_tasks"]
