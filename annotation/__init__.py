"""Label Studio review: labeling configs from the domain spec, push/pull/status against a real server, and
offline task exchange. Heavy pieces (label-studio-sdk, spaCy) are imported lazily by the functions that
need them."""

from .config import labeling_config
from .tasks import from_export, skipped_ids, to_tasks

__all__ = ["from_export", "labeling_config", "skipped_ids", "to_tasks"]
