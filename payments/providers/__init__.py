"""The payment providers, by method code."""

from django.utils.module_loading import import_string

PROVIDERS = {
    "wechat": "payments.providers.wechat.WeChatPay",
    "alipay": "payments.providers.alipay.Alipay",
    "bank": "payments.providers.bank.BankTransfer",
}


def get_provider(method):
    """The provider for ``method``; KeyError for an unknown one."""
    return import_string(PROVIDERS[method])()


def available_methods():
    """Methods a buyer can choose now, in display order."""
    found = []
    for method in PROVIDERS:
        try:
            provider = get_provider(method)
        except ImportError:
            continue
        if provider.is_configured():
            found.append(provider)
    return found
