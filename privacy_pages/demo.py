"""Demo content: Longtang's privacy policy, terms of use and cookie policy, in English
and Chinese, linked from the footer. Safe to run twice."""

from django.db import transaction
from wagtail.models import Locale, Site

from core.models import SiteChrome
from core.translation import translate

from .models import PolicyPage


def p(*paragraphs):
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def ul(*items):
    return "<ul>" + "".join(f"<li>{text}</li>" for text in items) + "</ul>"


PRIVACY = {
    "slug": "privacy-policy",
    "kind": PolicyPage.PRIVACY,
    "title": "Privacy policy",
    "search_description": "What Longtang stores about you, why, for how long, and how to see or delete it.",
    "introduction": (
        "This policy explains what Longtang stores about you, why, for how long, "
        "and how you can see, take away or delete it."
    ),
    "body": [
        ("heading", "Who we are"),
        (
            "rich_text",
            p(
                "Longtang is a bilingual community portal for Shanghai: a city guide, a venue directory, "
                "an events calendar and classifieds posted by members. The Longtang team runs the site "
                "and decides how the data described here is used."
            ),
        ),
        ("heading", "What we collect"),
        (
            "rich_text",
            p(
                "The table below is generated from the list of personal data our software keeps, "
                "so it always matches what the site actually stores."
            ),
        ),
        ("personal_data_table", {"heading": ""}),
        ("heading", "How we use it"),
        (
            "rich_text",
            ul(
                "To run your account: signing in, verifying your email address and phone number, "
                "and showing your public profile the way you set it.",
                "To publish what you post: listings, reviews and event submissions, after moderation.",
                "To deliver messages and enquiries between members and businesses.",
                "To send the emails you asked for, and only those: every newsletter has an unsubscribe link.",
                "To keep the site safe by spotting spam, fraud and abuse.",
                "To learn which pages are read, from statistics that never single out a visitor.",
            ),
        ),
        ("heading", "Who we share it with"),
        (
            "rich_text",
            p(
                "We do not sell personal data. We share it only with services that help us run Longtang "
                "(our email delivery service, payment providers and, if you accept them, analytics and "
                "advertising partners), and each of them gets only what it needs. We hand data to the "
                "authorities only when the law requires it."
            ),
        ),
        ("heading", "How long we keep it"),
        (
            "rich_text",
            p(
                "Each kind of data has its own retention period, shown in the table above. An automatic "
                "job deletes or anonymises data when its period ends. Request logs keep only the network "
                "part of your IP address and are deleted after 90 days."
            ),
        ),
        ("heading", "Your choices and rights"),
        (
            "rich_text",
            ul(
                "See and download your data: the Download my data page in your account settings prepares "
                "a copy of everything we store about you.",
                "Correct your data: edit your profile and contact details at any time.",
                "Delete your account: we then remove or anonymise your personal data and keep only what "
                "the law obliges us to keep, such as invoices.",
                "Choose your cookies: the Cookie settings link at the bottom of every page lets you change "
                "your mind.",
                "Stop emails: unsubscribe from any newsletter with one click.",
            )
            + p(
                "For anything else, contact us through the support page. We answer privacy requests "
                "within 30 days."
            ),
        ),
        ("heading", "Changes to this policy"),
        (
            "rich_text",
            p(
                "When we change this policy we publish the new version here and keep every earlier "
                "version on the version history page."
            ),
        ),
    ],
}

TERMS = {
    "slug": "terms",
    "kind": PolicyPage.TERMS,
    "title": "Terms of use",
    "search_description": "The rules for using Longtang and posting on it.",
    "introduction": "These terms apply to everyone who uses Longtang. By using the site you agree to them.",
    "body": [
        ("heading", "Your account"),
        (
            "rich_text",
            p(
                "Give a real email address and keep your password to yourself. You are responsible for "
                "what is posted from your account. You can delete your account at any time from your "
                "account settings."
            ),
        ),
        ("heading", "What you post"),
        (
            "rich_text",
            ul(
                "Post only what you have the right to publish, and keep it accurate: a flat that exists, "
                "a job that is open, an item you own.",
                "No spam, scams, hate, harassment or anything that is illegal in China.",
                "Reviews describe your own experience of the venue.",
                "You keep the rights to your content and allow Longtang to show it on the site and in its "
                "newsletters while it is published.",
            ),
        ),
        ("heading", "Moderation"),
        (
            "rich_text",
            p(
                "Our editors check listings, reviews and events before or after they appear, and may "
                "edit, hide or remove content that breaks these terms. Anyone can report content with "
                "the Report link, and we look at every report."
            ),
        ),
        ("heading", "Paid services"),
        (
            "rich_text",
            p(
                "Job credits and advertising are described, with their prices, when you buy them. Every "
                "order gets an invoice, which we keep for as long as the law requires."
            ),
        ),
        ("heading", "Liability"),
        (
            "rich_text",
            p(
                "Longtang brings people together but is not a party to the deals they make. Check what "
                "you rent, buy or accept before you pay. We work to keep the site accurate and available "
                "but cannot promise that it always will be."
            ),
        ),
        ("heading", "Changes"),
        (
            "rich_text",
            p(
                "We may update these terms. The date at the top shows when they last changed, and "
                "earlier versions stay available on the version history page."
            ),
        ),
    ],
}

COOKIES = {
    "slug": "cookie-policy",
    "kind": PolicyPage.COOKIES,
    "title": "Cookie policy",
    "search_description": "The cookies Longtang uses and how to choose which you allow.",
    "introduction": (
        "Cookies are small files your browser keeps for a website. This page lists the ones "
        "Longtang uses and how to choose which you allow."
    ),
    "body": [
        ("heading", "How we ask"),
        (
            "rich_text",
            p(
                "On your first visit a banner asks whether you accept optional cookies. Until you say yes "
                "we set only the strictly necessary ones and load no analytics or advertising scripts. "
                "Your answer is kept in a cookie of its own, and you can change it on the Cookie settings "
                "page, linked at the bottom of every page."
            ),
        ),
        ("cookie_table", {"heading": "The cookies we use"}),
        ("heading", "Other ways to control cookies"),
        (
            "rich_text",
            p(
                "Your browser can also block or delete cookies. If you block the strictly necessary "
                "ones, signing in and forms stop working."
            ),
        ),
    ],
}

ZH = {
    # Privacy policy
    "Privacy policy": "隐私政策",
    "What Longtang stores about you, why, for how long, and how to see or delete it.": "弄堂保存了你的哪些数据、为什么保存、保存多久，以及如何查看或删除。",
    "This policy explains what Longtang stores about you, why, for how long, and how you can see, take away or delete it.": "本政策说明弄堂保存了你的哪些数据、为什么保存、保存多久，以及你可以如何查看、带走或删除这些数据。",
    "Who we are": "我们是谁",
    "Longtang is a bilingual community portal for Shanghai: a city guide, a venue directory, an events calendar and classifieds posted by members. The Longtang team runs the site and decides how the data described here is used.": "弄堂是一个面向上海的中英双语社区门户：城市指南、场所名录、活动日历，以及会员发布的分类信息。弄堂团队负责运营本站，并决定本文所述数据的使用方式。",
    "What we collect": "我们收集哪些数据",
    "The table below is generated from the list of personal data our software keeps, so it always matches what the site actually stores.": "下表直接根据我们软件所保存的个人数据清单生成，因此始终与网站实际保存的内容一致。",
    "How we use it": "我们如何使用这些数据",
    "To run your account: signing in, verifying your email address and phone number, and showing your public profile the way you set it.": "运行你的账户：登录、验证你的电子邮箱和手机号码，并按照你的设置显示公开资料。",
    "To publish what you post: listings, reviews and event submissions, after moderation.": "发布你提交的内容：分类信息、点评和活动投稿，均经审核后发布。",
    "To deliver messages and enquiries between members and businesses.": "在会员与商家之间传递私信和咨询。",
    "To send the emails you asked for, and only those: every newsletter has an unsubscribe link.": "只发送你要求接收的邮件：每一封通讯邮件都附有退订链接。",
    "To keep the site safe by spotting spam, fraud and abuse.": "识别垃圾信息、欺诈和滥用行为，保障网站安全。",
    "To learn which pages are read, from statistics that never single out a visitor.": "通过统计数据了解哪些页面受欢迎，这些统计绝不会识别出某一位访客。",
    "Who we share it with": "我们与谁共享",
    "We do not sell personal data. We share it only with services that help us run Longtang (our email delivery service, payment providers and, if you accept them, analytics and advertising partners), and each of them gets only what it needs. We hand data to the authorities only when the law requires it.": "我们不出售个人数据。我们只与帮助我们运营弄堂的服务共享数据（邮件发送服务、支付服务商，以及在你同意的情况下的分析和广告合作方），而且每一方只获得其必需的数据。只有在法律要求时，我们才会向有关部门提供数据。",
    "How long we keep it": "我们保存多久",
    "Each kind of data has its own retention period, shown in the table above. An automatic job deletes or anonymises data when its period ends. Request logs keep only the network part of your IP address and are deleted after 90 days.": "每类数据都有各自的保存期限，见上表。保存期限届满后，系统会自动删除或匿名化这些数据。访问日志只保存 IP 地址的网段部分，并在 90 天后删除。",
    "Your choices and rights": "你的选择和权利",
    "See and download your data: the Download my data page in your account settings prepares a copy of everything we store about you.": "查看和下载你的数据：账户设置中的“下载我的数据”页面会为你准备一份我们所保存的全部个人数据副本。",
    "Correct your data: edit your profile and contact details at any time.": "更正你的数据：你可以随时修改个人资料和联系方式。",
    "Delete your account: we then remove or anonymise your personal data and keep only what the law obliges us to keep, such as invoices.": "删除你的账户：我们随后会删除或匿名化你的个人数据，只保留法律要求我们保存的内容，例如发票。",
    "Choose your cookies: the Cookie settings link at the bottom of every page lets you change your mind.": "选择 Cookie：每个页面底部的“Cookie 设置”链接让你随时改变主意。",
    "Stop emails: unsubscribe from any newsletter with one click.": "停止接收邮件：一键退订任何通讯邮件。",
    "For anything else, contact us through the support page. We answer privacy requests within 30 days.": "如有其他需要，请通过客服页面联系我们。我们会在 30 天内答复隐私相关请求。",
    "Changes to this policy": "本政策的变更",
    "When we change this policy we publish the new version here and keep every earlier version on the version history page.": "本政策变更时，我们会在此发布新版本，并在版本历史页面保留此前的每一个版本。",
    # Terms of use
    "Terms of use": "使用条款",
    "The rules for using Longtang and posting on it.": "使用弄堂及在弄堂发布内容的规则。",
    "These terms apply to everyone who uses Longtang. By using the site you agree to them.": "本条款适用于所有使用弄堂的人。使用本站即表示你同意本条款。",
    "Your account": "你的账户",
    "Give a real email address and keep your password to yourself. You are responsible for what is posted from your account. You can delete your account at any time from your account settings.": "请提供真实的电子邮箱，并妥善保管你的密码。你需要对通过你的账户发布的内容负责。你可以随时在账户设置中删除账户。",
    "What you post": "你发布的内容",
    "Post only what you have the right to publish, and keep it accurate: a flat that exists, a job that is open, an item you own.": "只发布你有权发布的内容，并确保准确：真实存在的房源、仍在招聘的职位、你拥有的物品。",
    "No spam, scams, hate, harassment or anything that is illegal in China.": "禁止垃圾信息、诈骗、仇恨言论、骚扰以及任何在中国违法的内容。",
    "Reviews describe your own experience of the venue.": "点评应描述你本人在该场所的亲身体验。",
    "You keep the rights to your content and allow Longtang to show it on the site and in its newsletters while it is published.": "你保留对自己内容的权利，并允许弄堂在内容发布期间将其展示在网站和通讯邮件中。",
    "Moderation": "内容审核",
    "Our editors check listings, reviews and events before or after they appear, and may edit, hide or remove content that breaks these terms. Anyone can report content with the Report link, and we look at every report.": "我们的编辑会在分类信息、点评和活动发布之前或之后进行检查，并可能修改、隐藏或删除违反本条款的内容。任何人都可以通过“举报”链接举报内容，我们会查看每一条举报。",
    "Paid services": "付费服务",
    "Job credits and advertising are described, with their prices, when you buy them. Every order gets an invoice, which we keep for as long as the law requires.": "招聘点数和广告服务在购买时会说明内容和价格。每笔订单都会开具发票，我们按法律要求的期限保存发票。",
    "Liability": "责任",
    "Longtang brings people together but is not a party to the deals they make. Check what you rent, buy or accept before you pay. We work to keep the site accurate and available but cannot promise that it always will be.": "弄堂为人们牵线搭桥，但不是他们之间交易的一方。付款前请核实你要租、要买或要接受的东西。我们努力保持网站准确和可用，但无法保证始终如此。",
    "Changes": "变更",
    "We may update these terms. The date at the top shows when they last changed, and earlier versions stay available on the version history page.": "我们可能会更新本条款。页面顶部的日期显示最近一次变更的时间，此前的版本可在版本历史页面查看。",
    # Cookie policy
    "Cookie policy": "Cookie 政策",
    "The cookies Longtang uses and how to choose which you allow.": "弄堂使用的 Cookie，以及如何选择允许哪些 Cookie。",
    "Cookies are small files your browser keeps for a website. This page lists the ones Longtang uses and how to choose which you allow.": "Cookie 是浏览器为网站保存的小文件。本页列出弄堂使用的 Cookie，以及你如何选择允许哪些 Cookie。",
    "How we ask": "我们如何征求同意",
    "On your first visit a banner asks whether you accept optional cookies. Until you say yes we set only the strictly necessary ones and load no analytics or advertising scripts. Your answer is kept in a cookie of its own, and you can change it on the Cookie settings page, linked at the bottom of every page.": "首次访问时，横幅会询问你是否接受可选 Cookie。在你同意之前，我们只设置绝对必要的 Cookie，不加载任何分析或广告脚本。你的选择会保存在一个专门的 Cookie 中，你可以在每个页面底部链接的“Cookie 设置”页面随时更改。",
    "The cookies we use": "我们使用的 Cookie",
    "Other ways to control cookies": "控制 Cookie 的其他方式",
    "Your browser can also block or delete cookies. If you block the strictly necessary ones, signing in and forms stop working.": "你的浏览器也可以阻止或删除 Cookie。如果阻止绝对必要的 Cookie，登录和表单将无法正常使用。",
}

POLICIES = [PRIVACY, TERMS, COOKIES]


def _publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@transaction.atomic
def build():
    english = Locale.objects.get(language_code="en")
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        raise RuntimeError("No default site: run migrations first.")
    home = site.root_page.get_translation(english).specific

    pages = {}
    for spec in POLICIES:
        page = PolicyPage.objects.filter(locale=english, slug=spec["slug"]).first()
        if page is None:
            page = home.add_child(instance=PolicyPage(title=spec["title"], slug=spec["slug"], locale=english))
        page.title = spec["title"]
        page.kind = spec["kind"]
        page.search_description = spec["search_description"]
        page.introduction = spec["introduction"]
        page.body = spec["body"]
        _publish(page)
        translate(page, "zh-hans", ZH)
        pages[spec["kind"]] = page

    chrome = SiteChrome.load()
    linked = {block.value["page"].pk for block in chrome.footer_links if block.value.get("page")}
    links = [
        ("page", {"page": block.value["page"], "label": block.value["label"]})
        for block in chrome.footer_links
    ]
    links += [("page", {"page": page, "label": ""}) for page in pages.values() if page.pk not in linked]
    chrome.footer_links = links
    chrome.save()
    return pages
