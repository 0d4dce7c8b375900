from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from curate.config import ConfigError
from curate.lint.checks.format import FormatScope, outputs_in_scope, parsed_outputs
from curate.lint.context import LintContext
from curate.lint.registry import register
from curate.lint.rule import Rule, Violation
from curate.schemas.finding import Severity


class SchemaOptions(FormatScope):
    schema_file: str | None = None
    """JSON Schema file the JSON outputs in scope must validate against (off when unset)."""


@register
class JsonSchemaMismatch(Rule[SchemaOptions]):
    """JSON output does not match the configured JSON Schema.

    ## Why it matters
    Downstream code expects the fields and types of the schema; a model trained on outputs
    with a missing field or a string where a number belongs learns to break that contract.

    ## Example
    `{"order_id": 398981}` where the schema wants `order_id` as a string and `status`.

    ## Fix
    Correct the output; the message names the failing path and constraint.
    """

    code = "FMT002"
    name = "json-schema-mismatch"
    severity = Severity.ERROR
    Options = SchemaOptions

    def check(self, ctx: LintContext) -> Iterator[Violation]:
        options = self.options
        if options.schema_file is None:
            return
        import jsonschema

        try:
            schema = json.loads(Path(options.schema_file).read_text(encoding="utf-8"))
            validator = jsonschema.validators.validator_for(schema)(schema)
        except (OSError, json.JSONDecodeError, jsonschema.SchemaError) as exc:
            raise ConfigError(f"lint.options.FMT002.schema-file: {exc}") from None
        for record, value, error in parsed_outputs(outputs_in_scope(ctx, options.categories)):
            if error is not None:
                continue  # FMT001 reports outputs that are not JSON at all
            problem = jsonschema.exceptions.best_match(validator.iter_errors(value))
            if problem is not None:
                where = "/".join(str(p) for p in problem.absolute_path) or "(root)"
                yield Violation(
                    [record],
                    f"output does not match the schema at {where}: {problem.message}",
                    {"path": where, "error": problem.message},
                )
