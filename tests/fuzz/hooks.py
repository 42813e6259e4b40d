"""Schemathesis hooks for Sammen's fuzzing: uploads are raw PDF bodies, which schemathesis has
no built-in serializer for (it has them for JPEG and PNG). Loaded through SCHEMATHESIS_HOOKS."""

import schemathesis


@schemathesis.serializer("application/pdf")
def pdf(ctx, value):
    if isinstance(value, bytes):
        return {"data": value}
    if hasattr(value, "data"):
        return {"data": value.data}
    return {"data": str(value).encode("utf-8", "replace")}
