package dev.lading.registry;

import java.util.Objects;

/**
 * What to authenticate with. {@code toString()} never shows a secret: these values end up in logs and
 * exception messages by accident far too easily.
 */
public sealed interface Credentials {

    Anonymous ANONYMOUS = new Anonymous();

    static Credentials anonymous() {
        return ANONYMOUS;
    }

    static Credentials basic(String username, String password) {
        return new UsernamePassword(username, password);
    }

    /** No credentials: anonymous pulls, and anonymous tokens where the registry hands them out. */
    record Anonymous() implements Credentials {
    }

    /** User and password (or a personal access token as the password). */
    record UsernamePassword(String username, String password) implements Credentials {
        public UsernamePassword {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
            if (username.contains(":")) {
                // Basic auth joins with ':'; a colon in the user would silently shift the split point.
                throw new IllegalArgumentException("a registry user name cannot contain ':'");
            }
        }

        @Override
        public String toString() {
            return "UsernamePassword[username=" + username + ", password=<redacted>]";
        }
    }

    /**
     * An OAuth2 refresh token ("identitytoken" in Docker's config.json, user "&lt;token&gt;" from a credential helper),
     * exchanged at the token realm for access tokens.
     */
    record IdentityToken(String username, String token) implements Credentials {
        public IdentityToken {
            Objects.requireNonNull(token, "token");
        }

        @Override
        public String toString() {
            return "IdentityToken[username=" + username + ", token=<redacted>]";
        }
    }
}
