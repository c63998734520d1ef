"""Autogenerate an Alembic migration against a scratch SQLite database at head.

Usage: uv run python scripts/make_migration.py "add identity tables" --rev 0002_identity
"""

import argparse
import asyncio
import tempfile
from pathlib import Path

from alembic import command
from sqlalchemy import Connection

from tutor_platform.bootstrap.migrations import alembic_config, upgrade_database
from tutor_platform.shared.persistence.engine import create_engine


async def main(message: str, rev_id: str | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite+aiosqlite:///{Path(tmp) / 'scratch.db'}"
        engine = create_engine(url)
        await upgrade_database(engine)
        config = alembic_config(url)

        def _revise(connection: Connection) -> None:
            config.attributes["connection"] = connection
            command.revision(config, message=message, autogenerate=True, rev_id=rev_id)

        async with engine.begin() as connection:
            await connection.run_sync(_revise)
        await engine.dispose()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("message")
    parser.add_argument("--rev", default=None)
    args = parser.parse_args()
    asyncio.run(main(args.message, args.rev))
