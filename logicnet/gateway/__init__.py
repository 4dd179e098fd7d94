"""The validator's gateway (``--proxy.port``): applications ask the subnet, top miners answer."""

__all__: list[str] = []
