# Longtang front cache: Varnish 7 in front of gunicorn.
#
#   varnishd -F -a :6081 -f /path/to/deploy/varnish/default.vcl -s malloc,256m
#
# The application decides what may be shared: an anonymous, cacheable page comes
# with "Cache-Control: public, max-age=0, s-maxage=N" (Varnish keeps it N seconds,
# browsers revalidate), anything personal with "private" / "no-cache" / "no-store"
# or a Set-Cookie, which is never stored here. Wagtail purges a page's addresses
# on publish and unpublish, core.page_cache on other content changes
# (wagtail.contrib.frontend_cache, HTTPBackend, setting FRONTEND_CACHE_VARNISH_URL):
# "PURGE /en/housing/" bans the path with every query-string variant of it,
# "PURGE /en/events/*" everything below the path too. docs/front-cache.md tells
# the whole story.

vcl 4.1;

import cookie;
import std;

# The application server (gunicorn). Change host and port to where it listens.
backend default {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 5s;
    .first_byte_timeout = 60s;
    .between_bytes_timeout = 30s;
}

# Who may purge: the application servers. Add their addresses when they do not
# run on this machine.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    # One spelling of each host, so that a purge and the pages it names meet.
    if (req.http.host) {
        set req.http.host = std.tolower(regsub(req.http.host, ":80$", ""));
    }

    if (req.method == "PURGE") {
        # Varnish has put client.ip at the end of X-Forwarded-For: a comma means
        # the request was relayed by a proxy in front (a TLS terminator on this
        # machine connects from 127.0.0.1 too), so it came from a visitor.
        if (client.ip !~ purgers || req.http.X-Forwarded-For ~ ",") {
            return (synth(405, "Purging is not allowed from here"));
        }
        # A purge bans by path, on every host name this Varnish answers for: the
        # host Wagtail names (the Site's hostname, WAGTAILADMIN_BASE_URL) need not
        # be the one visitors use. Only obj.* is tested, so the ban lurker clears
        # the matching objects in the background.
        set req.http.x-purge = regsub(req.url, "\?.*$", "");
        if (req.http.x-purge ~ "\*$") {
            # "/en/events/*" (core.page_cache.purge_trees, purge_all): the path and
            # every path below it, each with all its query strings.
            set req.http.x-purge = regsuball(regsub(req.http.x-purge, "\*$", ""),
                                             "([][\\.+*?(){}|^$])", "\\\1");
            set req.http.x-ban = "obj.http.x-path ~ ^" + req.http.x-purge;
        } else {
            # "/en/housing/": the page and every ?page=2, ?district=… variant of it.
            set req.http.x-ban = "obj.http.x-path == " + req.http.x-purge;
        }
        if (std.ban(req.http.x-ban)) {
            return (synth(200, "Purged"));
        }
        return (synth(400, std.ban_error()));
    }

    if (req.method != "GET" && req.method != "HEAD") {
        # POST, PUT, DELETE…: always to the application, cookies untouched.
        return (pass);
    }

    # A signed-in visitor (session cookie), a visitor with a message waiting, or a
    # client with credentials: never served from or stored in the cache.
    if (req.http.Authorization ||
        req.http.Cookie ~ "(^|;)\s*(sessionid|messages)=") {
        return (pass);
    }

    # Pages that are never shared: the admin sites, the health check, the consent
    # endpoints, machine-called webhooks, and the bare "/" whose redirect follows
    # the visitor's language cookie and Accept-Language.
    if (req.url ~ "^/(\?|$)" ||
        req.url ~ "^/(admin|django-admin|consent|anymail|payments/notify|newsletters/unsubscribe)/" ||
        req.url ~ "^/healthz(\?|$)") {
        return (pass);
    }

    # Anonymous pages depend on one cookie only: the visitor's consent choice (the
    # banner). Every other cookie (analytics, csrftoken on a GET …) is dropped, so
    # that it neither reaches the application nor splits the cache.
    if (req.http.Cookie) {
        cookie.parse(req.http.Cookie);
        cookie.keep("cookie_consent");
        set req.http.Cookie = cookie.get_string();
        if (req.http.Cookie == "") {
            unset req.http.Cookie;
        }
    }
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    if (req.http.host) {
        hash_data(req.http.host);
    } else {
        hash_data(server.ip);
    }
    # Behind a TLS-terminating balancer: pages carry absolute https:// addresses
    # (canonical, hreflang), an http request only a redirect. Never mix the two.
    if (req.http.X-Forwarded-Proto) {
        hash_data(req.http.X-Forwarded-Proto);
    }
    # What is left of the Cookie header is the consent choice: one copy per choice.
    if (req.http.Cookie) {
        hash_data(req.http.Cookie);
    }
    return (lookup);
}

sub vcl_backend_response {
    # The object's path, for bans (removed again in vcl_deliver).
    set beresp.http.x-path = regsub(bereq.url, "\?.*$", "");

    if (bereq.uncacheable) {
        return (deliver);
    }

    # Never store a response that sets a cookie or that the application marks as
    # personal; remember for a short while that this address is not cacheable
    # (hit-for-miss), so requests for it are not queued behind each other.
    if (beresp.http.Set-Cookie ||
        beresp.http.Cache-Control ~ "(?i)(private|no-cache|no-store)" ||
        beresp.http.Vary == "*") {
        set beresp.ttl = 120s;
        set beresp.uncacheable = true;
        return (deliver);
    }

    # beresp.ttl already follows s-maxage (before max-age and Expires): the
    # application's "max-age=0, s-maxage=N" is kept N seconds here. The application
    # labels every response it means to share; one without caching headers is not
    # stored.
    if (!beresp.http.Cache-Control && !beresp.http.Expires) {
        set beresp.ttl = 0s;
    }
    if (beresp.ttl <= 0s) {
        set beresp.ttl = 120s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # Serve a stale copy for a few seconds while a fresh one is fetched.
    set beresp.grace = 10s;
    return (deliver);
}

sub vcl_deliver {
    unset resp.http.x-path;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    return (deliver);
}

sub vcl_synth {
    if (req.method == "PURGE") {
        set resp.http.Content-Type = "text/plain; charset=utf-8";
        set resp.body = resp.reason + {"
"};
        return (deliver);
    }
}
