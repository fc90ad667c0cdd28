package io.github.ikpurge.spi;

/** The input was not the JSON a {@link JsonCodec} was asked to read. */
public final class JsonCodecException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong and where
   * @param cause the library's exception, or null
   */
  public JsonCodecException(String message, Throwable cause) {
    super(message, cause);
  }
}
