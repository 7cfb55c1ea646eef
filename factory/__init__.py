"""medkiln factory: the generic loop (teachers, synthesis, training, evaluation, export, CLI)."""

__version__ = "0.1.0"
