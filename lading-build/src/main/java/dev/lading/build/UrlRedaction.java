package dev.lading.build;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes credentials out of URLs in text meant for people (messages, progress, image history): a Dockerfile line
 * such as {@code ADD https://user:token@host/repo.git /src} must not print its token.
 */
final class UrlRedaction {

    private static final Pattern USERINFO = Pattern.compile("(?i)\\b(https?|file|git)://[^/@\\s]*@");
    private static final Pattern SSH_PASSWORD = Pattern.compile("(?i)\\b(ssh://[^/:@\\s]+):[^/@\\s]*@");

    private UrlRedaction() {
    }

    /** {@code text} without the user:password@ or token@ of http(s), git and file URLs; ssh keeps its user name only. */
    static String redact(String text) {
        if (text.indexOf('@') < 0) {
            return text;
        }
        Matcher m = USERINFO.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + "://"));
        }
        m.appendTail(sb);
        return SSH_PASSWORD.matcher(sb.toString()).replaceAll("$1@");
    }
}
