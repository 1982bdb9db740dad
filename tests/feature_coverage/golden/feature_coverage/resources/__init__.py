# Generated from tests/feature_coverage/openapi.yaml by generator. Do not edit: run "make generate".
"""Resources: the operations of each spec tag, reached as attributes of the client."""

from .default import AsyncDefault, Default
from .events import AsyncEvents, Events
from .foo_bar import AsyncFooBar, FooBar
from .foo_bar_2 import AsyncFooBar2, FooBar2
from .forms import AsyncForms, Forms
from .items import AsyncItems, Items
from .jobs import AsyncJobs, Jobs
from .message import AsyncMessageResource, MessageResource
from .models import AsyncModels, Models
from .pets import AsyncPets, Pets
from .things import AsyncThings, Things

__all__ = [
    "AsyncDefault",
    "Default",
    "AsyncEvents",
    "Events",
    "AsyncFooBar",
    "FooBar",
    "AsyncFooBar2",
    "FooBar2",
    "AsyncForms",
    "Forms",
    "AsyncItems",
    "Items",
    "AsyncJobs",
    "Jobs",
    "AsyncMessageResource",
    "MessageResource",
    "AsyncModels",
    "Models",
    "AsyncPets",
    "Pets",
    "AsyncThings",
    "Things",
]
