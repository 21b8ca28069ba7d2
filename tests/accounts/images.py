"""Image files made on the fly for upload tests."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def jpeg_with_gps(name="holiday.jpg", size=(1200, 800)):
    image = Image.new("RGB", size, (200, 40, 40))
    exif = Image.Exif()
    exif[0x010F] = "SpyCam"  # Make
    exif[0x8825] = {1: "N", 2: (31.0, 13.0, 30.0), 3: "E", 4: (121.0, 28.0, 10.0)}  # GPSInfo
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def png(name="face.png", size=(300, 300)):
    out = io.BytesIO()
    Image.new("RGB", size, (10, 120, 200)).save(out, format="PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def decompression_bomb(name="bomb.png"):
    # Tiny on disk, 100 million pixels once decoded.
    out = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(out, format="PNG", optimize=True)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def not_an_image(name="photo.jpg"):
    return SimpleUploadedFile(name, b"MZ\x90\x00 this is really a program" * 50, content_type="image/jpeg")


def huge_file(name="big.jpg", megabytes=20):
    header = jpeg_with_gps().read()
    return SimpleUploadedFile(name, header + b"\0" * (megabytes * 1024 * 1024), content_type="image/jpeg")
