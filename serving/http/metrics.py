"""Prometheus metrics for one app (its own registry): requests, latency, records, errors. Never text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


@dataclass
class Metrics:
    registry: Any
    requests: Any
    latency: Any
    records: Any
    errors: Any

    def render(self) -> tuple[bytes, str]:
        from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

        return generate_latest(self.registry), CONTENT_TYPE_LATEST


def make_metrics() -> Metrics:
    from prometheus_client import CollectorRegistry, Counter, Histogram

    registry = CollectorRegistry()
    return Metrics(
        registry=registry,
        requests=Counter("medkiln_http_requests", "HTTP requests by route, method and status.",
                         ["route", "method", "status"], registry=registry),
        latency=Histogram("medkiln_http_request_seconds", "Request latency by route.", ["route"],
                          buckets=BUCKETS, registry=registry),
        records=Counter("medkiln_records", "Records (texts) processed by route and model.", ["route", "model"],
                        registry=registry),
        errors=Counter("medkiln_http_errors", "Error answers by route and error code.", ["route", "code"],
                       registry=registry),
    )
