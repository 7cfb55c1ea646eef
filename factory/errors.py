"""The coded error catalogue (spaCy `errors.py` style).

Messages say what was wrong, where (file, line, field, id) and what to do. They never carry note text.
"""

from __future__ import annotations


class Errors:
    E001 = "Unknown domain '{name}'. Registered domains: {available}."
    E002 = "{path}:{line}: not valid JSON ({reason}). Fix or remove that line."
    E003 = "{path}:{line}: record has no field '{field}'. Use --text-field/--id-field to name the fields."
    E004 = "{path}:{line}: field '{field}' must be {expected}, got {got}."
    E005 = "{path}:{line}: span {span} is outside the text (length {length}) or empty."
    E006 = "{path}:{line}: span label '{label}' is not in the domain's label set."
    E007 = "Output '{output}' is the input or lies inside it; choose another output path."
    E008 = "Input '{path}' does not exist."
    E009 = "Cannot detect the format of '{path}'; pass --format (txt, dir, jsonl, csv, parquet)."
    E011 = "{path}:{line}: bytes are not valid UTF-8 at offset {offset}."
    E012 = "Unknown operator '{name}'. Available: {available}."
    E013 = "Unknown label map '{name}'. Available: {available}, or a JSON file mapping gold labels to categories."
    E014 = "Backbone '{name}' is not available: {reason}."
    E015 = "Training data '{path}' has no examples."
    E016 = "'{path}' already exists; pass --force to replace it."
    E017 = "Command '{cmd}' failed with exit code {code}; see the output above."
    E018 = "Key file '{path}' must hold at least 16 bytes."
    E019 = "Option {option} is {reason}."
    # Review loop / Label Studio: E201..E249. Note extraction: E301..E349. Translation: E401..E449.
    # Note extraction (E301..)
    E301 = "{path}:{line}: {field} item {item} must be {expected}. Fix the record (see domains/notes/schema.v1.json)."
    E302 = "{path}:{line}: {field} item {item} has offsets {span} that match no entity span of the record."
    E303 = "Domain '{name}' is of kind '{kind}'; the extraction chain needs a domain of kind 'extraction'."
    E304 = "No head entities with an assertion status in '{path}'; the assertion classifier cannot be trained."
    E305 = "'{path}' has no usable rows for {what}; check the file and its fields ({fields})."
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
    # Teachers (E101..)
    E101 = ("Teacher URL '{url}' is not a loopback or private address and the input is marked as real data; "
            "use a local server, or pass --allow-remote-teacher if sending real notes there is permitted.")
    E102 = "Teacher '{name}' needs {missing}; pass it on the command line or in the teacher settings."
    E103 = "Prompt template '{template}' not found in '{folder}'; add it to the domain's prompts/ folder."
    E104 = "Teacher '{name}' cannot {task}; choose a teacher that supports it."
    E105 = "Unknown teacher '{name}'. Registered teachers: {available}."
    E106 = "The `openai` package is needed for LLM teachers; install the llm extra: pip install 'medkiln[llm]'."


class MedkilnError(Exception):
    """An error a user can act on. The message never contains note text."""

    def __init__(self, code: str, /, **fields: object) -> None:
        self.code = code
        self.fields = fields
        template = getattr(Errors, code)
        super().__init__(f"[{code}] " + template.format(**fields))


class TeacherError(MedkilnError):
    """A teacher set-up error: bad settings, the privacy guard, a missing prompt template."""
