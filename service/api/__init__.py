"""The HTTP layer: the Litestar app, shared conventions (common.py) and controllers."""
