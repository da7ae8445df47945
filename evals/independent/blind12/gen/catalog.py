"""Lumenreel services and their everyday chatter."""
from world import *

SPEC = {
  # name: (platform, style, lang, ns, paths, req/min, info lines, noise warn/err lines)
  "web-bff": ("run", "pino", "node", None,
      [("GET", "/api/home"), ("GET", "/api/title/{id}"), ("GET", "/api/search?q={q}"), ("GET", "/api/me"), ("GET", "/api/playlists"), ("POST", "/api/events")], 90,
      [("INFO", "rendered home rails=14 personalised=true"), ("INFO", lambda r: f"session refreshed uid=u_{r.randint(10**6, 10**7)}"), ("DEBUG", "feature gate snapshot loaded")],
      [("WARNING", lambda r: f"slow upstream search-api {r.randint(900, 2400)}ms"), ("ERROR", "request aborted by client (ECONNRESET)"), ("WARNING", "deprecated header X-Lr-Client-Version used by client LumenreelTV/3.9.0")]),
  "playback-api": ("run", "json-sev", "go", None,
      [("POST", "/v1/playback/start"), ("POST", "/v1/playback/heartbeat"), ("POST", "/v1/playback/heartbeat"), ("GET", "/v1/manifest/{id}")], 80,
      [("INFO", lambda r: f"playback session started title={r.randint(10000, 99999)} drm=widevine"), ("INFO", "heartbeat batch flushed"), ("DEBUG", "cdn token minted ttl=6h")],
      [("WARNING", "heartbeat for unknown session, ignoring"), ("WARNING", lambda r: f"client bitrate ladder mismatch device=roku rung={r.randint(3, 8)}")]),
  "comments-svc": ("run", "logback", "java", None,
      [("GET", "/v1/titles/{id}/comments"), ("GET", "/v1/titles/{id}/comments"), ("POST", "/v1/titles/{id}/comments")], 30,
      [("INFO", lambda r: f"Loaded {r.randint(0, 50)} comments for title {r.randint(10000, 99999)} page=0"), ("INFO", "Moderation verdict cached")],
      [("WARNING", "HikariPool-1 - Failed to validate connection com.mysql.cj.jdbc.ConnectionImpl@4e2c1a7b (No operations allowed after connection closed.). Possibly consider using a shorter maxLifetime value."), ("WARNING", "Profanity filter dictionary is older than 30 days")]),
  "billing-svc": ("run", "logstash", "java", None,
      [("GET", "/v1/subscriptions/me"), ("POST", "/v1/subscriptions"), ("POST", "/v1/webhooks/stripe"), ("GET", "/v1/invoices")], 25,
      [("INFO", lambda r: f"Stripe webhook evt_{r.randint(10**9, 10**10)} processed type=invoice.paid"), ("INFO", "Entitlement cache warmed")],
      [("WARNING", "Stripe webhook signature timestamp older than 240s, accepted within tolerance"), ("ERROR", lambda r: f"Card declined for customer cus_{r.randint(10**6, 10**7)}: insufficient_funds")]),
  "upload-api": ("run", "python", "py", None,
      [("POST", "/v1/uploads"), ("GET", "/v1/uploads/{id}/status"), ("GET", "/v1/uploads/{id}/status"), ("PUT", "/v1/uploads/{id}/metadata")], 20,
      [("INFO", lambda r: f"Issued resumable upload session for asset a_{r.randint(10**5, 10**6)} size={r.randint(10, 4000)}MB"), ("INFO", "status poll served from cache")],
      [("WARNING", "Client sent Content-Range beyond declared size, clamping"), ("WARNING", "Metadata title exceeded 200 chars, truncated")]),
  "search-api": ("run", "json-sev", "py", None,
      [("GET", "/v1/search?q={q}"), ("GET", "/v1/suggest?q={q}")], 50,
      [("INFO", "query served"), ("INFO", "synonyms reloaded (1432 entries)")],
      [("WARNING", "query parse fallback to simple mode"), ("WARNING", "Elastic-like scoring timeout on shard 2, partial results")]),
  "account-api": ("run", "json-sev", "node", None,
      [("GET", "/v1/profile"), ("POST", "/v1/session/refresh"), ("PUT", "/v1/profile/avatar"), ("GET", "/v1/devices")], 35,
      [("INFO", "profile fetched"), ("INFO", "session refresh ok")],
      [("WARNING", "device limit nearly reached (4/5)"), ("ERROR", "avatar upload rejected: unsupported image type image/heic")]),
  "notify-svc": ("run", "logfmt", "go", None,
      [("POST", "/push/dispatch"), ("POST", "/email/dispatch")], 15,
      [("INFO", "dispatched batch"), ("INFO", "fcm token refresh")],
      [("WARNING", "apns: BadDeviceToken, pruning token"), ("WARNING", "sendgrid: bounce for address, suppressing")]),
  "catalog-api": ("gke", "logback", "java", "catalog",
      [("GET", "/v2/titles/{id}"), ("GET", "/v2/rails/home"), ("GET", "/v2/titles/{id}/episodes")], 70,
      [("INFO", lambda r: f"Rail cache refresh completed in {r.randint(80, 300)}ms, {r.randint(4000, 6000)} entries"), ("INFO", "Served title from L1 cache")],
      [("WARNING", "Artwork missing for locale pt-BR, falling back to en-US"), ("WARNING", "Slow query (812 ms): SELECT * FROM title_availability WHERE region=?")]),
  "entitlement-svc": ("gke", "glog", "go", "playback",
      [("GET", "/v1/entitlements/check")], 60,
      [("INFO", "entitlement check ok plan=premium"), ("INFO", "policy bundle up to date rev=8812")],
      [("WARNING", "geo db older than 7 days"), ("WARNING", "grpc: addrConn.createTransport failed to connect to {otel-collector.observability:4317}. Err: connection error")]),
  "transcode-worker": ("gke", "python", "py", "media",
      [], 0,
      [("INFO", lambda r: f"Job tj_{r.randint(10**5, 10**6)} segment {r.randint(1, 400)}/412 encoded h264 1080p"), ("INFO", "Pulled 1 message(s) from transcode-requests-sub")],
      [("WARNING", "ffmpeg: [h264 @ 0x55d8c] non-existing PPS 0 referenced"), ("WARNING", "Input has variable frame rate, forcing cfr")]),
  "packager": ("gke", "zap", "go", "media",
      [("GET", "/metrics")], 6,
      [("INFO", "segment published"), ("INFO", "manifest written")],
      [("WARNING", "segment arrived late, duration drift 120ms"), ("WARNING", "SCTE-35 marker without matching break, ignoring")]),
  "reco-svc": ("gke", "json-sev", "py", "reco",
      [("GET", "/v1/recommendations/home"), ("GET", "/v1/recommendations/because-you-watched")], 40,
      [("INFO", "recs served"), ("INFO", "feature store lookup ok")],
      [("WARNING", "cold-start user, using popularity prior"), ("WARNING", "feature 'watch_time_7d' missing for user, imputing 0")]),
  "thumbnailer": ("gcf", "plain", "py", None, [], 0,
      [("INFO", lambda r: f"Generated 6 thumbnails for a_{r.randint(10**5, 10**6)}")],
      [("WARNING", "EXIF orientation tag invalid, ignoring")]),
}


def make(w, names, **over):
    svcs = {}
    for n in names:
        plat, style, lang, ns, *_ = SPEC[n]
        kw = dict(lang=lang, ns=ns, replicas=w.rng.randint(2, 5))
        if n == "transcode-worker":
            kw["stderr_all"] = True
        kw.update(over.get(n, {}))
        svcs[n] = Svc(w, n, plat, style, **kw)
    return svcs


def background(w, svcs, scale=1.0, skip_traffic=(), noise_scale=1.0):
    for n, s in svcs.items():
        plat, style, lang, ns, paths, rate, info, noise = SPEC[n]
        if paths and n not in skip_traffic:
            traffic(w, s, paths, rate * scale)
        chatter(w, s, info, rate * 0.25 * scale + 2)
        chatter(w, s, noise, 0.6 * noise_scale)
        if plat in ("run",) or style in ("zap", "json-sev"):
            health(w, s, every_s=15)
    routine_audit(w)
