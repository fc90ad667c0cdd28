package io.github.ikpurge.error;

/**
 * The client cannot be built as configured: no transport on the class path, a named transport that
 * is missing, or a public key given where the private key belongs. The message says what was found
 * and what to change.
 */
public final class ConfigurationException extends ImageKitException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param message what is wrong and how to fix it
   */
  public ConfigurationException(String message) {
    super(message, null);
  }

  /**
   * Creates the error.
   *
   * @param message what is wrong and how to fix it
   * @param cause the underlying failure, or null
   */
  public ConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
