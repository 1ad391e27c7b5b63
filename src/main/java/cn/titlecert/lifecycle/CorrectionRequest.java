package cn.titlecert.lifecycle;

import java.util.Map;

/**
 * What a holder or employer sends (contract: {@code changes} field → new value, {@code reason}); {@code kind}
 * defaults to {@code CORRECTION}.
 */
public record CorrectionRequest(String kind, Map<String, String> changes, String reason) {
}
