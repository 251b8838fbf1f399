package dev.lading.build;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How a RUN instruction executes: in new namespaces (mount, pid, ipc, uts, and net for {@code --network=none}),
 * with the stage's root filesystem, env, user and workdir. Implementations wrap what a host has (bubblewrap,
 * util-linux unshare, an OCI runtime); {@code dev.lading.build.sandbox.Sandboxes} finds and picks them.
 */
public interface Sandbox {

    /** Short name shown to users ("bubblewrap", "unshare", ...). */
    String name();

    /**
     * How ids inside the sandbox map to ids on the host disk. The snapshotter uses it to turn the owner a file
     * has on disk after a RUN into the owner it gets in the layer.
     */
    IdMapping idMapping();

    /** Runs {@code spec.argv()} to completion; a non-zero exit is a result, not an exception. */
    RunResult run(RunSpec spec) throws IOException;

    /** How the sandbox presents the root filesystem. */
    sealed interface Root {
        /** The directory itself, read-write: changes land in it (the copy-and-diff snapshotter scans it). */
        record Directory(Path dir) implements Root {
        }

        /**
         * An overlay mounted inside the sandbox's mount namespace: {@code lower} read-only, changes in
         * {@code upper} (empty before the run), {@code work} the overlay work directory on the same filesystem
         * as {@code upper}.
         */
        record Overlay(Path lower, Path upper, Path work) implements Root {
        }
    }

    /** Extra mounts, applied after the root, in order. {@code target} is an absolute path inside the root. */
    sealed interface Mount {
        String target();

        /** A host file or directory; read-only unless {@code readOnly} is false. */
        record Bind(Path source, String target, boolean readOnly) implements Mount {
        }

        /** An empty tmpfs; {@code sizeBytes} 0 means the kernel default. */
        record Tmpfs(String target, long sizeBytes) implements Mount {
        }
    }

    enum Network {
        /** The host's network (no network namespace), as Docker's default bridge looks to a RUN. */
        DEFAULT,
        /** A new network namespace with only loopback. */
        NONE
    }

    /**
     * What to run, and where. {@code uid}/{@code gid}/{@code groups} are ids inside the sandbox (the builder
     * resolves USER names through the stage's /etc/passwd and /etc/group); {@code workdir} is absolute and
     * exists in the root; {@code output} receives each line the command prints (stdout and stderr merged).
     */
    record RunSpec(Root root, List<String> argv, List<String> env, long uid, long gid, List<Long> groups,
                   String workdir, Network network, List<Mount> mounts, String hostname, Consumer<String> output) {
        public RunSpec {
            Objects.requireNonNull(root, "root");
            argv = List.copyOf(argv);
            env = List.copyOf(env);
            groups = List.copyOf(groups);
            mounts = List.copyOf(mounts);
            Objects.requireNonNull(network, "network");
            Objects.requireNonNull(output, "output");
            if (argv.isEmpty()) {
                throw new IllegalArgumentException("nothing to run: empty argv");
            }
            if (!workdir.startsWith("/")) {
                throw new IllegalArgumentException("workdir must be absolute: " + workdir);
            }
        }
    }

    /** How it ended; {@code outputTail} is the last lines of its output, for error messages. */
    record RunResult(int exitCode, List<String> outputTail) {
        public RunResult {
            outputTail = List.copyOf(outputTail);
        }
    }
}
