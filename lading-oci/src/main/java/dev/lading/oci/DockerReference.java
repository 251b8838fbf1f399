package dev.lading.oci;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A registry image reference as Docker normalises it: {@code [registry/]repository[:tag][@digest]}.
 * {@code alpine} is {@code docker.io/library/alpine:latest}; a first component with a '.' or ':' or equal to
 * {@code localhost} is a registry host. Both tag and digest may be present (the digest wins for pulls).
 */
public record DockerReference(String registry, String repository, String tag, Digest digest) {

    public static final String DOCKER_HUB = "docker.io";
    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern HOST = Pattern.compile("(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*(?::[0-9]+)?|\\[[0-9A-Fa-f:]+\\](?::[0-9]+)?");

    public DockerReference {
        if (tag == null && digest == null) {
            tag = "latest";
        }
    }

    public static DockerReference parse(String text) {
        String s = text.trim();
        if (s.startsWith("docker://")) {
            s = s.substring("docker://".length());
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty image reference");
        }
        Digest digest = null;
        int at = s.indexOf('@');
        if (at >= 0) {
            try {
                digest = Digest.parse(s.substring(at + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid image reference '" + text + "': " + e.getMessage());
            }
            s = s.substring(0, at);
        }
        String tag = null;
        int slash = s.lastIndexOf('/');
        int colon = s.lastIndexOf(':');
        if (colon > slash) {
            tag = s.substring(colon + 1);
            s = s.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw new IllegalArgumentException("invalid image reference '" + text + "': bad tag '" + tag + "'");
            }
        }
        String registry = DOCKER_HUB;
        String repo = s;
        int first = s.indexOf('/');
        if (first > 0) {
            String head = s.substring(0, first);
            if (head.contains(".") || head.contains(":") || head.equals("localhost") || !head.equals(head.toLowerCase(Locale.ROOT))) {
                registry = head;
                repo = s.substring(first + 1);
            }
        }
        if (!HOST.matcher(registry).matches()) {
            throw new IllegalArgumentException("invalid image reference '" + text + "': bad registry host '" + registry + "'");
        }
        if (registry.equals("index.docker.io") || registry.equals("registry-1.docker.io")) {
            registry = DOCKER_HUB;
        }
        if (registry.equals(DOCKER_HUB) && !repo.contains("/")) {
            repo = "library/" + repo;
        }
        if (repo.isEmpty()) {
            throw new IllegalArgumentException("invalid image reference '" + text + "': no repository name");
        }
        for (String component : repo.split("/", -1)) {
            if (!COMPONENT.matcher(component).matches()) {
                throw new IllegalArgumentException("invalid image reference '" + text + "': repository name must be lowercase"
                        + " letters, digits and separators (. _ __ -), got '" + repo + "'");
            }
        }
        if (repo.length() > 255) {
            throw new IllegalArgumentException("invalid image reference '" + text + "': repository name longer than 255 characters");
        }
        return new DockerReference(registry, repo, tag, digest);
    }

    /** Whether {@code repository} is a valid repository name of the distribution spec (path components, ≤ 255 characters). */
    public static boolean isValidRepository(String repository) {
        if (repository == null || repository.isEmpty() || repository.length() > 255) {
            return false;
        }
        for (String component : repository.split("/", -1)) {
            if (!COMPONENT.matcher(component).matches()) {
                return false;
            }
        }
        return true;
    }

    public static boolean isValidTag(String tag) {
        return tag != null && TAG.matcher(tag).matches();
    }

    /** Whether a registry host ({@code host[:port]}) is this machine. */
    public static boolean isLocalhost(String registry) {
        String host = registry.startsWith("[") ? registry.substring(0, registry.indexOf(']') + 1) : registry.split(":")[0];
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    }

    /** The tag or digest to ask the registry for: the digest when there is one. */
    public String referenceForPull() {
        return digest != null ? digest.toString() : tag;
    }

    public DockerReference withTag(String newTag) {
        return new DockerReference(registry, repository, newTag, null);
    }

    public DockerReference withDigest(Digest newDigest) {
        return new DockerReference(registry, repository, tag, newDigest);
    }

    /** host/repo, the name without tag or digest. */
    public String name() {
        return registry + "/" + repository;
    }

    /** Whether this registry is on this machine, where plain HTTP is the default as skopeo and docker allow. */
    public boolean isLocalhost() {
        return isLocalhost(registry);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name());
        if (tag != null) {
            sb.append(':').append(tag);
        }
        if (digest != null) {
            sb.append('@').append(digest);
        }
        return sb.toString();
    }
}
