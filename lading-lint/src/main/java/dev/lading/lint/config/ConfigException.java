package dev.lading.lint.config;

/** A configuration file that cannot be used: names the file and what is wrong. */
public final class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }
}
