package io.github.ikpurge.examples;

import io.github.ikpurge.domain.PurgeCacheStatus;
import io.github.ikpurge.error.CompletionTimeoutException;
import io.github.ikpurge.error.ConfigurationException;
import io.github.ikpurge.error.ImageKitException;

/** The exit codes of {@link IkPurge}, for scripts to branch on. */
final class ExitCodes {

  /** The command succeeded; for {@code status} and {@code --wait}, the purge is Completed. */
  static final int OK = 0;

  /** The API or the network failed: an error status, a timeout, a refused connection. */
  static final int FAILED = 1;

  /** The command line was wrong: an unknown option, a bad request id or URL. */
  static final int USAGE = 2;

  /** The purge is still Pending: {@code status} without {@code --wait}, or the wait ran out. */
  static final int PENDING = 3;

  /** The SDK cannot run as configured: no private key, a public key, no transport. */
  static final int CONFIGURATION = 4;

  /** The purge reports a status this tool does not know (neither Pending nor Completed). */
  static final int OTHER_STATUS = 5;

  private ExitCodes() {}

  /** The code of a failure: a wait that ran out is Pending, a configuration error is its own. */
  static int of(ImageKitException error) {
    if (error instanceof CompletionTimeoutException) {
      return PENDING;
    }
    if (error instanceof ConfigurationException) {
      return CONFIGURATION;
    }
    return FAILED;
  }

  /** The code of the status a purge reports. */
  static int of(PurgeCacheStatus status) {
    if (status.isCompleted()) {
      return OK;
    }
    return status.isPending() ? PENDING : OTHER_STATUS;
  }
}
