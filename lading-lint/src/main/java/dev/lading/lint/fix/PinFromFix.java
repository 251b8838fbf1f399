package dev.lading.lint.fix;

import dev.lading.dockerfile.Arg;
import dev.lading.dockerfile.ArgDeclaration;
import dev.lading.dockerfile.From;
import dev.lading.dockerfile.Stage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * LD004: pins {@code FROM image:tag} to {@code image:tag@sha256:…}, the digest the tag points to now (the
 * index for a multi-platform image, so {@code --platform} still chooses), keeping the tag for readers and
 * update bots.
 *
 * <p>{@code FROM ${BASE}} with {@code ARG BASE=image:tag} before the first FROM gets the ARG's default pinned.
 * Left alone: {@code scratch}, earlier stages, images already carrying a digest, images without a tag (the
 * fix cannot choose a version), and other images written with variables ({@code debian:${VERSION}}, an ARG
 * without default or declared twice). A registry error is reported as a note and that FROM stays as it is.
 */
final class PinFromFix implements Fix {
    private static final Set<String> IDS = Set.of("LD004", "DL3006", "DL3007");
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final Pattern IMAGE = Pattern.compile("[A-Za-z0-9._/:\\[\\]-]+");
    private static final Pattern VARIABLE = Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)\\}|([A-Za-z_][A-Za-z0-9_]*))");

    /** Answers already had in this run, so several FROMs and fix passes ask the registry once per image. */
    private final Map<String, Optional<String>> resolved;

    PinFromFix(Map<String, Optional<String>> cache) {
        this.resolved = cache;
    }

    @Override
    public String kind() {
        return "pin";
    }

    @Override
    public List<Change> changes(FixContext ctx) {
        if (ctx.resolver().isEmpty()) {
            return List.of();
        }
        List<Change> out = new ArrayList<>();
        Set<String> stages = new HashSet<>();
        Set<Arg> pinnedArgs = new HashSet<>();
        for (Stage stage : ctx.dockerfile().stages()) {
            From from = stage.from();
            String image = from.image();
            Matcher variable = VARIABLE.matcher(image);
            if (variable.matches()) {
                if (ctx.flagged(from, IDS)) {
                    pinArg(ctx, variable.group(1) != null ? variable.group(1) : variable.group(2), stages, pinnedArgs)
                            .ifPresent(out::add);
                }
                stage.name().ifPresent(stages::add);
                continue;
            }
            boolean pinnable = pinnable(image, stages);
            stage.name().ifPresent(stages::add);
            if (!pinnable || !ctx.flagged(from, IDS)) {
                continue;
            }
            Optional<String> digest = resolve(ctx, image);
            Optional<InstructionText> text = ctx.text(from);
            if (digest.isEmpty() || text.isEmpty()) {
                continue;
            }
            int at = imageEnd(text.get().joined(), image);
            if (at < 0) {
                continue;
            }
            out.add(new Change(kind(), "LD004", from.range().start().line(), "FROM " + image + " pinned to " + digest.get(),
                    List.of(TextEdit.insert(text.get().after(at - 1), "@" + digest.get()))));
        }
        return out;
    }

    private static boolean pinnable(String image, Set<String> stages) {
        return IMAGE.matcher(image).matches() && !image.contains("@") && !stages.contains(image.toLowerCase(Locale.ROOT))
                && !image.equalsIgnoreCase("scratch") && image.lastIndexOf(':') > image.lastIndexOf('/');
    }

    /**
     * {@code ARG BASE=debian:12} before the first FROM and {@code FROM ${BASE}}: the ARG's default is pinned, when
     * exactly one global ARG declares it, unquoted. A {@code --build-arg} still overrides it as before.
     */
    private Optional<Change> pinArg(FixContext ctx, String name, Set<String> stages, Set<Arg> done) {
        List<Arg> declaring = ctx.dockerfile().globalArgs().stream()
                .filter(a -> a.declarations().stream().anyMatch(d -> d.name().equals(name))).toList();
        if (declaring.size() != 1 || done.contains(declaring.get(0))) {
            return Optional.empty();
        }
        Arg arg = declaring.get(0);
        List<ArgDeclaration> decls = arg.declarations().stream().filter(d -> d.name().equals(name)).toList();
        if (decls.size() != 1 || decls.get(0).defaultValue().isEmpty() || !pinnable(decls.get(0).defaultValue().get(), stages)) {
            return Optional.empty();
        }
        String image = decls.get(0).defaultValue().get();
        Optional<InstructionText> text = ctx.text(arg);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = Pattern.compile("(?<=\\s)" + Pattern.quote(name + "=" + image) + "(?=\\s|$)").matcher(text.get().joined());
        if (!m.find()) {
            return Optional.empty();
        }
        int end = m.end();
        if (m.find()) {
            return Optional.empty();
        }
        Optional<String> digest = resolve(ctx, image);
        if (digest.isEmpty()) {
            return Optional.empty();
        }
        done.add(arg);
        return Optional.of(new Change(kind(), "LD004", arg.range().start().line(),
                "ARG " + name + "=" + image + " (a FROM image) pinned to " + digest.get(),
                List.of(TextEdit.insert(text.get().after(end - 1), "@" + digest.get()))));
    }

    private Optional<String> resolve(FixContext ctx, String image) {
        if (!resolved.containsKey(image)) {
            Optional<String> d;
            try {
                String digest = ctx.resolver().get().resolve(image);
                if (DIGEST.matcher(digest).matches()) {
                    d = Optional.of(digest);
                } else {
                    ctx.note("FROM " + image + ": the registry answered '" + digest + "', not a sha256 digest; left unpinned");
                    d = Optional.empty();
                }
            } catch (IOException | RuntimeException e) {
                ctx.note("FROM " + image + ": cannot resolve its digest (" + e.getMessage() + "); left unpinned");
                d = Optional.empty();
            }
            resolved.put(image, d);
        }
        return resolved.get(image);
    }

    /** The index just past the image word of a joined FROM line, or -1 when it is not where expected. */
    private static int imageEnd(String joined, String image) {
        int i = 0;
        int n = joined.length();
        while (i < n && !SourceText.isSpace(joined.charAt(i))) {
            i++; // the keyword
        }
        while (i < n) {
            while (i < n && SourceText.isSpace(joined.charAt(i))) {
                i++;
            }
            int s = i;
            while (i < n && !SourceText.isSpace(joined.charAt(i))) {
                i++;
            }
            String word = joined.substring(s, i);
            if (word.startsWith("--")) {
                continue;
            }
            return word.equals(image) ? i : -1;
        }
        return -1;
    }
}
