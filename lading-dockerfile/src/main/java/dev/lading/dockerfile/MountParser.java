package dev.lading.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code RUN --mount} values, parsed with BuildKit's rules: the value is one CSV record (Go's encoding/csv:
 * fields may be double-quoted, {@code ""} is a quote inside a quoted field), each field is {@code key=value}
 * with a case-insensitive key, or a bare {@code ro}/{@code rw}/{@code readonly}/{@code readwrite}/
 * {@code required}.
 */
public final class MountParser {
    private MountParser() {
    }

    static final Set<String> TYPES = Set.of(Mount.BIND, Mount.CACHE, Mount.TMPFS, Mount.SECRET, Mount.SSH);
    private static final Set<String> SHARING = Set.of("shared", "private", "locked");
    static final List<String> KEYS = List.of("type", "from", "source", "src", "target", "dst", "destination",
            "readonly", "ro", "readwrite", "rw", "required", "id", "sharing", "mode", "uid", "gid", "size", "env");

    /** A problem with one mount value; the caller adds the position. */
    public static final class MountException extends Exception {
        private final String hint;

        MountException(String message, String hint) {
            super(message, null, false, false);
            this.hint = hint;
        }

        public String hint() {
            return hint;
        }
    }

    /** Parses and validates one {@code --mount} value. */
    public static Mount parse(String spec, SourceRange range) throws MountException {
        List<String> fields = csvRecord(spec);
        String type = Mount.BIND;
        String from = null;
        String source = null;
        String target = null;
        Boolean readOnly = null;
        String id = null;
        String sharing = null;
        String mode = null;
        String uid = null;
        String gid = null;
        String size = null;
        String env = null;
        boolean required = false;
        for (String field : fields) {
            int eq = field.indexOf('=');
            String key = (eq < 0 ? field : field.substring(0, eq)).toLowerCase(Locale.ROOT);
            if (eq < 0) {
                switch (key) {
                    case "readonly", "ro" -> {
                        readOnly = true;
                        continue;
                    }
                    case "readwrite", "rw" -> {
                        readOnly = false;
                        continue;
                    }
                    case "required" -> {
                        if (type.equals(Mount.SECRET) || type.equals(Mount.SSH)) {
                            required = true;
                            continue;
                        }
                        throw new MountException("unexpected key 'required' for mount type '" + type + "'",
                                "only secret and ssh mounts can be required; put type= before required");
                    }
                    default -> throw new MountException("invalid field '" + field + "' must be a key=value pair",
                            "write each --mount option as key=value, separated by commas");
                }
            }
            String value = field.substring(eq + 1);
            // A value holding a variable is expanded by the build; BuildKit validates it only afterwards.
            boolean deferred = value.contains("$");
            switch (key) {
                case "type" -> {
                    String t = value.toLowerCase(Locale.ROOT);
                    if (!deferred && !TYPES.contains(t)) {
                        throw new MountException("unsupported mount type \"" + value + "\"",
                                "use one of type=bind, cache, tmpfs, secret, ssh" + Suggest.didYouMean(t, TYPES));
                    }
                    type = deferred ? value : t;
                }
                case "from" -> {
                    int dollar = value.indexOf('$');
                    if (dollar >= 0 && dollar != value.length() - 1) {
                        throw new MountException("'from' doesn't support variable expansion, define alias stage instead",
                                "add a stage such as FROM ${IMAGE} AS deps (with a global ARG) and use from=deps");
                    }
                    from = value;
                }
                case "source", "src" -> source = value;
                case "target", "dst", "destination" -> target = value;
                case "readonly", "ro" -> {
                    if (!deferred) {
                        readOnly = parseBool(key, value);
                    }
                }
                case "readwrite", "rw" -> {
                    if (!deferred) {
                        readOnly = !parseBool(key, value);
                    }
                }
                case "required" -> {
                    if (!type.equals(Mount.SECRET) && !type.equals(Mount.SSH)) {
                        throw new MountException("unexpected key 'required' for mount type '" + type + "'",
                                "only secret and ssh mounts can be required; put type= before required");
                    }
                    if (!deferred) {
                        required = parseBool(key, value);
                    }
                }
                case "id" -> id = value;
                case "sharing" -> {
                    String s = value.toLowerCase(Locale.ROOT);
                    if (!deferred && !SHARING.contains(s)) {
                        throw new MountException("unsupported sharing value \"" + value + "\"",
                                "use sharing=shared, private or locked");
                    }
                    sharing = deferred ? value : s;
                }
                case "mode" -> {
                    if (!deferred && !isUnsigned32(value, 8)) {
                        throw new MountException("invalid value " + value + " for mode", "give an octal mode, e.g. mode=0644");
                    }
                    mode = value;
                }
                case "uid" -> {
                    if (!deferred && !isUnsigned32(value, 10)) {
                        throw new MountException("invalid value " + value + " for uid", "give a numeric uid, e.g. uid=1000");
                    }
                    uid = value;
                }
                case "gid" -> {
                    if (!deferred && !isUnsigned32(value, 10)) {
                        throw new MountException("invalid value " + value + " for gid", "give a numeric gid, e.g. gid=1000");
                    }
                    gid = value;
                }
                case "size" -> size = value;
                case "env" -> env = value;
                default -> throw new MountException("unexpected key '" + key + "' in '" + field + "'",
                        "valid --mount keys are " + String.join(", ", KEYS) + Suggest.didYouMean(key, KEYS));
            }
        }
        boolean fileInfoAllowed = type.equals(Mount.SECRET) || type.equals(Mount.SSH) || type.equals(Mount.CACHE);
        boolean typeKnown = TYPES.contains(type);
        if (typeKnown && !fileInfoAllowed) {
            if (mode != null) {
                throw new MountException("mode not allowed for \"" + type + "\" type mounts", "mode applies to cache, secret and ssh mounts");
            }
            if (uid != null) {
                throw new MountException("uid not allowed for \"" + type + "\" type mounts", "uid applies to cache, secret and ssh mounts");
            }
            if (gid != null) {
                throw new MountException("gid not allowed for \"" + type + "\" type mounts", "gid applies to cache, secret and ssh mounts");
            }
        }
        boolean ro = readOnly != null ? readOnly : !(type.equals(Mount.CACHE) || type.equals(Mount.TMPFS));
        if (typeKnown && sharing != null && !type.equals(Mount.CACHE)) {
            throw new MountException("invalid cache sharing set for " + type + " mount", "sharing applies to type=cache only");
        }
        if (type.equals(Mount.SECRET)) {
            if (from != null) {
                throw new MountException("secret mount should not have a from", "remove from= from the secret mount");
            }
            if (source == null && target == null && id == null) {
                throw new MountException("invalid secret mount. one of source, target required",
                        "name the secret with id=NAME (and target=PATH or env=VAR)");
            }
            if (source != null && id != null) {
                throw new MountException("both source and id can't be set", "use id= to name the secret");
            }
        }
        // no target is not an error here: BuildKit mounts at the working directory, and refuses only a
        // resulting "/" ("invalid mount target"), which depends on WORKDIR and is checked by the build
        return new Mount(type, Optional.ofNullable(from), Optional.ofNullable(source), Optional.ofNullable(target),
                ro, Optional.ofNullable(id), Optional.ofNullable(sharing), Optional.ofNullable(mode),
                Optional.ofNullable(uid), Optional.ofNullable(gid), Optional.ofNullable(size), Optional.ofNullable(env),
                required, spec, range);
    }

    /** Go's strconv.ParseBool. */
    private static boolean parseBool(String key, String value) throws MountException {
        return switch (value) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            case "0", "f", "F", "FALSE", "false", "False" -> false;
            default -> throw new MountException("invalid value for " + key + ": " + value, "use true or false");
        };
    }

    /** Go's strconv.ParseUint(s, base, 32) succeeding (Go allows '_' separators only with base 0). */
    private static boolean isUnsigned32(String s, int base) {
        if (s.isEmpty()) {
            return false;
        }
        try {
            for (char c : s.toCharArray()) {
                if (Character.digit(c, base) < 0 || c > 0x7f) {
                    return false;
                }
            }
            return Long.parseLong(s, base) <= 0xFFFFFFFFL;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** One record of Go's encoding/csv with default settings (comma separator, strict quotes). */
    public static List<String> csvRecord(String line) throws MountException {
        if (line.isEmpty()) {
            throw new MountException("failed to parse csv mounts: EOF", "give the mount options, e.g. --mount=type=cache,target=/root/.cache");
        }
        List<String> fields = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (true) {
            StringBuilder field = new StringBuilder();
            if (i < n && line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw new MountException("failed to parse csv mounts: extraneous or missing \" in quoted-field",
                                "close the double quote in the --mount value");
                    }
                    char c = line.charAt(i);
                    if (c == '"') {
                        if (i + 1 < n && line.charAt(i + 1) == '"') {
                            field.append('"');
                            i += 2;
                        } else if (i + 1 == n || line.charAt(i + 1) == ',') {
                            i++;
                            break;
                        } else {
                            throw new MountException("failed to parse csv mounts: extraneous or missing \" in quoted-field",
                                    "inside a quoted field write a quote as \"\"");
                        }
                    } else {
                        field.append(c);
                        i++;
                    }
                }
            } else {
                while (i < n && line.charAt(i) != ',') {
                    char c = line.charAt(i);
                    if (c == '"') {
                        throw new MountException("failed to parse csv mounts: bare \" in non-quoted-field",
                                "quote the whole field: \"key=value\"");
                    }
                    field.append(c);
                    i++;
                }
            }
            fields.add(field.toString());
            if (i >= n) {
                return fields;
            }
            i++; // the comma
        }
    }
}
