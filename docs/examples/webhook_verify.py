"""校验平台事件推送的签名 / Verify a webhook signature of the Shaoxing Zero-Waste City platform.

Python 3.8+，仅标准库 / standard library only.
用法 / Usage:  python3 webhook_verify.py <secret> "<x-zw-signature header>" < body.json
退出码 0 表示签名有效 / exit code 0 when the signature is valid.
"""
import hashlib
import hmac
import sys
import time


def verify_signature(secret: str, header: str, raw_body: bytes, tolerance_seconds: int = 300) -> bool:
    """header: "t=<unix seconds>,v1=<hex HMAC-SHA256 of b"<t>." + raw body>"."""
    parts = dict(p.split("=", 1) for p in header.split(",") if "=" in p)
    try:
        t = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs(time.time() - t) > tolerance_seconds or "v1" not in parts:
        return False  # 过旧或缺签名：可能是重放 / too old or unsigned: possibly a replay
    expected = hmac.new(secret.encode("utf-8"), f"{t}.".encode("ascii") + raw_body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, parts["v1"])


# Flask 示例 / Flask example:
#   @app.post("/zw-webhook")
#   def hook():
#       if not verify_signature(SECRET, request.headers.get("X-Zw-Signature", ""), request.get_data()):
#           abort(400)
#       event = request.get_json()          # 按 event["id"] 去重 / de-duplicate by event["id"]
#       return "", 204

if __name__ == "__main__":
    ok = verify_signature(sys.argv[1], sys.argv[2], sys.stdin.buffer.read())
    print("valid" if ok else "invalid")
    sys.exit(0 if ok else 1)
