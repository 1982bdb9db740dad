# Generated from tests/feature_coverage/openapi.yaml by generator. Do not edit: run "make generate".
"""Awkward schema and property names, constraints and composition."""

from __future__ import annotations

from typing import Any, Literal

from .._base_client import PreparedRequest
from .._resource import (
    AsyncAPIResource,
    SyncAPIResource,
    body_json,
    build_body,
    header_params,
)
from .._types import NOT_GIVEN, NotGiven, Timeout
from ..models import (
    AwkwardProperties,
    BaseModelModel,
    ExtendedWidget,
    Int,
    Message,
    Model1stModel,
    ModelBundle,
    ModelWithDashes,
    Node,
    Pet,
    Pet2,
)

__all__ = ["Models", "AsyncModels"]


class Models(SyncAPIResource):
    """Awkward schema and property names, constraints and composition. Reached as `client.models`."""

    def create_widget(
        self,
        *,
        secret: str | None = None,
        name: str | None = None,
        ratio: float | None = None,
        step: int | None = None,
        tags: list[str] | None = None,
        nickname: str | None = None,
        labels: dict[str, str] | None = None,
        extras: dict[str, Any] | None = None,
        created_at: str | None = None,
        day: str | None = None,
        email: str | None = None,
        homepage: str | None = None,
        address: str | None = None,
        blob: str | None = None,
        raw: bytes | None = None,
        mode: Literal["on", "off", "yes", "no"] | None = None,
        version: int | None = None,
        parent: Node | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> ExtendedWidget:
        """createWidget

        `POST /models/widgets` (createWidget).

        Not idempotent: retried only on connection failures and 429, never once the service may
        have received it.

        Args:
            secret: Never returned.
            name:
            ratio:
            step:
            tags:
            nickname:
            labels: A map of strings.
            extras: additionalProperties true.
            created_at:
            day:
            email:
            homepage:
            address:
            blob:
            raw:
            mode:
            version:
            parent: Recursive tree.
            timeout: Overrides the client's timeout for this call (seconds, httpx.Timeout or None).

        Returns:
            The parsed 201 body; its `request_id` is the X-Request-Id.

        Raises:
            InvalidArgumentError: an argument breaks the spec's constraints; nothing was sent
                (also a pydantic.ValidationError and a ValueError).
            UnexpectedStatusError: the service answered 422.
            APIStatusError: any other non-2xx status, as the subclass of its status (RateLimitError
                for 429 once the retries are spent; UnexpectedStatusError for one without a class).
            APIConnectionError: no answer (APITimeoutError for a timeout).
        """
        body = build_body(
            ExtendedWidget,
            {
                "secret": secret,
                "name": name,
                "ratio": ratio,
                "step": step,
                "tags": tags,
                "nickname": nickname,
                "labels": labels,
                "extras": extras,
                "createdAt": created_at,
                "day": day,
                "email": email,
                "homepage": homepage,
                "address": address,
                "blob": blob,
                "raw": raw,
                "mode": mode,
                "version": version,
                "parent": parent,
            },
        )
        request = PreparedRequest(
            method="POST",
            path="/models/widgets",
            headers=header_params(),
            json_body=body_json(body),
            security=(("ApiKeyHeader",),),
            timeout=timeout,
        )
        return self._client.request(request, ExtendedWidget)

    def echo_awkward(
        self,
        *,
        request_id: str | None = None,
        model_config: str | None = None,
        class_: str | None = None,
        from_: str | None = None,
        import_: bool | None = None,
        field: str | None = None,
        field_1st: int | None = None,
        with_dash: str | None = None,
        with_space: str | None = None,
        name: str | None = None,
        name_2: str | None = None,
        self_: str | None = None,
        json: str | None = None,
        schema: str | None = None,
        fields: list[str] | None = None,
        copy: bool | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> AwkwardProperties:
        """echoAwkward

        `POST /models/awkward` (echoAwkward).

        Not idempotent: retried only on connection failures and 429, never once the service may
        have received it.

        Args:
            request_id: Collides with a client keyword argument.
            model_config: Reserved by pydantic v2.
            class_: Python keyword.
            from_:
            import_:
            field: Non-ASCII name.
            field_1st: Leading digit.
            with_dash:
            with_space:
            name: Case-only twin of name.
            name_2: Case-only twin of Name.
            self_:
            json: Shadows a BaseModel method.
            schema: Shadows a BaseModel method.
            fields:
            copy:
            timeout: Overrides the client's timeout for this call (seconds, httpx.Timeout or None).

        Returns:
            The parsed 200 body; its `request_id` is the X-Request-Id.

        Raises:
            InvalidArgumentError: an argument breaks the spec's constraints; nothing was sent
                (also a pydantic.ValidationError and a ValueError).
            APIStatusError: any other non-2xx status, as the subclass of its status (RateLimitError
                for 429 once the retries are spent; UnexpectedStatusError for one without a class).
            APIConnectionError: no answer (APITimeoutError for a timeout).
        """
        body = build_body(
            AwkwardProperties,
            {
                "request_id": request_id,
                "model_config": model_config,
                "class": class_,
                "from": from_,
                "import": import_,
                "名称": field,
                "1st": field_1st,
                "with-dash": with_dash,
                "with space": with_space,
                "Name": name,
                "name": name_2,
                "self": self_,
                "json": json,
                "schema": schema,
                "fields": fields,
                "copy": copy,
            },
        )
        request = PreparedRequest(
            method="POST",
            path="/models/awkward",
            headers=header_params(),
            json_body=body_json(body),
            security=(("ApiKeyHeader",),),
            timeout=timeout,
        )
        return self._client.request(request, AwkwardProperties)

    def echo_bundle(
        self,
        *,
        int: Int | None = None,
        base_model: BaseModelModel | None = None,
        message: Message | None = None,
        dashes: ModelWithDashes | None = None,
        first: Model1stModel | None = None,
        upper_pet: Pet | None = None,
        lower_pet: Pet2 | None = None,
        id_or_name: str | int | None = None,
        kind: Literal["a-b", "1x", "", "with space", "None", "null", "true", "plain"] | None = None,
        level: Literal[1, 2, 3] | None = None,
        color: Literal["red", "green"] | None | None = None,
        free_form: dict[str, Any] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> ModelBundle:
        """echoBundle

        `POST /models/bundle` (echoBundle).

        Not idempotent: retried only on connection failures and 429, never once the service may
        have received it.

        Args:
            int: A schema named like a Python builtin.
            base_model: A schema named like pydantic's base class.
            message: Lower-case schema name; snake_case equals the tag Message.
            dashes:
            first: Schema name with a leading digit.
            upper_pet: Upper-case twin of pet.
            lower_pet: Lower-case twin of Pet, a different schema.
            id_or_name: anyOf of a string and an integer.
            kind: Enum values that are not identifiers.
            level:
            color:
            free_form: A free-form object.
            timeout: Overrides the client's timeout for this call (seconds, httpx.Timeout or None).

        Returns:
            The parsed 200 body; its `request_id` is the X-Request-Id.

        Raises:
            InvalidArgumentError: an argument breaks the spec's constraints; nothing was sent
                (also a pydantic.ValidationError and a ValueError).
            APIStatusError: any other non-2xx status, as the subclass of its status (RateLimitError
                for 429 once the retries are spent; UnexpectedStatusError for one without a class).
            APIConnectionError: no answer (APITimeoutError for a timeout).
        """
        body = build_body(
            ModelBundle,
            {
                "int": int,
                "baseModel": base_model,
                "message": message,
                "dashes": dashes,
                "first": first,
                "upperPet": upper_pet,
                "lowerPet": lower_pet,
                "idOrName": id_or_name,
                "kind": kind,
                "level": level,
                "color": color,
                "freeForm": free_form,
            },
        )
        request = PreparedRequest(
            method="POST",
            path="/models/bundle",
            headers=header_params(),
            json_body=body_json(body),
            security=(("ApiKeyHeader",),),
            timeout=timeout,
        )
        return self._client.request(request, ModelBundle)


class AsyncModels(AsyncAPIResource):
    """Awkward schema and property names, constraints and composition. Reached as `client.models`."""

    async def create_widget(
        self,
        *,
        secret: str | None = None,
        name: str | None = None,
        ratio: float | None = None,
        step: int | None = None,
        tags: list[str] | None = None,
        nickname: str | None = None,
        labels: dict[str, str] | None = None,
        extras: dict[str, Any] | None = None,
        created_at: str | None = None,
        day: str | None = None,
        email: str | None = None,
        homepage: str | None = None,
        address: str | None = None,
        blob: str | None = None,
        raw: bytes | None = None,
        mode: Literal["on", "off", "yes", "no"] | None = None,
        version: int | None = None,
        parent: Node | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> ExtendedWidget:
        """createWidget

        `POST /models/widgets` (createWidget).

        Not idempotent: retried only on connection failures and 429, never once the service may
        have received it.

        Args:
            secret: Never returned.
            name:
            ratio:
            step:
            tags:
            nickname:
            labels: A map of strings.
            extras: additionalProperties true.
            created_at:
            day:
            email:
            homepage:
            address:
            blob:
            raw:
            mode:
            version:
            parent: Recursive tree.
            timeout: Overrides the client's timeout for this call (seconds, httpx.Timeout or None).

        Returns:
            The parsed 201 body; its `request_id` is the X-Request-Id.

        Raises:
            InvalidArgumentError: an argument breaks the spec's constraints; nothing was sent
                (also a pydantic.ValidationError and a ValueError).
            UnexpectedStatusError: the service answered 422.
            APIStatusError: any other non-2xx status, as the subclass of its status (RateLimitError
                for 429 once the retries are spent; UnexpectedStatusError for one without a class).
            APIConnectionError: no answer (APITimeoutError for a timeout).
        """
        body = build_body(
            ExtendedWidget,
            {
                "secret": secret,
                "name": name,
                "ratio": ratio,
                "step": step,
                "tags": tags,
                "nickname": nickname,
                "labels": labels,
                "extras": extras,
                "createdAt": created_at,
                "day": day,
                "email": email,
                "homepage": homepage,
                "address": address,
                "blob": blob,
                "raw": raw,
                "mode": mode,
                "version": version,
                "parent": parent,
            },
        )
        request = PreparedRequest(
            method="POST",
            path="/models/widgets",
            headers=header_params(),
            json_body=body_json(body),
            security=(("ApiKeyHeader",),),
            timeout=timeout,
        )
        return await self._client.request(request, ExtendedWidget)

    async def echo_awkward(
        self,
        *,
        request_id: str | None = None,
        model_config: str | None = None,
        class_: str | None = None,
        from_: str | None = None,
        import_: bool | None = None,
        field: str | None = None,
        field_1st: int | None = None,
        with_dash: str | None = None,
        with_space: str | None = None,
        name: str | None = None,
        name_2: str | None = None,
        self_: str | None = None,
        json: str | None = None,
        schema: str | None = None,
        fields: list[str] | None = None,
        copy: bool | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> AwkwardProperties:
        """echoAwkward

        `POST /models/awkward` (echoAwkward).

        Not idempotent: retried only on connection failures and 429, never once the service may
        have received it.

        Args:
            request_id: Collides with a client keyword argument.
            model_config: Reserved by pydantic v2.
            class_: Python keyword.
            from_:
            import_:
            field: Non-ASCII name.
            field_1st: Leading digit.
            with_dash:
            with_space:
            name: Case-only twin of name.
            name_2: Case-only twin of Name.
            self_:
            json: Shadows a BaseModel method.
            schema: Shadows a BaseModel method.
            fields:
            copy:
            timeout: Overrides the client's timeout for this call (seconds, httpx.Timeout or None).

        Returns:
            The parsed 200 body; its `request_id` is the X-Request-Id.

        Raises:
            InvalidArgumentError: an argument breaks the spec's constraints; nothing was sent
                (also a pydantic.ValidationError and a ValueError).
            APIStatusError: any other non-2xx status, as the subclass of its status (RateLimitError
                for 429 once the retries are spent; UnexpectedStatusError for one without a class).
            APIConnectionError: no answer (APITimeoutError for a timeout).
        """
        body = build_body(
            AwkwardProperties,
            {
                "request_id": request_id,
                "model_config": model_config,
                "class": class_,
                "from": from_,
                "import": import_,
                "名称": field,
                "1st": field_1st,
                "with-dash": with_dash,
                "with space": with_space,
                "Name": name,
                "name": name_2,
                "self": self_,
                "json": json,
                "schema": schema,
                "fields": fields,
                "copy": copy,
            },
        )
        request = PreparedRequest(
            method="POST",
            path="/models/awkward",
            headers=header_params(),
            json_body=body_json(body),
            security=(("ApiKeyHeader",),),
            timeout=timeout,
        )
        return await self._client.request(request, AwkwardProperties)

    async def echo_bundle(
        self,
        *,
        int: Int | None = None,
        base_model: BaseModelModel | None = None,
        message: Message | None = None,
        dashes: ModelWithDashes | None = None,
        first: Model1stModel | None = None,
        upper_pet: Pet | None = None,
        lower_pet: Pet2 | None = None,
        id_or_name: str | int | None = None,
        kind: Literal["a-b", "1x", "", "with space", "None", "null", "true", "plain"] | None = None,
        level: Literal[1, 2, 3] | None = None,
        color: Literal["red", "green"] | None | None = None,
        free_form: dict[str, Any] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> ModelBundle:
        """echoBundle

        `POST /models/bundle` (echoBundle).

        Not idempotent: retried only on connection failures and 429, never once the service may
        have received it.

        Args:
            int: A schema named like a Python builtin.
            base_model: A schema named like pydantic's base class.
            message: Lower-case schema name; snake_case equals the tag Message.
            dashes:
            first: Schema name with a leading digit.
            upper_pet: Upper-case twin of pet.
            lower_pet: Lower-case twin of Pet, a different schema.
            id_or_name: anyOf of a string and an integer.
            kind: Enum values that are not identifiers.
            level:
            color:
            free_form: A free-form object.
            timeout: Overrides the client's timeout for this call (seconds, httpx.Timeout or None).

        Returns:
            The parsed 200 body; its `request_id` is the X-Request-Id.

        Raises:
            InvalidArgumentError: an argument breaks the spec's constraints; nothing was sent
                (also a pydantic.ValidationError and a ValueError).
            APIStatusError: any other non-2xx status, as the subclass of its status (RateLimitError
                for 429 once the retries are spent; UnexpectedStatusError for one without a class).
            APIConnectionError: no answer (APITimeoutError for a timeout).
        """
        body = build_body(
            ModelBundle,
            {
                "int": int,
                "baseModel": base_model,
                "message": message,
                "dashes": dashes,
                "first": first,
                "upperPet": upper_pet,
                "lowerPet": lower_pet,
                "idOrName": id_or_name,
                "kind": kind,
                "level": level,
                "color": color,
                "freeForm": free_form,
            },
        )
        request = PreparedRequest(
            method="POST",
            path="/models/bundle",
            headers=header_params(),
            json_body=body_json(body),
            security=(("ApiKeyHeader",),),
            timeout=timeout,
        )
        return await self._client.request(request, ModelBundle)
