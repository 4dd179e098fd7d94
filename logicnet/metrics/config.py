"""The ``--metrics.port`` / ``--metrics.host`` settings, shared by the miner and the validator
(declared in ``logicnet/flags.py``)."""

from __future__ import annotations

import argparse
from dataclasses import dataclass

from logicnet.errors import ConfigError
from logicnet.flags import METRICS
from logicnet.options import add_settings

__all__ = ["MetricsSettings", "add_metrics_args"]


def add_metrics_args(parser: argparse.ArgumentParser, role: str = "miner") -> None:
    add_settings(parser, METRICS, role)


@dataclass(frozen=True)
class MetricsSettings:
    port: int | None = METRICS.default("metrics_port")
    host: str = METRICS.default("metrics_host")

    @property
    def enabled(self) -> bool:
        return self.port is not None

    @classmethod
    def from_args(cls, ns: argparse.Namespace) -> MetricsSettings:
        port = getattr(ns, "metrics_port", None)
        host = str(getattr(ns, "metrics_host", None) or cls.host)
        if port is not None and not 0 <= int(port) <= 65535:
            raise ConfigError(f"--metrics.port {port} is not a TCP port (0-65535)")
        return cls(port=None if port is None else int(port), host=host)
