# Generated from tests/feature_coverage/openapi.yaml by generator. Do not edit: run "make generate".

from __future__ import annotations

from datetime import date
from ipaddress import IPv4Address
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import AnyUrl, AwareDatetime, ConfigDict, Field, RootModel

from feature_coverage._base_model import BaseModel


class AwkwardProperties(BaseModel):
    """
    Property names a generator must alias.
    """

    request_id_: Annotated[str, Field(alias="request_id")]
    """
    Collides with a client keyword argument.
    """
    model_config_: Annotated[str | None, Field(alias="model_config")] = None
    """
    Reserved by pydantic v2.
    """
    class_: Annotated[str, Field(alias="class")]
    """
    Python keyword.
    """
    from_: Annotated[date | None, Field(alias="from")] = None
    import_: Annotated[bool | None, Field(alias="import")] = None
    名称: str | None = None
    """
    Non-ASCII name.
    """
    field_1st: Annotated[int | None, Field(alias="1st")] = None
    """
    Leading digit.
    """
    with_dash: Annotated[str | None, Field(alias="with-dash")] = None
    with_space: Annotated[str | None, Field(alias="with space")] = None
    Name: str | None = None
    """
    Case-only twin of name.
    """
    name: str | None = None
    """
    Case-only twin of Name.
    """
    self: str | None = None
    json_: Annotated[str | None, Field(alias="json")] = None
    """
    Shadows a BaseModel method.
    """
    schema_: Annotated[str | None, Field(alias="schema")] = None
    """
    Shadows a BaseModel method.
    """
    fields: list[str] | None = None
    copy_: Annotated[bool | None, Field(alias="copy")] = None


class BaseModelModel(BaseModel):
    """
    A schema named like pydantic's base class.
    """

    base: str | None = None


class Cat(BaseModel):
    petType: Literal["cat"]
    name: str
    indoor: bool = True


class CreatedThing(BaseModel):
    """
    Differs from Thing, returned with 201.
    """

    id: str
    location: AnyUrl


class Dog(BaseModel):
    petType: Literal["dog"]
    name: str
    barkVolume: Annotated[int | None, Field(ge=0, le=11)] = None


class Animal(RootModel[Cat | Dog]):
    root: Annotated[Cat | Dog, Field(discriminator="petType")]
    """
    oneOf with a discriminator (propertyName + mapping).
    """


class Error(BaseModel):
    code: int
    """
    HTTP-like error code.
    """
    message: str
    """
    Human-readable message.
    """


class Event(BaseModel):
    id: str
    kind: Literal["created", "deleted"]
    at: AwareDatetime | None = None
    payload: FreeForm | None = None


class EventAck(BaseModel):
    received: bool


class EventSubscription(BaseModel):
    eventUrl: AnyUrl
    """
    Where the callback is POSTed.
    """
    events: list[Literal["created", "deleted"]] | None = None


class FormEcho(BaseModel):
    name: str
    count: int
    agree: bool | None = None
    color: str | None = None


class FreeForm(BaseModel):
    """
    A free-form object.
    """

    model_config = ConfigDict(
        extra="allow",
    )


class HealthStatus(BaseModel):
    status: Literal["ok", "degraded"]


class IdOrName1(RootModel[str]):
    root: Annotated[str, Field(min_length=1)]
    """
    anyOf of a string and an integer.
    """


class IdOrName2(RootModel[int]):
    root: Annotated[int, Field(ge=0)]
    """
    anyOf of a string and an integer.
    """


class Int(BaseModel):
    """
    A schema named like a Python builtin.
    """

    value: int | None = None


class Item(BaseModel):
    itemId: int
    name: str
    level: Literal[1, 2, 3] | None = None


class Job(BaseModel):
    jobId: str
    """
    The job's id.
    """
    status: Literal["queued", "running", "done", "failed"]
    """
    queued and running are live; done and failed have ended.
    """
    name: str | None = None


class JobInput(BaseModel):
    name: Annotated[str, Field(max_length=32, min_length=1)]


class JobPage(BaseModel):
    jobs: list[Job]


class Line(BaseModel):
    sku: str
    qty: Annotated[int, Field(ge=1)]


class Message(BaseModel):
    """
    Lower-case schema name; snake_case equals the tag Message.
    """

    text: str
    sentAt: AwareDatetime | None = None


class Meta(BaseModel):
    """
    Nested inline object.
    """

    owner: Owner | None = None
    """
    Doubly nested inline object.
    """
    revision: Annotated[int | None, Field(ge=0)] = None


class Model1stModel(BaseModel):
    """
    Schema name with a leading digit.
    """

    first: bool | None = None


class ModelBundle(BaseModel):
    """
    References every awkwardly named schema.
    """

    int: Int | None = None
    baseModel: BaseModelModel | None = None
    message: Message | None = None
    dashes: ModelWithDashes | None = None
    first: Model1stModel | None = None
    upperPet: Pet | None = None
    lowerPet: Pet2 | None = None
    idOrName: IdOrName1 | IdOrName2 | None = None
    """
    anyOf of a string and an integer.
    """
    kind: Literal["a-b", "1x", "", "with space", "None", "null", "true", "plain"] | None = None
    """
    Enum values that are not identifiers.
    """
    level: Literal[1, 2, 3] | None = None
    color: Literal["red", "green"] | None = None
    freeForm: FreeForm | None = None


class ModelWithDashes(BaseModel):
    with_dash: Annotated[str | None, Field(alias="with-dash")] = None


class Node(BaseModel):
    """
    Recursive tree.
    """

    value: str
    children: list[Node] | None = None


class Owner(BaseModel):
    """
    Doubly nested inline object.
    """

    name: str
    email: str | None = None


class Pet(BaseModel):
    """
    Upper-case twin of pet.
    """

    name: str
    tag: str | None = None


class Pet2(BaseModel):
    """
    Lower-case twin of Pet, a different schema.
    """

    legacyId: int
    nickname: str | None = None


class ReplaceThingBody(BaseModel):
    title: Annotated[str, Field(max_length=100)]
    meta: Meta | None = None
    """
    Nested inline object.
    """
    lines: list[Line] | None = None
    """
    Array of inline objects.
    """
    labels: list[str] | None = None


class SearchResult(BaseModel):
    total: int
    hits: list[str]
    kind: Literal["a-b", "1x", "", "with space", "None", "null", "true", "plain"] | None = None
    """
    Enum values that are not identifiers.
    """


class SubmitFormBody(BaseModel):
    name: str
    """
    String field.
    """
    count: Annotated[int, Field(ge=0)]
    agree: bool = False
    color: Literal["red", "green", "blue"] | None = None


class Subscription(BaseModel):
    id: UUID


class Thing(BaseModel):
    id: str
    """
    Thing id.
    """
    title: str
    quantity: int | None = None
    createdAt: AwareDatetime | None = None


class ThingInput(BaseModel):
    title: Annotated[str, Field(max_length=100, min_length=1)]
    quantity: Annotated[int, Field(ge=0)] = 1
    color: Literal["red", "green"] | None = None


class UploadFileBody(BaseModel):
    description: str | None = None
    """
    A string field.
    """
    file: bytes
    """
    A binary file field.
    """


class UploadResult(BaseModel):
    size: Annotated[int, Field(ge=0)]
    description: str | None = None
    checksum: str | None = None
    """
    Base64 digest.
    """


class Widget(BaseModel):
    id: UUID | None = None
    """
    Server-assigned.
    """
    secret: Annotated[str | None, Field(min_length=8)] = None
    """
    Never returned.
    """
    name: Annotated[str, Field(max_length=32, min_length=1, pattern="^[A-Za-z][A-Za-z0-9_-]*$")]
    ratio: Annotated[float, Field(gt=0.0, le=1.0)]
    step: Annotated[int, Field(multiple_of=5)] = 10
    tags: Annotated[list[str] | None, Field(max_length=5, min_length=1)] = None
    nickname: str | None = None
    labels: dict[str, str] | None = None
    """
    A map of strings.
    """
    extras: dict[str, Any] | None = None
    """
    additionalProperties true.
    """
    createdAt: AwareDatetime | None = None
    day: date | None = None
    email: str | None = None
    homepage: AnyUrl | None = None
    address: IPv4Address | None = None
    blob: str | None = None
    raw: bytes | None = None
    mode: Literal["on", "off", "yes", "no"] = "off"


class ExtendedWidget(Widget):
    """
    allOf composition of Widget and an inline object.
    """

    version: Annotated[int, Field(ge=1)] = 1
    parent: Node | None = None


Node.model_rebuild()
