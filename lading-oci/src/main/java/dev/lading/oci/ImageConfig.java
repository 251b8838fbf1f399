package dev.lading.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The image configuration (OCI image spec "config", also Docker's container image v1 JSON).
 * Field names and capitalisation follow the spec exactly; Docker's extra fields that matter
 * (Healthcheck, OnBuild, Shell, ArgsEscaped) are included.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"created", "author", "architecture", "os", "os.version", "os.features", "variant", "config", "rootfs", "history"})
public record ImageConfig(
        @JsonProperty("created") String created,
        @JsonProperty("author") String author,
        @JsonProperty("architecture") String architecture,
        @JsonProperty("os") String os,
        @JsonProperty("os.version") String osVersion,
        @JsonProperty("os.features") List<String> osFeatures,
        @JsonProperty("variant") String variant,
        @JsonProperty("config") Config config,
        @JsonProperty("rootfs") RootFs rootfs,
        @JsonProperty("history") List<History> history) {

    public ImageConfig {
        history = history == null ? List.of() : List.copyOf(history);
        config = config == null ? Config.EMPTY : config;
    }

    public static ImageConfig parse(byte[] raw) {
        return OciJson.readConfig(raw);
    }

    public byte[] toJson() {
        return OciJson.write(this);
    }

    public Platform platform() {
        return Platform.of(os, architecture, variant);
    }

    public List<Digest> diffIds() {
        return rootfs == null || rootfs.diffIds() == null ? List.of() : rootfs.diffIds();
    }

    public ImageConfig withConfig(Config newConfig) {
        return new ImageConfig(created, author, architecture, os, osVersion, osFeatures, variant, newConfig, rootfs, history);
    }

    public ImageConfig withCreated(String newCreated) {
        return new ImageConfig(newCreated, author, architecture, os, osVersion, osFeatures, variant, config, rootfs, history);
    }

    /** Appends a layer's diffID and its history entry. */
    public ImageConfig withLayer(Digest diffId, History entry) {
        List<Digest> ids = new ArrayList<>(diffIds());
        ids.add(diffId);
        List<History> h = new ArrayList<>(history);
        h.add(entry);
        return new ImageConfig(created, author, architecture, os, osVersion, osFeatures, variant, config,
                new RootFs("layers", ids), h);
    }

    public ImageConfig withHistory(History entry) {
        List<History> h = new ArrayList<>(history);
        h.add(entry);
        return new ImageConfig(created, author, architecture, os, osVersion, osFeatures, variant, config, rootfs, h);
    }

    /** The execution parameters a container runtime uses. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"User", "ExposedPorts", "Env", "Entrypoint", "Cmd", "Volumes", "WorkingDir", "Labels", "StopSignal",
            "ArgsEscaped", "Healthcheck", "OnBuild", "Shell"})
    public record Config(
            @JsonProperty("User") String user,
            @JsonProperty("ExposedPorts") Map<String, Object> exposedPorts,
            @JsonProperty("Env") List<String> env,
            @JsonProperty("Entrypoint") List<String> entrypoint,
            @JsonProperty("Cmd") List<String> cmd,
            @JsonProperty("Volumes") Map<String, Object> volumes,
            @JsonProperty("WorkingDir") String workingDir,
            @JsonProperty("Labels") Map<String, String> labels,
            @JsonProperty("StopSignal") String stopSignal,
            @JsonProperty("ArgsEscaped") Boolean argsEscaped,
            @JsonProperty("Healthcheck") Healthcheck healthcheck,
            @JsonProperty("OnBuild") List<String> onBuild,
            @JsonProperty("Shell") List<String> shell) {

        public static final Config EMPTY = new Config(null, null, null, null, null, null, null, null, null, null, null, null, null);

        public Config withUser(String v) {
            return new Config(v, exposedPorts, env, entrypoint, cmd, volumes, workingDir, labels, stopSignal, argsEscaped, healthcheck, onBuild, shell);
        }

        public Config withEnv(List<String> v) {
            return new Config(user, exposedPorts, v, entrypoint, cmd, volumes, workingDir, labels, stopSignal, argsEscaped, healthcheck, onBuild, shell);
        }

        public Config withEntrypoint(List<String> v) {
            return new Config(user, exposedPorts, env, v, cmd, volumes, workingDir, labels, stopSignal, argsEscaped, healthcheck, onBuild, shell);
        }

        public Config withCmd(List<String> v) {
            return new Config(user, exposedPorts, env, entrypoint, v, volumes, workingDir, labels, stopSignal, argsEscaped, healthcheck, onBuild, shell);
        }

        public Config withWorkingDir(String v) {
            return new Config(user, exposedPorts, env, entrypoint, cmd, volumes, v, labels, stopSignal, argsEscaped, healthcheck, onBuild, shell);
        }

        public Config withLabels(Map<String, String> v) {
            return new Config(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, v, stopSignal, argsEscaped, healthcheck, onBuild, shell);
        }

        public Config withExposedPorts(Map<String, Object> v) {
            return new Config(user, v, env, entrypoint, cmd, volumes, workingDir, labels, stopSignal, argsEscaped, healthcheck, onBuild, shell);
        }

        public Config withVolumes(Map<String, Object> v) {
            return new Config(user, exposedPorts, env, entrypoint, cmd, v, workingDir, labels, stopSignal, argsEscaped, healthcheck, onBuild, shell);
        }

        public Config withStopSignal(String v) {
            return new Config(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, labels, v, argsEscaped, healthcheck, onBuild, shell);
        }

        public Config withHealthcheck(Healthcheck v) {
            return new Config(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, labels, stopSignal, argsEscaped, v, onBuild, shell);
        }

        public Config withOnBuild(List<String> v) {
            return new Config(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, labels, stopSignal, argsEscaped, healthcheck, v, shell);
        }

        public Config withShell(List<String> v) {
            return new Config(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, labels, stopSignal, argsEscaped, healthcheck, onBuild, v);
        }

        /** Sets one environment variable, replacing an earlier value of the same name in place. */
        public Config withEnvVar(String name, String value) {
            List<String> out = new ArrayList<>();
            boolean replaced = false;
            for (String e : env == null ? List.<String>of() : env) {
                if (e.startsWith(name + "=") || e.equals(name)) {
                    if (!replaced) {
                        out.add(name + "=" + value);
                        replaced = true;
                    }
                } else {
                    out.add(e);
                }
            }
            if (!replaced) {
                out.add(name + "=" + value);
            }
            return withEnv(out);
        }

        public Config withLabel(String key, String value) {
            Map<String, String> m = new LinkedHashMap<>(labels == null ? Map.of() : labels);
            m.put(key, value);
            return withLabels(m);
        }
    }

    /** Docker's HEALTHCHECK settings; durations are nanoseconds. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Healthcheck(
            @JsonProperty("Test") List<String> test,
            @JsonProperty("Interval") Long interval,
            @JsonProperty("Timeout") Long timeout,
            @JsonProperty("StartPeriod") Long startPeriod,
            @JsonProperty("StartInterval") Long startInterval,
            @JsonProperty("Retries") Integer retries) {
    }

    public record RootFs(
            @JsonProperty("type") String type,
            @JsonProperty("diff_ids") List<Digest> diffIds) {
        public RootFs {
            diffIds = diffIds == null ? List.of() : List.copyOf(diffIds);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"created", "created_by", "author", "comment", "empty_layer"})
    public record History(
            @JsonProperty("created") String created,
            @JsonProperty("created_by") String createdBy,
            @JsonProperty("author") String author,
            @JsonProperty("comment") String comment,
            @JsonProperty("empty_layer") Boolean emptyLayer) {
    }
}
