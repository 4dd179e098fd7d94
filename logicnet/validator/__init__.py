"""Validator side: how answers are scored (pure functions), and later the validator service."""
