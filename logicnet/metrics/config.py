"""The ``--metrics.port`` / ``--metrics.host`` flags, shared by the miner and the validator."""

from __future__ import annotations

import argparse
from dataclasses import dataclass

from logicnet.errors import ConfigError

__all__ = ["MetricsSettings", "add_metrics_args"]


def add_metrics_args(parser: argparse.ArgumentParser) -> None:
    g = parser.add_argument_group("metrics")
    g.add_argument(
        "--metrics.port",
        dest="metrics_port",
        type=int,
        default=None,
        metavar="PORT",
        help="serve Prometheus text at /metrics and a status page at / on this port (default: off)",
    )
    g.add_argument(
        "--metrics.host",
        dest="metrics_host",
        default="127.0.0.1",
        metavar="HOST",
        help="address the metrics server binds; 0.0.0.0 exposes it to the network "
        "(default: %(default)s)",
    )


@dataclass(frozen=True)
class MetricsSettings:
    port: int | None = None
    host: str = "127.0.0.1"

    @property
    def enabled(self) -> bool:
        return self.port is not None

    @classmethod
    def from_args(cls, ns: argparse.Namespace) -> MetricsSettings:
        port = getattr(ns, "metrics_port", None)
        host = str(getattr(ns, "metrics_host", "127.0.0.1") or "127.0.0.1")
        if port is not None and not 0 <= int(port) <= 65535:
            raise ConfigError(f"--metrics.port {port} is not a TCP port (0-65535)")
        return cls(port=None if port is None else int(port), host=host)
