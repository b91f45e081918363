-- wrk script: POST one recorded AdmissionReview (path in KUBEGUARD_REVIEW) to the webhook.
--   KUBEGUARD_REVIEW=tests/fixtures/admission/pod-create-denied-restricted.request.json \
--     wrk -t1 -c100 -d10s --latency -s bench/Kubeguard.Webhook.Benchmarks/wrk-post.lua https://127.0.0.1:18443/validate
local path = os.getenv("KUBEGUARD_REVIEW") or "tests/fixtures/admission/pod-create-denied-restricted.request.json"
local file = assert(io.open(path, "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"

local non200 = 0
function response(status, headers, body)
  if status ~= 200 then
    non200 = non200 + 1
  end
end

function done(summary, latency, requests)
  io.write(string.format("requests=%d errors(connect/read/write/timeout)=%d/%d/%d/%d throughput=%.0f/s p50=%.2fms p90=%.2fms p99=%.2fms max=%.2fms\n",
    summary.requests, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout,
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
