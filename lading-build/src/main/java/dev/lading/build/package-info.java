/**
 * Dockerfile builds.
 *
 * <p>{@link dev.lading.build.Planner} turns a parsed Dockerfile into a {@link dev.lading.build.BuildPlan}: the
 * stages the target needs, dependencies first, each instruction resolved. {@link dev.lading.build.Builder}
 * executes it into an OCI layout: FROM (scratch, an image through a {@link dev.lading.build.BaseImageResolver},
 * an earlier stage), COPY/ADD as layers built straight from their source files, and every metadata
 * instruction as Docker records it in the config and history. {@link dev.lading.build.BuildCache} maps
 * content keys to layers. RUN needs a {@link dev.lading.build.Sandbox}, which is declared but not
 * implemented: a Dockerfile with RUN fails with its file and line.
 */
package dev.lading.build;
