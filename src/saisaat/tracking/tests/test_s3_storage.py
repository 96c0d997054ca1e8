"""Evidence on S3-compatible storage (SAISAAT_STORAGE=s3, django-storages): a file saved
through the evidence service lands in the bucket and comes back, byte for byte, through the
permission-checked download view. The bucket is moto's S3 server, started on a free
loopback port for this test."""

import hashlib
import socket
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from saisaat.testing.base import PersonaTestCase
from saisaat.tracking.models import Assignment
from saisaat.tracking.services import add_evidence

moto_server = pytest.importorskip(
    "moto.server", reason="moto[server] is not installed (pip install -e '.[dev]')"
)
boto3 = pytest.importorskip("boto3", reason="boto3 is not installed (the s3 extra)")

BUCKET = "saisaat-evidence"
PDF = b"%PDF-1.4\n% " + "หลักฐานการประชุม".encode() + b"\n%%EOF\n"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class S3EvidenceTests(PersonaTestCase):
    publish_plan = True

    @classmethod
    def setUpClass(cls):
        cls.server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=free_port())
        cls.server.start()
        host, port = cls.server.get_host_and_port()
        cls.endpoint = f"http://{host}:{port}"
        credentials = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
        cls.s3 = boto3.client(
            "s3", endpoint_url=cls.endpoint, region_name="us-east-1", **credentials
        )
        cls.s3.create_bucket(Bucket=BUCKET)
        storages = {
            "default": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {
                    "bucket_name": BUCKET,
                    "endpoint_url": cls.endpoint,
                    "access_key": "testing",
                    "secret_key": "testing",
                    "region_name": "us-east-1",
                    "default_acl": None,
                    "querystring_auth": True,
                },
            },
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
        cls.storage_override = override_settings(STORAGES=storages)
        cls.storage_override.enable()
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls.storage_override.disable()
        cls.server.stop()

    def test_it_stores_evidence_in_the_bucket_and_serves_it_back(self):
        assignment = Assignment.objects.filter(unit=self.district_a).order_by("pk").first()
        item = add_evidence(
            assignment,
            acting_user=self.district_a_officer,
            effective_date=date(2023, 1, 11),
            file=SimpleUploadedFile("รายงานการประชุม.pdf", PDF),
            max_bytes=1024 * 1024,
        )
        # In the bucket, under the stored name, with the same bytes; nothing on local disk.
        stored = self.s3.get_object(Bucket=BUCKET, Key=item.file.name)["Body"].read()
        self.assertEqual(stored, PDF)
        self.assertEqual(item.sha256, hashlib.sha256(PDF).hexdigest())
        self.assertFalse((Path(settings.MEDIA_ROOT) / item.file.name).exists())

        self.client.force_login(self.district_a_officer)
        response = self.client.get(item.get_download_url())
        self.assertEqual(response.status_code, 200)
        self.assertEqual(b"".join(response.streaming_content), PDF)
        self.assertEqual(response["Content-Type"], "application/pdf")

        self.client.force_login(self.district_b_officer)
        self.assertEqual(self.client.get(item.get_download_url()).status_code, 404)
