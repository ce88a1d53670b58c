"""Résumés in an S3-compatible store: a real S3 API server (moto's) on a local port."""

import socket

import boto3
import pytest
from moto.server import ThreadedMotoServer

from backend.config import get_settings
from tests.documents import PDF_BYTES


@pytest.fixture
def s3(monkeypatch):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    for key, value in {
        "storage_backend": "s3",
        "s3_bucket": "resumes",
        "s3_endpoint_url": endpoint,
        "s3_access_key_id": "test",
        "s3_secret_access_key": "test",
    }.items():
        monkeypatch.setattr(get_settings(), key, value)
    client = boto3.client(
        "s3", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test"
    )
    client.create_bucket(Bucket="resumes")
    yield client
    server.stop()


async def test_resumes_go_to_the_s3_bucket_under_generated_keys(client, factory, s3):
    org = await factory.org()
    _, headers = await factory.user_and_headers(org, "recruiter")
    cand = (
        await client.post(
            "/api/v1/candidates",
            json={"first_name": "Ada", "last_name": "L", "email": "ada@example.com"},
            headers=headers,
        )
    ).json()
    r = await client.post(
        f"/api/v1/candidates/{cand['id']}/resume",
        files={"file": ("../../etc/passwd.pdf", PDF_BYTES, "application/pdf")},
        headers=headers,
    )
    assert r.status_code == 200
    (obj,) = s3.list_objects_v2(Bucket="resumes")["Contents"]
    assert obj["Key"].startswith(org.id.hex + "/") and ".." not in obj["Key"]
    download = await client.get(f"/api/v1/candidates/{cand['id']}/resume", headers=headers)
    assert download.content == PDF_BYTES
