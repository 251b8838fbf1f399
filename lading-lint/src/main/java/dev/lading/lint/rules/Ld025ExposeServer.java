package dev.lading.lint.rules;

import dev.lading.dockerfile.Expose;
import dev.lading.dockerfile.Instruction;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * LD025: an image that starts a network server documents its port with EXPOSE in the final stage. "Server"
 * is recognised only by unambiguous server programs as the started command (nginx, httpd, gunicorn,
 * uvicorn, caddy, redis-server, postgres…), never guessed from names. Opt out with the rule option
 * {@code server: false} (e.g. when the port is only set at run time).
 */
public final class Ld025ExposeServer implements Rule {
    private static final java.util.regex.Pattern PHP_FPM = java.util.regex.Pattern.compile("php-fpm[0-9.]*");

    private static final Set<String> SERVERS = Set.of("nginx", "httpd", "apache2", "apache2ctl", "apachectl", "gunicorn",
            "uvicorn", "hypercorn", "daphne", "waitress-serve", "puma", "unicorn", "caddy", "traefik", "php-fpm",
            "redis-server", "mongod", "postgres", "mysqld", "mariadbd", "haproxy", "envoy", "memcached", "rabbitmq-server");

    @Override
    public String id() {
        return "LD025";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.INFO;
    }

    @Override
    public String description() {
        return "The final stage of an image that runs a server documents its port with EXPOSE";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        if (Boolean.FALSE.equals(ctx.options(id()).get("server"))) {
            return;
        }
        Optional<FinalCommand.Start> start = FinalCommand.of(ctx);
        if (start.isEmpty()) {
            return;
        }
        Optional<String> server = server(start.get().words());
        if (server.isEmpty()) {
            return;
        }
        for (Instruction i : ctx.finalStage().get().stage().instructions()) {
            if (i instanceof Expose) {
                return;
            }
        }
        findings.report(start.get().at(), "the image starts the server '" + server.get() + "' but its final stage has no "
                + "EXPOSE: add EXPOSE <port> (or set option server: false for LD025 if the port is chosen at run time)");
    }

    /** The server program among the first words (after an init such as tini and its --), if any. */
    static Optional<String> server(List<String> words) {
        for (int i = 0; i < Math.min(words.size(), 4); i++) {
            String b = FinalCommand.base(words.get(i));
            if (SERVERS.contains(b) || PHP_FPM.matcher(b).matches()) {
                return Optional.of(b);
            }
            if (b.equals("python") || b.equals("python3")) {
                if (i + 2 < words.size() && words.get(i + 1).equals("-m") && words.get(i + 2).equals("http.server")) {
                    return Optional.of("python -m http.server");
                }
                return Optional.empty();
            }
            if (!(b.equals("tini") || b.equals("dumb-init") || b.equals("--") || b.equals("exec") || b.startsWith("-"))) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
