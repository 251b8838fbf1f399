package dev.lading.lint.rules;

import dev.lading.lint.ComposeRule;
import dev.lading.lint.FindingSink;
import dev.lading.lint.Profiles;
import dev.lading.lint.Severity;
import dev.lading.lint.compose.ComposeFile;
import dev.lading.lint.compose.Interpolation;
import dev.lading.lint.compose.YamlNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * RT005: a published port without a host IP listens on every interface of the host, and Docker's own
 * firewall rules open it past ufw/firewalld. Binding to 127.0.0.1 keeps a development database or admin port
 * on the machine; a port meant to be public says so with an ignore pragma.
 *
 * <p>Short syntax is {@code [[IP:](HOST_PORT|):]CONTAINER_PORT[/PROTOCOL]} with an IPv6 address in brackets;
 * long syntax has {@code host_ip}. When the host side comes from a variable, its address is unknown and
 * nothing is reported.
 */
public final class Rt005PortsOnLoopback implements ComposeRule {
    private static final Pattern LOOPBACK = Pattern.compile("127(\\.[0-9]{1,3}){3}|::1|0:0:0:0:0:0:0:1");

    @Override
    public String id() {
        return "RT005";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Published ports are bound to 127.0.0.1 unless they are meant to be public";
    }

    @Override
    public String since() {
        return Profiles.P2026_12;
    }

    static boolean loopback(String ip) {
        String bare = ip.startsWith("[") && ip.endsWith("]") ? ip.substring(1, ip.length() - 1) : ip;
        return LOOPBACK.matcher(bare).matches();
    }

    /** Splits at {@code sep} outside {@code ${…}}, whose defaults may hold colons themselves. */
    static List<String> split(String s, char sep) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '$' && i + 1 < s.length() && s.charAt(i + 1) == '{') {
                depth++;
                i++;
            } else if (c == '}' && depth > 0) {
                depth--;
            } else if (c == sep && depth == 0) {
                parts.add(s.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(s.substring(start));
        return parts;
    }

    /**
     * Where a short-syntax port listens: {@code ip} is the host address, empty for every interface;
     * {@code unknown} when the host side is a variable and the address cannot be known.
     */
    record Bind(boolean unknown, String ip) {
        static final Bind EVERYWHERE = new Bind(false, "");

        boolean local() {
            return !unknown && loopback(ip);
        }
    }

    static Bind hostIp(String spec) {
        String s = spec.trim();
        int slash = s.lastIndexOf('/');
        if (slash > s.lastIndexOf('}')) {
            s = s.substring(0, slash);
        }
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            return close < 0 ? Bind.EVERYWHERE : new Bind(false, s.substring(0, close + 1));
        }
        List<String> parts = split(s, ':');
        if (parts.size() <= 1) {
            return Bind.EVERYWHERE; // a container port alone is published on a random host port, everywhere
        }
        String host = String.join(":", parts.subList(0, parts.size() - 1));
        if (Interpolation.present(host)) {
            return new Bind(true, ""); // the host side (maybe with its address) comes from the environment
        }
        if (parts.size() == 2) {
            return Bind.EVERYWHERE;
        }
        return new Bind(false, String.join(":", parts.subList(0, parts.size() - 2)));
    }

    @Override
    public void check(ComposeFile compose, FindingSink findings) {
        for (ComposeFile.Service s : compose.services()) {
            YamlNode ports = s.body().get("ports").orElse(null);
            if (ports == null) {
                continue;
            }
            for (YamlNode item : ComposeValues.items(ports)) {
                if (item instanceof YamlNode.Mapping m) {
                    longSyntax(s, m, findings);
                } else if (item instanceof YamlNode.Scalar sc && !sc.isNull()) {
                    if (sc.aliased() || (sc.unresolved() && split(sc.text().trim(), ':').size() == 1)) {
                        continue;
                    }
                    Bind bind = hostIp(sc.text());
                    if (!bind.unknown() && !bind.local()) {
                        findings.report(sc.range(), "service '" + s.name() + "' publishes port " + sc.text().trim()
                                + (bind.ip().isEmpty() ? " on every interface" : " on " + bind.ip())
                                + ": bind it to 127.0.0.1 (\"127.0.0.1:" + container(sc.text().trim()) + "\"), or "
                                + "ignore RT005 here if it is meant to be public");
                    }
                }
            }
        }
    }

    /** The short syntax without its host IP, for the suggestion. */
    private static String container(String spec) {
        List<String> parts = split(spec, ':');
        if (spec.startsWith("[")) {
            return spec.substring(spec.indexOf(']') + 2);
        }
        return parts.size() >= 3 ? String.join(":", parts.subList(parts.size() - 2, parts.size()))
                : parts.size() == 2 ? spec : ":" + spec;
    }

    private void longSyntax(ComposeFile.Service s, YamlNode.Mapping port, FindingSink findings) {
        YamlNode.Entry ip = port.entry("host_ip").orElse(null);
        if (ip == null) {
            findings.report(port.range(), "service '" + s.name() + "' publishes a port on every interface: add "
                    + "host_ip: 127.0.0.1, or ignore RT005 here if it is meant to be public");
            return;
        }
        ComposeValues.known(ip.value()).filter(v -> !loopback(v)).ifPresent(v ->
                findings.report(ip.keyRange(), "service '" + s.name() + "' publishes a port on " + v
                        + ": use host_ip: 127.0.0.1, or ignore RT005 here if it is meant to be public"));
    }
}
