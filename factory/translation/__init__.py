"""The translation family: parallel data from teachers -> filters -> SentencePiece -> MarianMT student ->
sacrebleu evaluation -> CTranslate2 int8 -> export. Heavy dependencies (torch, transformers, peft,
sentencepiece, sacrebleu, ctranslate2) are imported inside functions (the `translation` extra)."""
