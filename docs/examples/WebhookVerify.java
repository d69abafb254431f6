// 校验平台事件推送的签名 / Verify a webhook signature of the Shaoxing Zero-Waste City platform.
// Java 11+，仅标准库 / standard library only.
// 用法 / Usage:  java WebhookVerify.java <secret> "<x-zw-signature header>" < body.json
// 退出码 0 表示签名有效 / exit code 0 when the signature is valid.
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public class WebhookVerify {
    /** header: "t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>." + raw body>". */
    public static boolean verifySignature(String secret, String header, byte[] rawBody, long toleranceSeconds) throws Exception {
        Map<String, String> parts = new HashMap<>();
        for (String p : header.split(",")) {
            int i = p.indexOf('=');
            if (i > 0) parts.put(p.substring(0, i).trim(), p.substring(i + 1).trim());
        }
        long t;
        try {
            t = Long.parseLong(parts.getOrDefault("t", ""));
        } catch (NumberFormatException e) {
            return false;
        }
        String v1 = parts.get("v1");
        // 过旧或缺签名：可能是重放 / too old or unsigned: possibly a replay
        if (v1 == null || Math.abs(System.currentTimeMillis() / 1000 - t) > toleranceSeconds) return false;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
        byte[] digest = mac.doFinal(rawBody);
        StringBuilder hex = new StringBuilder();
        for (byte b : digest) hex.append(String.format("%02x", b));
        // 常量时间比较 / constant-time comparison
        return MessageDigest.isEqual(hex.toString().getBytes(StandardCharsets.US_ASCII), v1.getBytes(StandardCharsets.US_ASCII));
    }

    public static void main(String[] args) throws Exception {
        byte[] body = System.in.readAllBytes();
        boolean ok = verifySignature(args[0], args[1], body, 300);
        System.out.println(ok ? "valid" : "invalid");
        System.exit(ok ? 0 : 1);
    }
}
