package dev.lading.dockerfile;

/**
 * One {@code key=value} pair of ENV or LABEL. Key and value are as written (quotes and escapes kept);
 * {@link dev.lading.dockerfile.expand.StageResolver} gives the processed values.
 *
 * @param legacy true for the old {@code ENV key value} form without {@code =}, whose value is the rest
 *               of the line
 */
public record KeyValue(String key, String value, boolean legacy) {
}
