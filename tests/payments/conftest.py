"""Fake WeChat Pay and Alipay servers with keys made for the test run, and the settings
that point the providers at them."""

from types import SimpleNamespace

import pytest

from .fake_providers import FakeAlipay, FakeWeChatPay, new_key, private_pem, public_pem


@pytest.fixture(scope="session")
def provider_keys():
    """RSA 2048 keys, made once per test run: ours (merchant / app), the providers', and
    someone else's."""
    return SimpleNamespace(
        wechat_merchant=new_key(),
        wechat_platform=new_key(),
        alipay_app=new_key(),
        alipay=new_key(),
        stranger=new_key(),
    )


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return str(path)


def wechat_settings(fake, keys, key_dir, cert_dir=None):
    config = {
        "mchid": fake.mchid,
        "appid": fake.appid,
        "api_v3_key": fake.apiv3_key,
        "private_key_file": write(key_dir / "apiclient_key.pem", private_pem(keys.wechat_merchant)),
        "cert_serial_no": fake.merchant_serial,
        "verify_with": "public_key",
        "public_key_id": fake.public_key_id,
        "public_key_file": write(key_dir / "pub_key.pem", public_pem(keys.wechat_platform)),
        "platform_cert_dir": "",
        "gateway": fake.url,
        "timeout": 5,
    }
    if cert_dir is not None:
        config.update(
            verify_with="certificate", public_key_id="", public_key_file="", platform_cert_dir=str(cert_dir)
        )
    return config


@pytest.fixture
def wechat_pay(settings, tmp_path, provider_keys):
    """WeChat Pay in public-key mode (what new merchants get)."""
    fake = FakeWeChatPay(
        merchant_key=provider_keys.wechat_merchant, platform_key=provider_keys.wechat_platform
    )
    settings.PAYMENTS_WECHAT = wechat_settings(fake, provider_keys, tmp_path)
    yield fake
    fake.close()


@pytest.fixture
def wechat_pay_certificates(settings, tmp_path, provider_keys):
    """WeChat Pay in platform-certificate mode, its current certificate already
    downloaded into the certificate directory."""
    fake = FakeWeChatPay(
        merchant_key=provider_keys.wechat_merchant,
        platform_key=provider_keys.wechat_platform,
        mode="certificate",
    )
    cert_dir = tmp_path / "wechatpay-certificates"
    cert_dir.mkdir()
    write(cert_dir / f"{fake.serial}.pem", fake.certificate_pem())
    settings.PAYMENTS_WECHAT = wechat_settings(fake, provider_keys, tmp_path, cert_dir=cert_dir)
    yield fake
    fake.close()


@pytest.fixture
def alipay(settings, tmp_path, provider_keys):
    fake = FakeAlipay(app_key=provider_keys.alipay_app, alipay_key=provider_keys.alipay)
    settings.PAYMENTS_ALIPAY = {
        "app_id": fake.app_id,
        "app_private_key_file": write(
            tmp_path / "app_private_key.pem", private_pem(provider_keys.alipay_app)
        ),
        "alipay_public_key_file": write(tmp_path / "alipay_public_key.pem", public_pem(provider_keys.alipay)),
        "gateway": fake.gateway,
        "timeout": 5,
    }
    yield fake
    fake.close()


@pytest.fixture
def credit_pack(db):
    from tests.factories.payments import ProductFactory

    return ProductFactory(code="credits-5", name_en="5 job credits", name_zh="5 个招聘点数", credits=5)


@pytest.fixture
def buyer(db):
    from tests.factories.users import UserFactory

    return UserFactory()
