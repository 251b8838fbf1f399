package dev.lading.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.lading.oci.DockerReference;
import dev.lading.oci.OciException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The registry part of containers-registries.conf(5), as podman, skopeo and buildah read it: per-registry
 * {@code [[registry]]} tables (prefix, location, insecure, blocked, mirror-by-digest-only) with their
 * {@code [[registry.mirror]]} tables (location, insecure, pull-from-mirror), and the version 1 tables
 * {@code [registries.insecure]} and {@code [registries.block]}; and for pulls of short names (no registry host)
 * {@code unqualified-search-registries} (or version 1's {@code [registries.search]}), {@code short-name-mode} and the
 * {@code [aliases]} table, with drop-in files overriding them in order as podman has it (see
 * {@link #resolveShortName}). Credential helpers are read and ignored, so a file written for podman is accepted as
 * it is. Podman's machine-written {@code short-name-aliases.conf} (choices made at its TTY prompt) is not read.
 */
public final class RegistriesConf {

    /** Which references a mirror serves ({@code pull-from-mirror}). */
    public enum PullFromMirror {
        ALL, DIGEST_ONLY, TAG_ONLY;

        static PullFromMirror parse(String text, Path source) {
            return switch (text) {
                case "", "all" -> ALL;
                case "digest-only" -> DIGEST_ONLY;
                case "tag-only" -> TAG_ONLY;
                default -> throw new OciException(where(source) + ": pull-from-mirror must be \"all\", \"digest-only\" or \"tag-only\", got \""
                        + text + "\"");
            };
        }
    }

    /** A {@code [[registry.mirror]]}: another place to pull the same images from. */
    public record Mirror(String location, boolean insecure, PullFromMirror pullFromMirror) {
    }

    /**
     * A {@code [[registry]]} table.
     *
     * @param prefix   the references it applies to: {@code host[:port][/namespace…]}, or {@code *.domain} for subdomains
     * @param location where those references are pulled from (the prefix replaced by it); equals the prefix unless set
     * @param source   the file it came from, for messages
     */
    public record Registry(String prefix, String location, boolean insecure, boolean blocked, boolean mirrorByDigestOnly,
                           List<Mirror> mirrors, Path source) {
        public Registry {
            mirrors = List.copyOf(mirrors);
        }
    }

    /** Where an image is pulled from: a mirror or the registry's own location, with the reference rewritten for it. */
    public record PullSource(DockerReference reference, boolean insecure, boolean mirror) {
    }

    /** {@code short-name-mode}: what a short name with several search registries and no alias does. */
    public enum ShortNameMode {
        /** An error: lading has no prompt, so the user must write a fully qualified name. */
        ENFORCING,
        /** Podman's default: without a TTY to prompt on, every search registry in order. */
        PERMISSIVE,
        /** Every search registry in order. */
        DISABLED
    }

    /**
     * Where a short name is pulled from.
     *
     * @param shortName  the name as written, without tag or digest
     * @param candidates the fully qualified references to try, in order (the first that has the image wins)
     * @param how        why, for the message that names the choice: "alias in FILE" or "unqualified-search-registries
     *                   in FILE"; empty when registries.conf says nothing and the name means Docker Hub, as before
     */
    public record ShortNameResolution(String shortName, List<DockerReference> candidates, String how) {
        public ShortNameResolution {
            candidates = List.copyOf(candidates);
        }
    }

    /** A file's text that may say something about short names, parsed only when a short name is pulled. */
    private record Text(Path source, String text) {
    }

    /** The short-name settings of all files, merged. */
    private record ShortNames(List<String> search, Path searchSource, ShortNameMode mode, Map<String, String> aliases,
                              Map<String, Path> aliasSources) {
    }

    /** Built on first use: most hosts' files are never parsed (see {@link #mayDefineRegistries}). */
    private static final class Toml {
        static final TomlMapper MAPPER = new TomlMapper();
    }
    private static final RegistriesConf EMPTY = new RegistriesConf(List.of(), List.of(), List.of());

    private final List<Registry> registries;
    private final List<Path> files;
    private final List<Text> shortNameTexts;
    private ShortNames shortNames;

    private RegistriesConf(List<Registry> registries, List<Path> files, List<Text> shortNameTexts) {
        this.registries = List.copyOf(registries);
        this.files = List.copyOf(files);
        this.shortNameTexts = List.copyOf(shortNameTexts);
    }

    /** No configuration: every reference is pulled from its own registry, nothing is insecure or blocked. */
    public static RegistriesConf empty() {
        return EMPTY;
    }

    /**
     * The files podman would read: {@code $CONTAINERS_REGISTRIES_CONF} alone when set; otherwise
     * {@code ~/.config/containers/registries.conf} with its {@code registries.conf.d/} when that file exists, else
     * {@code /etc/containers/registries.conf} with {@code /etc/containers/registries.conf.d/} and the user's
     * {@code registries.conf.d/}. Drop-in files are read in name order; a later {@code [[registry]]} with the same
     * prefix replaces an earlier one. Missing files are no configuration.
     */
    public static RegistriesConf system(HostEnvironment env) throws IOException {
        Optional<String> explicit = env.get("CONTAINERS_REGISTRIES_CONF");
        if (explicit.isPresent()) {
            return load(List.of(Path.of(explicit.get())));
        }
        Path userConfig = env.get("XDG_CONFIG_HOME").map(Path::of).orElse(env.home().resolve(".config")).resolve("containers");
        List<Path> files = new ArrayList<>();
        if (Files.isRegularFile(userConfig.resolve("registries.conf"))) {
            files.add(userConfig.resolve("registries.conf"));
            files.addAll(dropIns(userConfig.resolve("registries.conf.d")));
        } else {
            Path etc = Path.of("/etc/containers");
            files.add(etc.resolve("registries.conf"));
            files.addAll(dropIns(etc.resolve("registries.conf.d")));
            files.addAll(dropIns(userConfig.resolve("registries.conf.d")));
        }
        return load(files);
    }

    /** Reads the files in order, later ones overriding registries with the same prefix; missing files are skipped. */
    public static RegistriesConf load(List<Path> files) throws IOException {
        Map<String, Registry> byPrefix = new LinkedHashMap<>();
        List<Path> read = new ArrayList<>();
        List<Text> texts = new ArrayList<>();
        for (Path file : files) {
            String text;
            try {
                text = Files.readString(file);
            } catch (NoSuchFileException e) {
                continue;
            }
            read.add(file);
            for (Registry r : parseRegistries(text, file)) {
                byPrefix.put(r.prefix(), r);
            }
            if (MAY_DEFINE_SHORT_NAMES.matcher(text).find()) {
                texts.add(new Text(file, text));
            }
        }
        return new RegistriesConf(new ArrayList<>(byPrefix.values()), read, texts);
    }

    /** Parses one file's text ({@code source} names it in messages). */
    public static RegistriesConf parse(String text, Path source) {
        return new RegistriesConf(parseRegistries(text, source), source == null ? List.of() : List.of(source),
                MAY_DEFINE_SHORT_NAMES.matcher(text).find() ? List.of(new Text(source, text)) : List.of());
    }

    private static List<Path> dropIns(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".conf") && Files.isRegularFile(p))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        }
    }

    public List<Registry> registries() {
        return registries;
    }

    /** The files the configuration was read from, for messages. */
    public List<Path> files() {
        return files;
    }

    /** The {@code [[registry]]} whose prefix matches {@code reference} longest, if any. */
    public Optional<Registry> find(DockerReference reference) {
        String ref = reference.toString();
        Registry best = null;
        int bestLength = -1;
        for (Registry r : registries) {
            int n = matchLength(ref, r.prefix());
            if (n > bestLength) {
                best = r;
                bestLength = n;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Where to pull {@code reference} from, in order: the mirrors that serve this kind of reference (by tag or by
     * digest), then the registry's own location. Fails when the registry is blocked.
     */
    public List<PullSource> pullSources(DockerReference reference) {
        Optional<Registry> found = find(reference);
        if (found.isEmpty()) {
            return List.of(new PullSource(reference, false, false));
        }
        Registry r = found.get();
        checkNotBlocked(reference);
        boolean byDigest = reference.digest() != null;
        List<PullSource> out = new ArrayList<>();
        for (Mirror m : r.mirrors()) {
            boolean serves = r.mirrorByDigestOnly() ? byDigest : switch (m.pullFromMirror()) {
                case ALL -> true;
                case DIGEST_ONLY -> byDigest;
                case TAG_ONLY -> !byDigest;
            };
            if (serves) {
                out.add(new PullSource(rewrite(reference, r.prefix(), m.location(), r.source()), m.insecure(), true));
            }
        }
        out.add(new PullSource(rewrite(reference, r.prefix(), r.location(), r.source()), r.insecure(), false));
        return out;
    }

    /** Whether {@code reference}'s registry table says {@code insecure = true} (for pushes, which never use mirrors). */
    public boolean isInsecure(DockerReference reference) {
        return find(reference).map(Registry::insecure).orElse(false);
    }

    /** Throws when the registry table of {@code reference} says {@code blocked = true}. */
    public void checkNotBlocked(DockerReference reference) {
        Optional<Registry> r = find(reference);
        if (r.isPresent() && r.get().blocked()) {
            throw new RegistryException(reference.registry(), reference.repository(), 0, List.of(),
                    "registry " + r.get().prefix() + " is blocked in " + where(r.get().source())
                            + ": lading will not pull " + reference + " from it or push to it (remove `blocked = true` there to allow it)");
        }
    }

    /**
     * Whether {@code name} (as written, with or without tag or digest) is a short name: its first component is not a
     * registry host (no '.', no ':', not {@code localhost}, not upper case), as containers/image and docker tell.
     */
    public static boolean isShortName(String name) {
        String s = name.strip();
        int at = s.indexOf('@');
        if (at >= 0) {
            s = s.substring(0, at);
        }
        int slash = s.indexOf('/');
        if (slash < 0) {
            return true;
        }
        String head = s.substring(0, slash);
        return !(head.contains(".") || head.contains(":") || head.equals("localhost") || !head.equals(head.toLowerCase(java.util.Locale.ROOT)));
    }

    /**
     * Where to pull the short name {@code shortName} ({@code reference} is what it means without registries.conf:
     * docker.io, with the tag or digest the user gave), following containers-registries.conf(5): an alias for the
     * name wins; otherwise the {@code unqualified-search-registries} in order; with more than one and
     * {@code short-name-mode = "enforcing"} it is an error, since lading never prompts (podman prompts only on a TTY
     * and fails without one). No search registries: Docker Hub, as docker and lading always had it.
     *
     * <p>Only pulls resolve short names this way. The man page defines the search registries "to try when pulling
     * an unqualified image", and podman parses a push destination through the docker transport, which normalises a
     * short name to docker.io; lading's pushes do the same.
     */
    public ShortNameResolution resolveShortName(String shortName, DockerReference reference) {
        String name = stripTagAndDigest(shortName.strip());
        ShortNames sn = shortNames();
        String alias = sn.aliases().get(name);
        if (alias != null) {
            return new ShortNameResolution(name, List.of(qualify(alias, reference, sn.aliasSources().get(name))),
                    "alias in " + where(sn.aliasSources().get(name)));
        }
        if (sn.search().isEmpty()) {
            return new ShortNameResolution(name, List.of(reference), "");
        }
        String how = "unqualified-search-registries in " + where(sn.searchSource());
        if (sn.search().size() > 1 && sn.mode() == ShortNameMode.ENFORCING) {
            throw new OciException("short name \"" + name + "\" is ambiguous: " + how + " lists " + String.join(", ", sn.search())
                    + " and short-name-mode is \"enforcing\"; use a fully qualified name such as " + sn.search().get(0) + "/" + name
                    + ", or add an alias for it under [aliases]");
        }
        List<DockerReference> out = new ArrayList<>();
        for (String registry : sn.search()) {
            out.add(qualify(registry + "/" + name, reference, sn.searchSource()));
        }
        return new ShortNameResolution(name, out, how);
    }

    /** {@code base} (a repository, no tag or digest) with the tag and digest of {@code reference}. */
    private static DockerReference qualify(String base, DockerReference reference, Path source) {
        String text = base + (reference.tag() != null ? ":" + reference.tag() : "") + (reference.digest() != null ? "@" + reference.digest() : "");
        try {
            return DockerReference.parse(text);
        } catch (IllegalArgumentException e) {
            throw new OciException(where(source) + ": " + text + " is not a valid image reference: " + e.getMessage());
        }
    }

    private static String stripTagAndDigest(String name) {
        String s = name;
        int at = s.indexOf('@');
        if (at >= 0) {
            s = s.substring(0, at);
        }
        int colon = s.lastIndexOf(':');
        if (colon > s.lastIndexOf('/')) {
            s = s.substring(0, colon);
        }
        return s;
    }

    private synchronized ShortNames shortNames() {
        if (shortNames == null) {
            shortNames = parseShortNames(shortNameTexts);
        }
        return shortNames;
    }

    /** Later files override the search list and the mode when they set them, and add to or erase ("") aliases. */
    private static ShortNames parseShortNames(List<Text> texts) {
        List<String> search = List.of();
        Path searchSource = null;
        ShortNameMode mode = ShortNameMode.PERMISSIVE;
        Map<String, String> aliases = new LinkedHashMap<>();
        Map<String, Path> aliasSources = new LinkedHashMap<>();
        for (Text t : texts) {
            JsonNode root;
            try {
                root = Toml.MAPPER.readTree(t.text());
            } catch (IOException e) {
                throw new OciException(where(t.source()) + ": not valid TOML: " + firstLine(e.getMessage()), e);
            }
            if (root == null || !root.isObject()) {
                continue;
            }
            JsonNode v2 = root.get("unqualified-search-registries");
            JsonNode v1 = root.path("registries").path("search").get("registries");
            if (v2 != null && v1 != null) {
                throw new OciException(where(t.source()) + ": sets both unqualified-search-registries and [registries.search]; use one");
            }
            JsonNode list = v2 != null ? v2 : v1;
            if (list != null) {
                List<String> registries = strings(list, v2 != null ? "unqualified-search-registries" : "registries.search.registries", t.source());
                for (String r : registries) {
                    if (r.isEmpty() || r.contains("/")) {
                        throw new OciException(where(t.source()) + ": unqualified-search-registries wants host[:port] names, got \"" + r + "\"");
                    }
                }
                search = registries;
                searchSource = t.source();
            }
            if (root.has("short-name-mode")) {
                String m = string(root, "short-name-mode", t.source());
                mode = switch (m) {
                    case "", "permissive" -> ShortNameMode.PERMISSIVE;
                    case "enforcing" -> ShortNameMode.ENFORCING;
                    case "disabled" -> ShortNameMode.DISABLED;
                    default -> throw new OciException(where(t.source()) + ": short-name-mode must be \"enforcing\", \"permissive\" or"
                            + " \"disabled\", got \"" + m + "\"");
                };
            }
            JsonNode table = root.get("aliases");
            if (table != null) {
                if (!table.isObject()) {
                    throw new OciException(where(t.source()) + ": `aliases` must be a table ([aliases])");
                }
                for (var it = table.fields(); it.hasNext(); ) {
                    var e = it.next();
                    String name = e.getKey();
                    String value = string(table, name, t.source()).strip();
                    checkAlias(name, value, t.source());
                    if (value.isEmpty()) {
                        aliases.remove(name);
                        aliasSources.remove(name);
                    } else {
                        aliases.put(name, value);
                        aliasSources.put(name, t.source());
                    }
                }
            }
        }
        return new ShortNames(search, searchSource, mode, aliases, aliasSources);
    }

    /** containers-registries.conf(5): the name is a short name, the value fully qualified, neither with tag or digest. */
    private static void checkAlias(String name, String value, Path source) {
        String prefix = where(source) + ": alias \"" + name + "\"";
        if (!isShortName(name) || !name.equals(stripTagAndDigest(name)) || !DockerReference.isValidRepository(name)) {
            throw new OciException(prefix + ": the name must be a short name (no registry, tag or digest)");
        }
        if (value.isEmpty()) {
            return;
        }
        if (isShortName(value) || !value.equals(stripTagAndDigest(value))) {
            throw new OciException(prefix + ": \"" + value + "\" must be a fully qualified name without tag or digest");
        }
        try {
            DockerReference.parse(value);
        } catch (IllegalArgumentException e) {
            throw new OciException(prefix + ": " + e.getMessage());
        }
    }

    private static DockerReference rewrite(DockerReference reference, String prefix, String location, Path source) {
        if (location.isEmpty() || location.equals(prefix)) {
            return reference;
        }
        String ref = reference.toString();
        int n = matchLength(ref, prefix);
        String rewritten = location + ref.substring(n);
        try {
            return DockerReference.parse(rewritten);
        } catch (IllegalArgumentException e) {
            throw new OciException(where(source) + ": rewriting " + reference + " for location \"" + location
                    + "\" gives an invalid reference: " + e.getMessage());
        }
    }

    /**
     * How much of {@code ref} (host/repo[:tag][@digest]) the prefix matches, or -1. A prefix matches at a component
     * boundary; {@code *.example.com} matches the host names below example.com.
     */
    static int matchLength(String ref, String prefix) {
        if (prefix.startsWith("*.")) {
            String suffix = prefix.substring(1);
            int slash = ref.indexOf('/');
            String host = slash < 0 ? ref : ref.substring(0, slash);
            int colon = host.indexOf(':');
            String hostName = colon < 0 ? host : host.substring(0, colon);
            return hostName.endsWith(suffix) && hostName.length() > suffix.length() ? hostName.length() : -1;
        }
        if (!ref.startsWith(prefix)) {
            return -1;
        }
        if (ref.length() == prefix.length()) {
            return prefix.length();
        }
        char c = ref.charAt(prefix.length());
        return c == '/' || c == ':' || c == '@' ? prefix.length() : -1;
    }

    private static String where(Path source) {
        return source == null ? "registries.conf" : source.toString();
    }

    // ---------------------------------------------------------------- parsing

    /** Whether a file may set the short-name search list, mode or aliases (read only when a short name is used). */
    private static final Pattern MAY_DEFINE_SHORT_NAMES = Pattern.compile(
            "(?m)^\\s*(\"?(unqualified-search-registries|short-name-mode)\"?\\s*=|\\[\\s*\"?(aliases|registries\\.search)\\b)");

    /** A {@code [[registry]]} or {@code [registries.*]} table header (group 1), or a {@code registry}/{@code registries} key. */
    private static final Pattern MAY_DEFINE_REGISTRIES =
            Pattern.compile("(?m)^\\s*(?:(\\[\\[?\\s*\"?registr)|\"?registr(?:y|ies)\"?\\s*[=.])");

    /** Any table header line; group 1 is its name when that is {@code aliases}. */
    private static final Pattern TABLE_HEADER = Pattern.compile("(?m)^\\s*\\[(?:\\s*\"?(aliases)\"?\\s*\\]\\s*(?:#.*)?$)?");

    /**
     * Whether a file can hold anything lading uses: a {@code [[registry]]} or {@code [registries.*]} table, or a
     * {@code registry}/{@code registries} key outside the {@code [aliases]} table (there a key is a short name, as in
     * the {@code "registry" = "docker.io/library/registry"} that distributions ship). Most systems' files hold only
     * comments and short-name aliases; they are not parsed, which keeps a TOML parser off the start-up path of every
     * registry command.
     */
    static boolean mayDefineRegistries(String text) {
        Matcher m = MAY_DEFINE_REGISTRIES.matcher(text);
        while (m.find()) {
            if (m.group(1) != null || !inAliasesTable(text, m.start())) {
                return true;
            }
        }
        return false;
    }

    /** Whether the last table header before {@code position} is {@code [aliases]}. */
    private static boolean inAliasesTable(String text, int position) {
        Matcher h = TABLE_HEADER.matcher(text).region(0, position);
        boolean aliases = false;
        while (h.find()) {
            aliases = h.group(1) != null;
        }
        return aliases;
    }

    private static List<Registry> parseRegistries(String text, Path source) {
        if (!mayDefineRegistries(text)) {
            return List.of();
        }
        JsonNode root;
        try {
            root = Toml.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new OciException(where(source) + ": not valid TOML: " + firstLine(e.getMessage()), e);
        }
        if (root == null || !root.isObject()) {
            return List.of();
        }
        JsonNode v1 = root.get("registries");
        JsonNode v2 = root.get("registry");
        if (v1 != null && v2 != null) {
            throw new OciException(where(source) + ": mixes the version 1 [registries.*] tables with version 2 [[registry]] tables;"
                    + " use one format");
        }
        List<Registry> out = new ArrayList<>();
        if (v1 != null) {
            Map<String, boolean[]> flags = new LinkedHashMap<>(); // {insecure, blocked}
            for (String host : strings(v1.path("insecure").get("registries"), "registries.insecure.registries", source)) {
                flags.computeIfAbsent(host, h -> new boolean[2])[0] = true;
            }
            for (String host : strings(v1.path("block").get("registries"), "registries.block.registries", source)) {
                flags.computeIfAbsent(host, h -> new boolean[2])[1] = true;
            }
            flags.forEach((host, f) -> out.add(new Registry(host, host, f[0], f[1], false, List.of(), source)));
        }
        if (v2 != null) {
            if (!v2.isArray()) {
                throw new OciException(where(source) + ": `registry` must be an array of tables ([[registry]])");
            }
            Map<String, Registry> seen = new LinkedHashMap<>();
            for (JsonNode t : v2) {
                Registry r = registry(t, source);
                Registry before = seen.putIfAbsent(r.prefix(), r);
                // as in podman: a prefix may appear twice if both agree on insecure and blocked; the first one counts
                if (before != null && (before.insecure() != r.insecure() || before.blocked() != r.blocked())) {
                    throw new OciException(where(source) + ": two [[registry]] tables with the prefix \"" + r.prefix()
                            + "\" disagree on insecure or blocked");
                }
            }
            out.addAll(seen.values());
        }
        return out;
    }

    private static Registry registry(JsonNode t, Path source) {
        String location = normalise(string(t, "location", source));
        String prefix = normalise(string(t, "prefix", source));
        if (prefix.isEmpty()) {
            prefix = location;
        }
        if (prefix.isEmpty()) {
            throw new OciException(where(source) + ": a [[registry]] table has neither location nor prefix");
        }
        if (prefix.startsWith("*.")) {
            if (!location.isEmpty()) {
                throw new OciException(where(source) + ": the wildcard prefix \"" + prefix + "\" cannot have a location");
            }
            if (prefix.contains("/")) {
                throw new OciException(where(source) + ": the wildcard prefix \"" + prefix + "\" must be a host name pattern only");
            }
        } else if (location.isEmpty()) {
            location = prefix;
        }
        boolean byDigestOnly = bool(t, "mirror-by-digest-only", source);
        List<Mirror> mirrors = new ArrayList<>();
        JsonNode ms = t.get("mirror");
        if (ms != null) {
            if (!ms.isArray()) {
                throw new OciException(where(source) + ": `mirror` of registry \"" + prefix + "\" must be an array of tables ([[registry.mirror]])");
            }
            for (JsonNode m : ms) {
                String ml = normalise(string(m, "location", source));
                if (ml.isEmpty()) {
                    throw new OciException(where(source) + ": a mirror of registry \"" + prefix + "\" has no location");
                }
                String pull = string(m, "pull-from-mirror", source);
                if (byDigestOnly && !pull.isEmpty()) {
                    throw new OciException(where(source) + ": registry \"" + prefix + "\" sets mirror-by-digest-only and its mirror "
                            + ml + " sets pull-from-mirror: use one of them");
                }
                mirrors.add(new Mirror(ml, bool(m, "insecure", source), PullFromMirror.parse(pull, source)));
            }
        }
        return new Registry(prefix, location, bool(t, "insecure", source), bool(t, "blocked", source), byDigestOnly, mirrors, source);
    }

    /** A trailing slash is not part of the name; Docker Hub's other host names are docker.io, as in references. */
    private static String normalise(String location) {
        String s = location.strip();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        for (String alias : List.of("index.docker.io", "registry-1.docker.io")) {
            if (s.equals(alias) || s.startsWith(alias + "/")) {
                s = DockerReference.DOCKER_HUB + s.substring(alias.length());
            }
        }
        return s;
    }

    private static String string(JsonNode table, String key, Path source) {
        JsonNode v = table.get(key);
        if (v == null || v.isNull()) {
            return "";
        }
        if (!v.isTextual()) {
            throw new OciException(where(source) + ": `" + key + "` must be a string, got " + v);
        }
        return v.asText();
    }

    private static boolean bool(JsonNode table, String key, Path source) {
        JsonNode v = table.get(key);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw new OciException(where(source) + ": `" + key + "` must be true or false, got " + v);
        }
        return v.asBoolean();
    }

    private static List<String> strings(JsonNode array, String key, Path source) {
        if (array == null || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw new OciException(where(source) + ": `" + key + "` must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(normalise(v.asText())));
        return out;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    @Override
    public String toString() {
        return "RegistriesConf" + files;
    }
}
