package dev.lading.lint.fix;

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
import java.util.regex.Pattern;

/**
 * LD004: pins {@code FROM image:tag} to {@code image:tag@sha256:…}, the digest the tag points to now (the
 * index for a multi-platform image, so {@code --platform} still chooses), keeping the tag for readers and
 * update bots.
 *
 * <p>Left alone: {@code scratch}, earlier stages, images already carrying a digest, images without a tag (the
 * fix cannot choose a version), and images written with variables. A registry error is reported as a note
 * and that FROM stays as it is.
 */
final class PinFromFix implements Fix {
    private static final Set<String> IDS = Set.of("LD004", "DL3006", "DL3007");
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final Pattern IMAGE = Pattern.compile("[A-Za-z0-9._/:\\[\\]-]+");

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
        for (Stage stage : ctx.dockerfile().stages()) {
            From from = stage.from();
            String image = from.image();
            boolean pinnable = IMAGE.matcher(image).matches() && !image.contains("@")
                    && !stages.contains(image.toLowerCase(Locale.ROOT)) && !image.equalsIgnoreCase("scratch")
                    && image.lastIndexOf(':') > image.lastIndexOf('/');
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
