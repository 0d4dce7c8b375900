"""Reporters: the same LintReport as text for people, or JSON, GitHub annotations, SARIF."""
