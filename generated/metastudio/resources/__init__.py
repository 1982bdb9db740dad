# Generated from openapi/metastudio-smart-live.yaml by generator. Do not edit: run "make generate".
"""Resources: the operations of each spec tag, reached as attributes of the client."""

from .smart_live import AsyncSmartLive, SmartLive

__all__ = [
    "AsyncSmartLive",
    "SmartLive",
]
