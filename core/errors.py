"""The one coded error catalogue (spaCy `errors.py` style) and the few exception classes callers catch.

Every message says what was wrong, where (file, line, field, id, offset, task) and what to do. None ever carries
note text or a value the user sent: only paths, line numbers, field names, type names, offsets and counts.
E-codes are raised by the factory's steps (synthesis, training, evaluation, export, review, teachers),
S-codes by the runtime (the batch CLI, the HTTP service, Spark). A published code keeps its meaning.

This module is the base layer: everything may import it, it imports nothing of medkiln.
"""

from __future__ import annotations


class Errors:
    # ---------------------------------------------------------------- factory steps (E)
    E001 = "Unknown domain '{name}'. Registered domains: {available}."
    E005 = "{path}:{line}: span {span} is outside the text (length {length}) or empty."
    E006 = "{path}:{line}: span label '{label}' is not in the domain's label set."
    E013 = "Unknown label map '{name}'. Available: {available}, or a JSON file mapping gold labels to categories."
    E014 = "Backbone '{name}' is not available: {reason}."
    E015 = "Training data '{path}' has no examples."
    E017 = "Command '{cmd}' failed with exit code {code}; see the output above."
    E019 = "Option {option} is {reason}."
    E020 = ("'{path}' is not a training DatasetDict written by medkiln ({reason}); write it again with the step "
            "that wrote the splits (synth, the data step of run, review pull).")
    E021 = ("Domain '{name}' is of kind '{kind}', which no factory kind handles; registered kinds: {available} "
            "(a kind is a module in factory/kinds/ and one line in its registry).")
    # Languages (E501..E549)
    E501 = ("Label map '{name}' is built from the corpus folder's mapping.json; none found (looked at {paths}). "
            "Put the gold file in its corpus folder, beside its mapping.json.")
    E502 = "Domain '{name}' has no language '{lang}'. Languages registered for it: {available}."
    # Review loop / Label Studio: E201..E249. Note extraction: E301..E349. Translation: E401..E449. Adaptation: E551..E599.
    # Note extraction (E301..)
    E301 = "{path}:{line}: {field} item {item} must be {expected}. Fix the record (see domains/notes/schema.v1.json)."
    E302 = "{path}:{line}: {field} item {item} has offsets {span} that match no entity span of the record."
    E303 = "Domain '{name}' is of kind '{kind}'; the extraction chain needs a domain of kind 'extraction'."
    E304 = "No head entities with an assertion status in '{path}'; the assertion classifier cannot be trained."
    E201 = "No Label Studio URL: pass --url or set LABEL_STUDIO_URL (e.g. http://127.0.0.1:8080)."
    E202 = "No Label Studio API token: set LABEL_STUDIO_API_KEY or pass --token-file FILE."
    E203 = "Token file '{path}' is missing or empty."
    E204 = "Label Studio at {url} did not answer ({reason}). Is the server running (`make labelstudio`)?"
    E205 = "Label Studio refused {action} (HTTP {status}). Check the token, the project and the server log."
    E206 = "No Label Studio project named '{project}' on {url}; push to it first."
    E207 = "Several Label Studio projects are named '{project}' (ids {ids}); rename all but one."
    E208 = "label-studio-sdk is not installed; install the review extra: pip install 'medkiln[review]'."
    E209 = ("Label Studio server not found at '{path}'; run `make labelstudio` (creates .venv-ls) or set "
            "MEDKILN_LABEL_STUDIO to the `label-studio` executable.")
    E210 = "Label Studio did not become ready on {url} within {seconds} s; see its log '{log}'."
    E211 = "Port {port} on 127.0.0.1 is already taken; choose another with --port."
    E212 = "Unknown review selection '{name}'; choose uncertainty, disagreement or random."
    E213 = "Unknown conflict rule '{name}'; choose majority, latest or drop."
    E214 = "{where}: task {task}: result item {item} {reason}."
    E215 = "Domain kind '{kind}' is not supported by review; supported: spans, extraction, translation."
    E216 = "'{path}' is not a Label Studio JSON export (expected a JSON list of tasks)."
    E217 = "--budget must be a positive number of tasks, got {budget}."
    E218 = "{path}:{line}: record has no field '{field}' needed for a {kind} task."
    E219 = ("--model pre-annotates span domains only; for a {kind} domain push the records its student or "
            "teacher wrote (they carry the choices or translations).")
    E220 = "{path}:{line}: id '{id}' was already used on line {first}; task ids must be unique."
    # Translation (E401..)
    E401 = ("Language '{lang}' has no resource file in domains/translation/languages/ (available: {available}); "
            "add {lang}.json with the same template and lexicon ids to support it.")
    E402 = "Translation needs two different languages; got --src {src} --tgt {tgt}."
    E403 = ("Only {kept} parallel pairs are left for training after filtering ({total} before; see the data card); "
            "at least {needed} are needed. Raise --n or loosen the filters.")
    E404 = "Base model '{path}' is not a local Marian checkpoint ({reason}); pass a folder saved by save_pretrained."
    E405 = ("Checkpoint '{path}' was written by a run with other settings ({what}); use the same settings, or "
            "remove the folder to start over.")
    E406 = ("The {side} text is too small for a SentencePiece vocabulary ({reason}); generate more pairs (--n).")
    E407 = "{path}:{line}: parallel record has no usable field '{field}' (a non-empty string is needed)."
    E408 = "CTranslate2 conversion of '{path}' failed ({reason})."
    E409 = "'{package}' is needed for {what}; install it with: pip install 'medkiln[translation]'."
    E410 = "Domain '{name}' is of kind '{kind}'; the translation chain needs a domain of kind 'translation'."
    E411 = ("Translation teacher '{name}' is unknown (available: {available}); pass --teacher template, apertium "
            "or openai (repeat --teacher to combine them).")
    E412 = ("The documents in '{path}' gave no sentence to translate ({records} records read, {bad} bad); "
            "check --documents and the text field ('{field}').")
    E413 = "Option {option} needs {needs}."
    E420 = "The Apertium teacher needs the `apertium` command, which is not installed. Install it with: {command}"
    E421 = "Apertium failed at step '{step}' (exit status {code})."
    E422 = ("No installed Apertium pair or pivot leads from '{src}' to '{tgt}' (installed: {pairs}). Install the "
            "language pair packages (e.g. {command}), or use another teacher.")
    # Language folders of the synthesizers (deid grammars and lexicons, note tables) (E451..)
    E451 = "Grammar '{path}': {field} {problem}. Fix the grammar file (its format: domains/deid/synth/grammar.py)."
    E452 = ("No language folder '{lang}' for the de-identification synthesizer in '{folder}' (available: "
            "{available}); add the folder with its grammars/ and lexicons/.")
    E453 = ("Synthesis table '{path}': {where} {reason}. Fix the data file (its layout is described in {loader}).")
    # Adaptation to the user's own notes (E551..)
    E551 = ("The notes in '{path}' gave no text to adapt on ({records} records read, {bad} bad); check NOTES and "
            "the text field ('{field}').")
    E552 = ("Model '{name}' is not a CNN student (components: {components}); `medkiln adapt` retrains the CNN: "
            "pass the package or folder `medkiln train --backbone cnn` or `make demo` made.")
    E553 = ("Synthetic training data '{path}' is missing; pass --data, the folder `medkiln synth` wrote "
            "(train.jsonl, dev.jsonl).")
    # Teachers (E101..)
    E101 = ("Teacher URL '{url}' is not a loopback or private address and the input is marked as real data; "
            "use a local server, or pass --allow-remote-teacher if sending real notes there is permitted.")
    E102 = "Teacher '{name}' needs {missing}; pass it on the command line or in the teacher settings."
    E103 = "Prompt template '{template}' not found in '{folder}'; add it to the domain's prompts/ folder."
    E104 = "Teacher '{name}' cannot {task}; choose a teacher that supports it."
    E106 = "The `openai` package is needed for LLM teachers; install the llm extra: pip install 'medkiln[llm]'."
    # ---------------------------------------------------------------- runtime: batch, HTTP, Spark (S)
    # Usage errors: the run does not start (exit status 2).
    S001 = ("Model '{name}' could not be loaded: it is neither an installed spaCy package nor a pipeline "
            "folder ({reason}).")
    S002 = "Input '{path}' does not exist."
    S003 = "Cannot detect the format of '{path}'; pass --format (txt, dir, jsonl, csv, parquet)."
    S004 = "Output '{output}' is the input, lies inside it or contains it; choose another output path."
    S005 = "Unknown operator '{name}'. Available: {available}."
    S006 = "Key file '{path}' {reason}; it must hold at least 16 bytes, readable by its owner only."
    S007 = "'{path}' has no column '{field}'. Columns: {available}. Use --text-field/--id-field/--group-field."
    S008 = "'{path}': column '{field}' must hold strings, its type is {got}."
    S009 = ("'{partial}' was written by a run with other input or options ({what}); run again with the same "
            "input and options, or without --resume to start over.")
    S010 = "Option {option} {reason}."
    S011 = ("'{spool}' is out of step with the input at unit {index}: the input changed during the run. Run "
            "again without --resume.")
    S012 = ("Output '{path}' already exists; choose a new path, or pass --overwrite to replace it (a folder keeps "
            "every file medkiln does not write).")
    S013 = "Cannot write beside the output in '{folder}' ({reason}); choose a folder you can write to."
    S014 = ("The input changed since the interrupted run (its first {units} units differ from what was written); "
            "run again without --resume to start over.")
    S015 = "'{path}' names the column '{field}' {count} times; give every column a distinct name."
    S016 = "Input '{path}' cannot be read as {fmt} ({reason})."
    S017 = "{first} and {second} are the same file ('{path}'); give each output its own path."
    S018 = "Unknown text encoding '{name}'; use a Python codec name such as utf-8, latin-1 or cp1252."
    # Record errors: reported in the errors file; the record is left out and the run goes on (exit 1).
    S020 = "{path}:{line}: not valid JSON ({reason} at column {column}). Fix or remove that line."
    S021 = "{path}:{line}: a record must be a JSON object, got {got}."
    S022 = "{path}:{line}: record has no field '{field}'. Use --text-field/--id-field to name the fields."
    S023 = "{path}:{line}: field '{field}' must be {expected}, got {got}."
    S024 = ("{path}:{line}: bytes are not valid {encoding} at byte offset {offset}; pass --encoding if the file "
            "uses another one.")
    S025 = "{path}:{line}: row has {got} fields, the header has {expected}."
    S026 = "{path}:{line}: {job} of this record failed ({reason}); it was left out."
    S027 = "{path}:{line}: field '{field}' holds bytes that are not valid {encoding}."
    S028 = ("{path}:{line}: field '{field}' holds an unpaired surrogate (a \\ud800-\\udfff escape) at offset "
            "{offset}, which is not valid Unicode.")
    S029 = "{path}: cannot be read ({reason}); it was left out."
    S030 = ("{path}: is a symbolic link that leads outside the input folder; it was left out (copy the file into "
            "the folder to include it).")
    S032 = "{path}:{line}: not a readable CSV row ({reason}); it was left out."
    S031 = "{path}:{line}: the output of this record cannot be written in {encoding}; it was left out."
    # HTTP service (`medkiln serve`): answered as {"error": {"code", "message", ...}}, never with note text.
    S040 = "Request body is not valid JSON ({reason} at line {line}, column {column})."
    S041 = "Request body is not valid UTF-8 (first bad byte at offset {offset})."
    S039 = ("Request body holds an unpaired surrogate escape (\\ud800-\\udfff) in '{where}': that is not valid "
            "Unicode text.")
    S042 = "Request body is empty; send a JSON object."
    S043 = "Request body is larger than the limit of {limit} bytes (--max-body-bytes)."
    S044 = "Request holds {got} records; the limit is {limit} per request (--max-records)."
    S045 = "Field '{field}' holds {got} characters; the limit is {limit} (--max-text-chars)."
    S046 = "Invalid request: {count} field error(s); see 'fields' (location and problem, never the value)."
    S047 = "The 'model' field names no loaded model (it is not echoed here). Loaded models: {available}."
    S048 = "Model '{name}' cannot serve {what}: {why}. Models that can: {available}."
    S049 = "Missing or wrong API key: send 'Authorization: Bearer KEY' or 'X-API-Key: KEY'."
    S050 = "Internal error ({reason}); the request was not processed and the server keeps serving."
    S051 = "No route {method} {path}; see /docs or /openapi.json."
    S052 = "Send either 'text' or 'records', not both and not neither."
    S053 = "Models are still loading; try again shortly."
    S054 = ("Field 'seed' is not accepted by this server: a client-chosen seed makes surrogates and date shifts "
            "predictable. Start the server with --allow-client-seed to permit it.")
    # `medkiln serve` usage errors (the server does not start).
    S055 = ("Refusing to bind {host} without API keys: set MEDKILN_API_KEYS or --api-key-file, "
            "or bind 127.0.0.1.")
    S056 = "API key file '{path}' {reason}."
    S057 = "'{what}' needs the '{extra}' extra: pip install 'medkiln[{extra}]'."
    S058 = "Two models are named '{name}'; name them with --model NAME=PATH."
    # Spark (`serving.spark`, `medkiln deid-spark`).
    S060 = "DataFrame has no column '{field}'. Columns: {available}."
    S061 = "Column '{field}' must hold strings, its type is {got}."
    S062 = ("Spark has no line numbers: operator '{operator}'{shift} needs --id-field or --group-field so "
            "records are grouped as `medkiln deid` groups them.")
    S063 = "Output '{output}' already exists; choose another path (the input is never overwritten)."
    S064 = "Column '{field}' already exists in the input; choose another --audit-column."
    # Note extraction (`medkiln extract`, serving.medkiln_notes): S070..S089.
    S070 = ("Model '{name}' has no {component} component; pass a note-extraction package such as "
            "en_medkiln_notes, or its folder.")
    S071 = "{path}:{line}: field '{field}' {reason} (expected a list of [start, end, label] or {{start, end, label}})."
    S072 = "{path}:{line}: field '{field}' item {item}: {reason}."
    # Languages (`medkiln deid --lang`, serving.languages): S110..S119.
    S110 = ("No de-identification package for language '{lang}': '{package}' is not installed. Build and install "
            "it with `medkiln run deid --lang {lang} --install`, or pass --model.")
    S111 = ("--lang auto found no installed de-identification package (looked for {pattern} with xx one of "
            "{languages}). Install one with `medkiln run deid --lang xx --install`.")
    S112 = ("The record is in language '{lang}' (probability {prob}) and no installed package reads it; install "
            "'{package}' or pass --lang with the language to read it as.")
    S113 = "--lang auto needs py3langid (it ships its language model): pip install py3langid."
    S114 = "Give --lang or --model, not both (--lang {lang} picks the package itself)."
    S115 = "No loaded de-identification model reads language '{lang}'. Loaded languages: {available}."
    # Translation (`medkiln translate`, the `medkiln_translator` component): S090..S109.
    S090 = ("Model '{name}' has no translator (a `medkiln_translator` component); pass a translation package "
            "such as en_medkiln_mt_de, or its folder.")
    S092 = "Translator backend '{backend}' is not available ({reason}); use 'auto', 'hf' or 'ct2'."


class MedkilnError(Exception):
    """An error a user can act on: `code`, the `fields` it names, and `message` (never note text)."""

    def __init__(self, code: str, /, **fields: object) -> None:
        self.code = code
        self.fields = fields
        self.message = getattr(Errors, code).format(**fields)
        super().__init__(f"[{code}] {self.message}")


class UsageError(MedkilnError):
    """The run cannot start: bad paths, options, model or header (exit status 2)."""


class RecordError(MedkilnError):
    """One bad input record: reported with its file and line; the run goes on (exit status 1)."""


class TeacherError(MedkilnError):
    """A teacher set-up error: bad settings, the privacy guard, a missing prompt template."""


__all__ = ["Errors", "MedkilnError", "RecordError", "TeacherError", "UsageError"]
