"""Teachers: anything that can synthesize annotated domain data. One protocol, several implementations."""

from __future__ import annotations

from .base import Teacher, get_teacher, teachers
from .offline import OfflineTeacher

__all__ = ["OfflineTeacher", "Teacher", "get_teacher", "teachers"]
