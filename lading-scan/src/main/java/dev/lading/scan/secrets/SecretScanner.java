package dev.lading.scan.secrets;

import dev.lading.oci.ImageConfig;
import dev.lading.oci.content.ContentReader;
import dev.lading.oci.content.ResolvedImage;
import dev.lading.scan.FileSelector;
import dev.lading.scan.ImageFiles;
import dev.lading.scan.LayerVisitor;
import dev.lading.scan.policy.Glob;
import dev.lading.scan.secrets.SecretRule.Source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds secrets in every layer of an image (including files a later layer deletes or replaces: they are still
 * in the image, for anyone who pulls it) and in its config: Env, Labels and every history {@code created_by}
 * (where build args used by RUN show up). Standard IM004 / LD006.
 *
 * <p>An instance is one pass over one image: give it to {@link ImageFiles#read} (alone or with
 * {@link LayerVisitor#all}), then ask for the {@link #report(ImageConfig)}. Only likely-text files are read:
 * not by name when the extension says binary, and not when the first 8 KiB hold a NUL; files over
 * {@link SecretConfig#maxFileBytes()} are skipped with a note. One pass over the bytes the walk holds for a file
 * (at most the cap) finds the rules' keywords, without decoding or lower-casing it; only a file that holds some
 * is decoded and read line by line, by the rules whose keywords it holds. Memory stays bounded whatever the
 * image's size.
 */
public final class SecretScanner implements LayerVisitor {
    private static final int SNIFF_BYTES = HEAD_BYTES;
    private static final Set<String> BINARY_EXTENSIONS = Set.of("so", "a", "o", "jar", "war", "ear", "class", "zip", "gz", "tgz", "xz",
            "bz2", "zst", "7z", "png", "jpg", "jpeg", "gif", "ico", "webp", "bmp", "tiff", "pdf", "woff", "woff2", "ttf", "otf", "eot",
            "pyc", "pyo", "mo", "db", "sqlite", "wasm", "mp3", "mp4", "ogg", "wav", "deb", "rpm", "node", "dll", "exe", "bin", "dat");

    private final SecretConfig config;
    private final List<SecretRule> rules;
    private final Keywords keywords;
    private final List<Glob> allowPaths;
    private final List<Pattern> allowValues;
    private final List<SecretFinding> findings = new ArrayList<>();
    private final Map<String, List<Integer>> findingsByPath = new HashMap<>();
    private final List<String> notes = new ArrayList<>();
    private int allowed;

    public SecretScanner(SecretConfig config) {
        this(config, SecretRules.builtIn());
    }

    /** With other rules than the built-in ones (an organisation's own token formats, say). */
    public SecretScanner(SecretConfig config, List<SecretRule> rules) {
        this.config = config;
        Set<String> known = rules.stream().map(SecretRule::id).collect(Collectors.toSet());
        for (String id : union(config.allowRules(), config.disabledRules())) {
            if (!known.contains(id)) {
                throw new IllegalArgumentException("unknown secret rule '" + id + "' in the config (known: "
                        + known.stream().sorted().toList() + ")");
            }
        }
        this.rules = rules.stream().filter(r -> !config.disabledRules().contains(r.id())).toList();
        this.keywords = new Keywords(this.rules);
        this.allowPaths = config.allowPaths().stream().map(Glob::of).toList();
        this.allowValues = config.allowValues().stream().map(Pattern::compile).toList();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    /** Reads the layers of {@code image} once, for this scan alone, and reports. */
    public static SecretReport scan(ContentReader reader, ResolvedImage image, SecretConfig config) throws IOException {
        SecretScanner scanner = new SecretScanner(config);
        List<String> warnings = new ArrayList<>();
        ImageFiles.read(reader, image.manifest().layers(), FileSelector.none(), null, ImageFiles.Limits.DEFAULT, warnings::add, scanner);
        return scanner.report(image.config());
    }

    @Override
    public long contentLimit(Layer layer, Entry entry) {
        return wanted(entry) && entry.size() <= config.maxFileBytes() ? entry.size() : 0;
    }

    /**
     * Files on an allow-listed path are read too: their findings are dropped but counted in
     * {@link SecretReport#allowed()}, as the other allow-lists' are (skipping them unread reported 0 for them).
     */
    private boolean wanted(Entry entry) {
        return entry.kind() == Kind.FILE && entry.size() > 0 && !binaryByName(entry.path());
    }

    private static boolean binaryByName(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            return false;
        }
        // libfoo.so.1.2: a shared library whatever its version suffix
        return BINARY_EXTENSIONS.contains(name.substring(dot + 1)) || name.contains(".so.");
    }

    /** Not a file whose first 8 KiB hold a NUL: that is binary, whatever its name. */
    @Override
    public boolean wantsContent(Layer layer, Entry entry, byte[] head) {
        return !hasNul(head, head.length);
    }

    private static boolean hasNul(byte[] data, int length) {
        for (int i = 0, n = Math.min(length, SNIFF_BYTES); i < n; i++) {
            if (data[i] == 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void entry(Layer layer, Entry entry, Content content) throws IOException {
        hideLower(layer.index(), entry);
        if (!wanted(entry)) {
            return;
        }
        if (content == null) {
            if (entry.size() > config.maxFileBytes() && !Glob.anyMatches(allowPaths, entry.path())) {
                notes.add("layer " + layer.digest().shortHex() + ": " + entry.path() + " is " + entry.size()
                        + " bytes, over the secret scan's limit of " + config.maxFileBytes() + "; not scanned");
            }
            return;
        }
        byte[] data = content.bytes();
        if (hasNul(data, data.length)) {
            return;
        }
        // one pass over the bytes finds every rule's keywords: most files hold none, and are never decoded
        boolean[] present = keywords.presentIn(data, data.length);
        List<SecretRule> applicable = new ArrayList<>();
        for (SecretRule rule : rulesFor(Source.FILE, entry.path())) {
            if (Keywords.any(keywords.of(rule), present)) {
                applicable.add(rule);
            }
        }
        if (applicable.isEmpty()) {
            return;
        }
        // malformed UTF-8 becomes U+FFFD, as the stream decoder made it
        String text = new String(data, StandardCharsets.UTF_8);
        TextScan scan = new TextScan(applicable, keywords, config.minEntropy());
        try {
            int[] number = {0};
            text.lines().forEach(line -> scan.line(line, ++number[0]));
        } catch (RuntimeException | StackOverflowError e) {
            // a pathological line in one file must not end the scan of the image
            notes.add("layer " + layer.digest().shortHex() + ": " + entry.path() + " could not be scanned (" + e + ")");
            return;
        }
        boolean pathAllowed = Glob.anyMatches(allowPaths, entry.path());
        for (TextScan.Hit hit : scan.finish()) {
            if (pathAllowed) {
                allowed++;
            } else if (admit(hit)) {
                findingsByPath.computeIfAbsent(entry.path(), p -> new ArrayList<>()).add(findings.size());
                findings.add(new SecretFinding(hit.rule.id(), hit.rule.title(), hit.rule.severity(), Source.FILE, layer.index(),
                        layer.digest(), entry.path(), hit.line, Values.redact(hit.secret), false));
            }
        }
    }

    /** Marks what this entry deletes or replaces in lower layers: still in the image, gone from the container. */
    private void hideLower(int layerIndex, Entry entry) {
        switch (entry.kind()) {
            case WHITEOUT, OPAQUE_WHITEOUT -> {
                String dir = entry.path().equals("/") ? "/" : entry.path() + "/";
                for (int i = 0; i < findings.size(); i++) {
                    SecretFinding f = findings.get(i);
                    boolean covered = f.location().startsWith(dir) || entry.kind() == Kind.WHITEOUT && f.location().equals(entry.path());
                    if (f.source() == Source.FILE && f.layerIndex() < layerIndex && covered) {
                        findings.set(i, f.asHidden());
                    }
                }
            }
            default -> {
                for (int i : findingsByPath.getOrDefault(entry.path(), List.of())) {
                    if (findings.get(i).layerIndex() < layerIndex) {
                        findings.set(i, findings.get(i).asHidden());
                    }
                }
            }
        }
    }

    private List<SecretRule> rulesFor(Source source, String path) {
        return rules.stream().filter(r -> r.appliesTo(source, path)).toList();
    }

    private boolean admit(TextScan.Hit hit) {
        if (config.allowRules().contains(hit.rule.id())) {
            allowed++;
            return false;
        }
        for (Pattern p : allowValues) {
            if (p.matcher(hit.secret).find()) {
                allowed++;
                return false;
            }
        }
        return true;
    }

    /** The layers' findings seen so far and those of {@code config}, sorted. */
    public SecretReport report(ImageConfig config) {
        List<SecretFinding> all = new ArrayList<>(findings);
        int allowedBefore = allowed;
        ImageConfig.Config run = config.config();
        if (run.env() != null) {
            for (String env : run.env()) {
                int eq = env.indexOf('=');
                all.addAll(scanValue(Source.ENV, eq < 0 ? env : env.substring(0, eq), env));
            }
        }
        if (run.labels() != null) {
            new TreeMap<>(run.labels()).forEach((k, v) -> all.addAll(scanValue(Source.LABEL, k, k + "=" + v)));
        }
        for (int i = 0; i < config.history().size(); i++) {
            String by = config.history().get(i).createdBy();
            if (by != null) {
                all.addAll(scanValue(Source.HISTORY, "history[" + i + "]", by));
            }
        }
        all.sort(Comparator.comparing(SecretFinding::source).thenComparingInt(SecretFinding::layerIndex)
                .thenComparing(SecretFinding::location).thenComparingInt(SecretFinding::line).thenComparing(SecretFinding::ruleId));
        int total = allowed;
        allowed = allowedBefore;
        return new SecretReport(all, total, notes.stream().sorted().toList());
    }

    private List<SecretFinding> scanValue(Source source, String location, String text) {
        TextScan scan = new TextScan(rulesFor(source, location), keywords, config.minEntropy());
        int number = 0;
        for (String line : text.split("\n", -1)) {
            scan.line(line, ++number);
        }
        List<SecretFinding> out = new ArrayList<>();
        for (TextScan.Hit hit : scan.finish()) {
            if (admit(hit)) {
                out.add(new SecretFinding(hit.rule.id(), hit.rule.title(), hit.rule.severity(), source, -1, null, location, hit.line,
                        Values.redact(hit.secret), false));
            }
        }
        return out;
    }
}
