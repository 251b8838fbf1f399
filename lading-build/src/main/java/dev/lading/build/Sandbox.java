package dev.lading.build;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * How a RUN instruction executes: in a user namespace, with the stage's root filesystem, env, user and
 * workdir. Declared here so the builder's shape is settled; no implementation exists yet, and the builder
 * reports RUN as not supported.
 */
public interface Sandbox {

    RunResult run(RunSpec spec) throws IOException;

    /** What to run, and where. {@code network} is "default" or "none". */
    record RunSpec(Path rootfs, List<String> argv, List<String> env, String user, String workdir, String network) {
        public RunSpec {
            argv = List.copyOf(argv);
            env = List.copyOf(env);
        }
    }

    /** How it ended; {@code outputTail} is the last lines of its output, for error messages. */
    record RunResult(int exitCode, List<String> outputTail) {
        public RunResult {
            outputTail = List.copyOf(outputTail);
        }
    }
}
