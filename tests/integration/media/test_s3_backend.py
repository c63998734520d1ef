"""STORAGE_BACKEND=s3: the same API with the bytes in an S3 bucket (a moto server).

Runs in the SQLite pass only: what differs here is the file storage (S3), not the database."""

from pathlib import Path

from tests.contract.file_storage.moto_s3 import (
    ACCESS_KEY,
    REGION,
    SECRET_KEY,
    admin_client,
    new_bucket,
)
from tests.integration.accounts import assert_error
from tests.integration.media.conftest import FILES, CustomApp, post_file, stored_files
from tests.unit.media import samples

MiB = 1024 * 1024


async def test_files_live_in_the_bucket(
    custom_app: CustomApp, s3_endpoint: str, storage_dir: Path
) -> None:
    bucket = new_bucket(s3_endpoint)
    options = {
        "storage_backend": "s3",
        "s3_bucket": bucket,
        "s3_endpoint_url": s3_endpoint,
        "s3_region": REGION,
        "s3_access_key_id": ACCESS_KEY,
        "s3_secret_access_key": SECRET_KEY,
    }
    data = samples.text(9 * MiB)
    async with custom_app(**options) as (client, make_account):
        owner = await make_account("owner")
        admin = await make_account("chief", role="admin")
        created = await post_file(client, owner, data, "big.md")
        assert created.status_code == 201, created.text
        file = created.json()
        url = f"{FILES}/{file['id']}"
        objects = admin_client(s3_endpoint).list_objects_v2(Bucket=bucket)["Contents"]
        assert [(o["Key"], o["Size"]) for o in objects] == [(f"files/{file['id']}", len(data))]

        whole = await client.get(f"{url}/content", headers=owner.headers)
        assert (whole.status_code, whole.content == data) == (200, True)
        part = await client.get(
            f"{url}/content", headers={**owner.headers, "Range": f"bytes={6 * MiB}-{6 * MiB + 99}"}
        )
        assert (part.status_code, part.content) == (206, data[6 * MiB : 6 * MiB + 100])

        refused = await post_file(client, owner, samples.exe(), "setup.exe")
        assert_error(refused, 415, "UNSUPPORTED_MEDIA_TYPE")
        purge = await client.delete(f"{url}/permanent", headers=admin.headers)
        assert purge.status_code == 204
    assert admin_client(s3_endpoint).list_objects_v2(Bucket=bucket).get("Contents", []) == []
    assert stored_files(storage_dir) == []


async def test_an_unreachable_bucket_is_502(custom_app: CustomApp, s3_endpoint: str) -> None:
    options = {
        "storage_backend": "s3",
        "s3_bucket": "missing-bucket",
        "s3_endpoint_url": s3_endpoint,
        "s3_region": REGION,
        "s3_access_key_id": ACCESS_KEY,
        "s3_secret_access_key": SECRET_KEY,
    }
    async with custom_app(**options) as (client, make_account):
        owner = await make_account("owner")
        assert_error(await post_file(client, owner, b"hello"), 502, "UPSTREAM_ERROR")
        listed = (await client.get(FILES, headers=owner.headers)).json()
        assert listed["items"] == []
