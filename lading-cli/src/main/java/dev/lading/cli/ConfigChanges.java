package dev.lading.cli;

import dev.lading.dockerfile.Cmd;
import dev.lading.dockerfile.CommandForm;
import dev.lading.dockerfile.Dockerfile;
import dev.lading.dockerfile.DockerfileParseException;
import dev.lading.dockerfile.DockerfileParser;
import dev.lading.dockerfile.Entrypoint;
import dev.lading.dockerfile.Env;
import dev.lading.dockerfile.Expose;
import dev.lading.dockerfile.Instruction;
import dev.lading.dockerfile.KeyValue;
import dev.lading.dockerfile.Label;
import dev.lading.dockerfile.StopSignal;
import dev.lading.dockerfile.User;
import dev.lading.dockerfile.Volume;
import dev.lading.dockerfile.Workdir;
import dev.lading.dockerfile.expand.BuildArgs;
import dev.lading.dockerfile.expand.ResolvedInstruction;
import dev.lading.dockerfile.expand.StageResolver;
import dev.lading.oci.ImageConfig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --change 'INSTRUCTION args'} edits, as {@code docker import --change} takes them: each is parsed by the
 * Dockerfile parser (so quoting and JSON forms mean what they mean in a Dockerfile) and applied to the config.
 */
final class ConfigChanges {
    private ConfigChanges() {
    }

    static ImageConfig.Config apply(ImageConfig.Config config, List<String> changes) {
        ImageConfig.Config c = config;
        for (String change : changes) {
            c = applyOne(c, change);
        }
        return c;
    }

    private static ImageConfig.Config applyOne(ImageConfig.Config c, String change) {
        if (change.contains("\n")) {
            throw CliException.usage("--change '" + change + "': one instruction per --change");
        }
        Instruction instruction;
        try {
            Dockerfile df = DockerfileParser.parse("--change", "FROM scratch\n" + change + "\n");
            List<ResolvedInstruction> resolved = StageResolver.resolve(df, BuildArgs.none()).stages().get(0).instructions();
            if (resolved.size() != 1) {
                throw CliException.usage("--change '" + change + "': want exactly one instruction");
            }
            instruction = resolved.get(0).resolved();
        } catch (DockerfileParseException e) {
            throw CliException.usage("--change '" + change + "': " + e.problem());
        }
        return switch (instruction) {
            case User u -> c.withUser(u.user());
            case Env e -> {
                ImageConfig.Config out = c;
                for (KeyValue kv : e.pairs()) {
                    out = out.withEnvVar(kv.key(), kv.value());
                }
                yield out;
            }
            case Label l -> {
                ImageConfig.Config out = c;
                for (KeyValue kv : l.pairs()) {
                    out = out.withLabel(kv.key(), kv.value());
                }
                yield out;
            }
            case Entrypoint e -> c.withEntrypoint(command(e.command().orElse(null), c.shell()));
            case Cmd cmd -> c.withCmd(command(cmd.command().orElse(null), c.shell()));
            case Workdir w -> c.withWorkingDir(w.path());
            case Expose e -> {
                Map<String, Object> ports = new LinkedHashMap<>(c.exposedPorts() == null ? Map.of() : c.exposedPorts());
                for (String p : e.ports()) {
                    ports.put(p.contains("/") ? p : p + "/tcp", Map.of());
                }
                yield c.withExposedPorts(ports);
            }
            case Volume v -> {
                Map<String, Object> vols = new LinkedHashMap<>(c.volumes() == null ? Map.of() : c.volumes());
                v.paths().forEach(p -> vols.put(p, Map.of()));
                yield c.withVolumes(vols);
            }
            case StopSignal s -> c.withStopSignal(s.signal());
            default -> throw CliException.usage("--change '" + change + "': " + instruction.kind()
                    + " is not a config change (use USER, ENV, LABEL, ENTRYPOINT, CMD, WORKDIR, EXPOSE, VOLUME, STOPSIGNAL)");
        };
    }

    /** Exec form as given; shell form wrapped in the image's shell, as Docker does. */
    private static List<String> command(CommandForm form, List<String> shell) {
        if (form == null) {
            return null;
        }
        return switch (form) {
            case CommandForm.ExecForm exec -> exec.args();
            case CommandForm.ShellForm sh -> {
                List<String> prefix = shell == null || shell.isEmpty() ? List.of("/bin/sh", "-c") : shell;
                java.util.ArrayList<String> out = new java.util.ArrayList<>(prefix);
                out.add(sh.command());
                yield out;
            }
        };
    }
}
