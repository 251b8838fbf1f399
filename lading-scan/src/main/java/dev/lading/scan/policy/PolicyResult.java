package dev.lading.scan.policy;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of one image policy rule (an IM rule, or a gate such as dive's efficiency thresholds): plain data
 * a report renders as a table row or a JSON object. {@code details} are the specifics behind the message
 * (paths found, labels missing), sorted, so two runs over the same image print the same thing.
 */
public record PolicyResult(String id, Status status, String message, List<String> details) {

    public enum Status {
        PASS, WARN, FAIL, SKIP;

        /** The worse of two outcomes (FAIL over WARN over PASS over SKIP). */
        public Status worst(Status other) {
            return rank(this) >= rank(other) ? this : other;
        }

        private static int rank(Status s) {
            return switch (s) {
                case SKIP -> 0;
                case PASS -> 1;
                case WARN -> 2;
                case FAIL -> 3;
            };
        }
    }

    public PolicyResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
        details = details == null ? List.of() : List.copyOf(details);
    }

    public static PolicyResult pass(String id, String message, List<String> details) {
        return new PolicyResult(id, Status.PASS, message, details);
    }

    public static PolicyResult fail(String id, String message, List<String> details) {
        return new PolicyResult(id, Status.FAIL, message, details);
    }

    public static PolicyResult warn(String id, String message, List<String> details) {
        return new PolicyResult(id, Status.WARN, message, details);
    }

    public static PolicyResult skip(String id, String message) {
        return new PolicyResult(id, Status.SKIP, message, List.of());
    }
}
