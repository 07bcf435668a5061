-- wrk script: as ../shared/bench/post.lua, plus a pause of DELAY_MS before each request on a connection, so the
-- load is steady rather than saturating (used for the async acknowledgement latency).
local f = assert(io.open(os.getenv("BODY_FILE") or "body.json", "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
local ts, sig = os.getenv("X_TIMESTAMP"), os.getenv("X_SIGNATURE")
if ts and sig then
  wrk.headers["X-Webhook-Event"] = "tool-calls"
  wrk.headers["X-Webhook-Timestamp"] = ts
  wrk.headers["X-Webhook-Signature"] = sig
end
local pause = tonumber(os.getenv("DELAY_MS") or "10")
function delay()
  return pause
end
