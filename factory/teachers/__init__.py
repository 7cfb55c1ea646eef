"""Teachers: anything that can synthesize or annotate domain data. One protocol, several implementations."""

from __future__ import annotations

from .base import Teacher, get_teacher, teachers
from .offline import OfflineTeacher
from .openai_teacher import OpenAITeacher
from .stats import RunStats

__all__ = ["OfflineTeacher", "OpenAITeacher", "RunStats", "Teacher", "get_teacher", "teachers"]
