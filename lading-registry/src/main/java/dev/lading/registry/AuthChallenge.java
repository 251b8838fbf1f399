package dev.lading.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One challenge of a WWW-Authenticate header (RFC 7235): a scheme and its parameters, e.g.
 * {@code Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull"}.
 */
record AuthChallenge(String scheme, Map<String, String> params) {

    boolean isBearer() {
        return scheme.equalsIgnoreCase("bearer");
    }

    boolean isBasic() {
        return scheme.equalsIgnoreCase("basic");
    }

    String param(String name) {
        return params.get(name.toLowerCase(Locale.ROOT));
    }

    /** Parses every challenge in the given header values; malformed parts are skipped rather than failing the request. */
    static List<AuthChallenge> parse(List<String> headerValues) {
        List<AuthChallenge> out = new ArrayList<>();
        for (String value : headerValues) {
            parseOne(value, out);
        }
        return out;
    }

    private static void parseOne(String s, List<AuthChallenge> out) {
        int i = 0;
        int n = s.length();
        String scheme = null;
        Map<String, String> params = new LinkedHashMap<>();
        while (i < n) {
            while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == ',' || s.charAt(i) == '\t')) {
                i++;
            }
            int start = i;
            while (i < n && isTokenChar(s.charAt(i))) {
                i++;
            }
            if (i == start) {
                i++; // unexpected character: skip it
                continue;
            }
            String token = s.substring(start, i);
            int j = i;
            while (j < n && s.charAt(j) == ' ') {
                j++;
            }
            if (j < n && s.charAt(j) == '=') {
                // a parameter of the current challenge
                i = j + 1;
                while (i < n && s.charAt(i) == ' ') {
                    i++;
                }
                String value;
                if (i < n && s.charAt(i) == '"') {
                    StringBuilder sb = new StringBuilder();
                    i++;
                    while (i < n && s.charAt(i) != '"') {
                        if (s.charAt(i) == '\\' && i + 1 < n) {
                            i++;
                        }
                        sb.append(s.charAt(i));
                        i++;
                    }
                    i++; // closing quote
                    value = sb.toString();
                } else {
                    int vs = i;
                    while (i < n && s.charAt(i) != ',' && s.charAt(i) != ' ') {
                        i++;
                    }
                    value = s.substring(vs, i);
                }
                if (scheme != null) {
                    params.put(token.toLowerCase(Locale.ROOT), value);
                }
            } else {
                // a new scheme starts
                if (scheme != null) {
                    out.add(new AuthChallenge(scheme, Map.copyOf(params)));
                    params.clear();
                }
                scheme = token;
                i = j;
            }
        }
        if (scheme != null) {
            out.add(new AuthChallenge(scheme, Map.copyOf(params)));
        }
    }

    private static boolean isTokenChar(char c) {
        return Character.isLetterOrDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
}
