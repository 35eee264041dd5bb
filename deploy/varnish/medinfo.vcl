# Varnish in front of MedInfo (README: "Running behind Varnish or a CDN").
# Needs Varnish 7 with the xkey vmod (Debian: apt-get install varnish varnish-modules).
#
# The app marks every page it may share as "public, s-maxage=…" and names the page's
# cache tags in an "xkey" header; Varnish keeps the page until a purge names one of
# them. The app purges with "PURGE /" and an "xkey: tag tag …" header, from the
# addresses in the purgers ACL (MEDINFO_CDN_PURGE_URLS=http://127.0.0.1:6081/).
# Staff pages and signed-in visitors always go to the app, which marks them private.
# Varnish listens behind the TLS terminator, which sets X-Forwarded-Proto (README).
vcl 4.1;

import xkey;

backend default {
    .host = "127.0.0.1";
    .port = "8000";
}

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey) {
            return (synth(400, "Name the keys to purge in an xkey header"));
        }
        set req.http.X-Purged = xkey.purge(req.http.xkey);
        return (synth(200, "Purged " + req.http.X-Purged));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The admin, signed previews and the ad endpoints are never shared.
    if (req.url ~ "^/(admin|preview|ads)/") {
        return (pass);
    }
    # A signed-in visitor sees pages built for them (the app marks them private).
    if (req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # Anonymous pages do not depend on any other cookie (the app's page cache agrees).
    unset req.http.Cookie;
    if (!req.http.X-Forwarded-Proto) {
        set req.http.X-Forwarded-Proto = "http";
    }
    return (hash);
}

sub vcl_hash {
    # The app answers http and https differently (http is redirected to https): one
    # copy of each, or the redirect would be replayed to https visitors, a loop.
    hash_data(req.http.X-Forwarded-Proto);
}

sub vcl_backend_response {
    # Keep only what the app marked for shared caches; anything else (a redirect, an
    # error page, a response for one person) goes to the app every time.
    if (beresp.http.Cache-Control !~ "(^|[ ,])public([ ,]|$)") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # The surrogate keys are for Varnish, not for visitors.
    unset resp.http.xkey;
}
