"""The extraction chain (domains of kind "extraction", e.g. `notes`): NER + trained assertion classifier +
attribute linking, their evaluation, and `run` (synth -> train -> evaluate -> export -> install)."""
