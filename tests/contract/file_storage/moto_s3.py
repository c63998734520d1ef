"""A real S3-compatible server for tests: moto's server mode on 127.0.0.1, any free port."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from uuid import uuid4

import boto3
from moto.server import ThreadedMotoServer

ACCESS_KEY = "testing-key"
SECRET_KEY = "testing-secret"
REGION = "us-east-1"


@contextmanager
def moto_server() -> Iterator[str]:
    """Serve S3 in a thread for the duration of the block; yields its endpoint URL."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        yield f"http://{host}:{port}"
    finally:
        server.stop()


def admin_client(endpoint_url: str) -> Any:
    """A plain boto3 client to prepare and inspect buckets from the outside."""
    return boto3.client(
        "s3",
        endpoint_url=endpoint_url,
        region_name=REGION,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
    )


def new_bucket(endpoint_url: str) -> str:
    name = f"test-{uuid4().hex[:16]}"
    admin_client(endpoint_url).create_bucket(Bucket=name)
    return name
