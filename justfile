# Tutor Platform tasks. Run them through uv: `uv run just <task>`.

default:
    @just --list

# Serve the API on the embedded default (SQLite, local files, in-process jobs).
serve:
    tutor-platform serve

# Run the test suite on SQLite, then on PostgreSQL + Redis.
test *args:
    scripts/run-tests {{args}}

# Lint, format check, type check and architecture contracts.
check:
    ruff check src tests migrations scripts
    ruff format --check src tests migrations scripts
    mypy
    lint-imports

# Generate a TypeScript client from the running app's OpenAPI document, lint the document,
# type-check the client and run clients/typescript-example against a live server.
client-check:
    scripts/client-check

# Format the code.
fmt:
    ruff format src tests migrations scripts
    ruff check --fix src tests migrations scripts

# Tutor quality on the demo courses and a held-out course; see docs/tutoring-quality.md.
eval *args:
    python -m scripts.eval.run {{args}}

# Benchmarks on PostgreSQL; results go to docs/benchmarks.md.
bench:
    python -m scripts.bench.run
