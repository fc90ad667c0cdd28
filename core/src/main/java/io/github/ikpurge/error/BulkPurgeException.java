package io.github.ikpurge.error;

/**
 * A bulk purge that could not go on: its journal could not be read or written, its input or its
 * listener threw, or it was interrupted. The cause says which. Each URL that ended before that was
 * reported to the listener (and journaled); the purges in flight were cancelled without an outcome,
 * and a later run with the same journal reports them in doubt.
 */
public final class BulkPurgeException extends ImageKitException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what stopped the run
   * @param cause the failure of the journal, the input or the listener, or the interrupt
   */
  public BulkPurgeException(String message, Throwable cause) {
    super(message, cause);
  }
}
