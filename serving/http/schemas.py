"""Request and response bodies (pydantic): what the OpenAPI document shows."""

from __future__ import annotations

from typing import Any, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field

RecordId = Union[int, str]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: RecordId = Field(description="Kept as given in the answer.")
    text: str
    group: Optional[Union[int, str]] = Field(None, description="Group key (e.g. patient id) for consistent "
                                             "surrogates and date shifts; default: the record id.")


class TextsRequest(BaseModel):
    """Either `text` (one note) or `records` (several, ids kept)."""

    model_config = ConfigDict(extra="forbid")

    text: Optional[str] = None
    records: Optional[list[Record]] = None
    model: Optional[str] = Field(None, description="A loaded model's name (GET /v1/models); default: the first.")


class DeidRequest(TextsRequest):
    operator: Optional[Literal["redact", "mask", "hash", "surrogate"]] = Field(
        None, description="Default: the server's --operator.")
    date_shift: bool = False
    seed: Optional[int] = Field(None, description="Reproducible hashes/surrogates/shifts; default: server key.")
    keep: list[str] = Field(default_factory=list, description="Labels left untouched.")
    hipaa_ages: bool = False
    group: Optional[Union[int, str]] = Field(None, description="Group key for a single `text`.")
    lang: Optional[str] = Field(None, description="The texts' language: xx picks the loaded de-identification model "
                                "of that language; auto identifies it from the request's texts (one language per "
                                "request); surrogates and shifted dates are written in it. Not with `model`.")


class Span(BaseModel):
    start: int
    end: int
    label: str
    kept: Optional[bool] = None


class DeidResult(BaseModel):
    id: Optional[RecordId] = None
    text: str
    phi: list[Span]


class DeidResponse(BaseModel):
    model: str
    text: Optional[str] = None
    phi: Optional[list[Span]] = None
    records: Optional[list[DeidResult]] = None


class NerResult(BaseModel):
    id: Optional[RecordId] = None
    ents: list[Span]


class NerResponse(BaseModel):
    model: str
    ents: Optional[list[Span]] = None
    records: Optional[list[NerResult]] = None


class ExtractResponse(BaseModel):
    model: str
    extraction: Optional[dict[str, Any]] = None
    records: Optional[list[dict[str, Any]]] = None


class TranslateResponse(BaseModel):
    model: str
    translation: Optional[str] = None
    records: Optional[list[dict[str, Any]]] = None


class LSTask(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: Optional[RecordId] = None
    data: dict[str, Any] = Field(default_factory=dict)


class LSPredictRequest(BaseModel):
    model_config = ConfigDict(extra="allow")

    tasks: list[LSTask]
    label_config: Optional[str] = None
    project: Optional[Union[int, str]] = None
    params: Optional[dict[str, Any]] = None


class LSSetupRequest(BaseModel):
    model_config = ConfigDict(extra="allow")

    project: Optional[Union[int, str]] = None
    schema_: Optional[str] = Field(None, alias="schema")
    label_config: Optional[str] = None
