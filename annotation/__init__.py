"""Label Studio review: labeling configs from the domain spec, push/pull/status against a real server, and
offline task exchange (what differs by domain kind lives in `annotation.kinds`). Heavy pieces (label-studio-sdk,
spaCy) are imported lazily by the functions that need them."""

from .convert import to_task
from .kinds import labeling_config
from .pull import records_from_tasks

__all__ = ["labeling_config", "records_from_tasks", "to_task"]
