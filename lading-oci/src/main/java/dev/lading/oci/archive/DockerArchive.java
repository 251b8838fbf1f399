package dev.lading.oci.archive;

import dev.lading.oci.DockerReference;
import dev.lading.oci.OciException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The docker-archive transport: the tarball {@code docker save} writes and {@code docker load} reads.
 * Two generations exist and both are read: the legacy one (Docker 1.10 to 24: {@code manifest.json},
 * {@code <hex>.json} configs, {@code <id>/layer.tar} layers, {@code repositories}) and Docker 25+'s, which adds
 * an OCI image layout ({@code oci-layout}, {@code index.json}, {@code blobs/sha256/…}) and points
 * {@code manifest.json} into {@code blobs/}. lading writes the Docker 25+ shape, which older {@code docker load}
 * also accepts because it only follows {@code manifest.json}.
 */
public final class DockerArchive {

    private DockerArchive() {
    }

    /** Opens {@code file} (a tar, or a gzip/zstd/bzip2-compressed tar) and selects one image in it. */
    public static DockerArchiveReader open(Path file, Selection selection) throws IOException {
        return DockerArchiveReader.open(file, selection);
    }

    /**
     * A writer that produces {@code file} when its {@code commit} is called. {@code tag} becomes the image's
     * RepoTags entry (normalised as docker shows it); null writes an untagged image, which {@code docker load}
     * loads by ID only.
     */
    public static DockerArchiveWriter create(Path file, DockerReference tag) throws IOException {
        return DockerArchiveWriter.create(file, tag);
    }

    /** docker's familiar form: {@code docker.io/library/x:1} is {@code x:1}, {@code docker.io/u/x:1} is {@code u/x:1}. */
    public static String familiar(DockerReference ref) {
        if (ref.tag() == null) {
            throw new OciException("a docker-archive RepoTag needs a tag, got '" + ref + "'");
        }
        return familiarName(ref) + ":" + ref.tag();
    }

    static String familiarName(DockerReference ref) {
        if (ref.registry().equals(DockerReference.DOCKER_HUB)) {
            String repo = ref.repository();
            return repo.startsWith("library/") && repo.indexOf('/', "library/".length()) < 0
                    ? repo.substring("library/".length()) : repo;
        }
        return ref.registry() + "/" + ref.repository();
    }

    /**
     * What follows {@code docker-archive:}: {@code FILE}, {@code FILE:name:tag} or {@code FILE:@N}. As in skopeo,
     * the file name ends at the first ':' (a path containing ':' cannot be named this way).
     */
    public record Location(Path file, Selection selection) {

        public static Location parse(String text) {
            int colon = text.indexOf(':');
            String path = colon < 0 ? text : text.substring(0, colon);
            if (path.isEmpty()) {
                throw new IllegalArgumentException("docker-archive reference '" + text + "' names no file (want FILE[:name:tag|:@N])");
            }
            return new Location(Path.of(path), Selection.parse(colon < 0 ? "" : text.substring(colon + 1)));
        }

        /** The tag to write into RepoTags, or null for an untagged image; an index makes no sense when writing. */
        public DockerReference tagForWriting() {
            return switch (selection) {
                case Selection.Only only -> null;
                case Selection.ByTag byTag -> byTag.reference();
                case Selection.ByIndex byIndex -> throw new IllegalArgumentException("docker-archive:" + file
                        + ":@" + byIndex.index() + " selects an image to read; to write, give name:tag or nothing");
            };
        }
    }

    /** Which image of an archive to read: what follows {@code FILE:} in {@code docker-archive:FILE[:…]}. */
    public sealed interface Selection {

        /** The archive's only image; an archive with several is an error that lists them. */
        record Only() implements Selection {
        }

        /** The image whose RepoTags contain this reference (compared after docker's normalisation). */
        record ByTag(DockerReference reference) implements Selection {
            public ByTag {
                if (reference.tag() == null || reference.digest() != null) {
                    throw new IllegalArgumentException("a docker-archive image is selected by name:tag, not by digest: '"
                            + reference + "'");
                }
            }
        }

        /** The n-th entry (from 0) of manifest.json, as skopeo's {@code docker-archive:FILE:@N}. */
        record ByIndex(int index) implements Selection {
            public ByIndex {
                if (index < 0) {
                    throw new IllegalArgumentException("image index must be 0 or more, got " + index);
                }
            }
        }

        Selection ONLY = new Only();

        /** "" or null → {@link Only}; {@code @N} → {@link ByIndex}; otherwise a {@code repo:tag} reference. */
        static Selection parse(String text) {
            if (text == null || text.isEmpty()) {
                return ONLY;
            }
            if (text.startsWith("@")) {
                String digits = text.substring(1);
                if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    throw new IllegalArgumentException("invalid docker-archive image index '" + text + "' (want @0, @1, …)");
                }
                return new ByIndex(Integer.parseInt(digits));
            }
            DockerReference ref = DockerReference.parse(text);
            if (ref.digest() != null) {
                throw new IllegalArgumentException("a docker-archive image is selected by name:tag or @index, not by digest: '"
                        + text + "'");
            }
            return new ByTag(ref);
        }
    }

    /** One entry of manifest.json, as found in the archive. */
    public record ArchivedImage(int index, List<String> repoTags, String configPath, List<String> layerPaths) {
        public ArchivedImage {
            repoTags = repoTags == null ? List.of() : List.copyOf(repoTags);
            layerPaths = List.copyOf(layerPaths);
        }

        /** How error messages name it: {@code @1 [app:1, app:latest]}. */
        public String describe() {
            return "@" + index + " " + (repoTags.isEmpty() ? "<untagged, config " + configPath + ">" : repoTags.toString());
        }
    }
}
