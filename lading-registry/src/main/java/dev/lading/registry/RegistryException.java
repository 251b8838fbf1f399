package dev.lading.registry;

import dev.lading.oci.OciException;

import java.util.List;
import java.util.Optional;

/**
 * A registry answered with an error, or could not be reached. The message names the registry, the repository,
 * the operation, the HTTP status and the registry's own error codes, and says what to do where that is clear.
 */
public class RegistryException extends OciException {

    /** One entry of the distribution spec's error body {@code {"errors":[{"code","message","detail"}]}}. */
    public record ErrorDetail(String code, String message) {
    }

    private final String registry;
    private final String repository;
    private final int status;
    private final List<ErrorDetail> errors;

    public RegistryException(String registry, String repository, int status, List<ErrorDetail> errors, String message) {
        this(registry, repository, status, errors, message, null);
    }

    public RegistryException(String registry, String repository, int status, List<ErrorDetail> errors, String message, Throwable cause) {
        super(message, cause);
        this.registry = registry;
        this.repository = repository;
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public String registry() {
        return registry;
    }

    /** The repository the request was about, or null for registry-wide requests (ping, login). */
    public String repository() {
        return repository;
    }

    /** The HTTP status, or 0 when there was no HTTP answer (connection failed). */
    public int status() {
        return status;
    }

    public List<ErrorDetail> errors() {
        return errors;
    }

    public boolean hasCode(String code) {
        return errors.stream().anyMatch(e -> code.equals(e.code()));
    }

    public Optional<String> firstCode() {
        return errors.stream().map(ErrorDetail::code).findFirst();
    }

    public boolean isNotFound() {
        return status == 404;
    }

    public boolean isUnauthorized() {
        return status == 401 || status == 403;
    }
}
