package io.github.ikpurge.cli;

import io.github.ikpurge.bulk.BulkPurgeSummary;
import io.github.ikpurge.bulk.UrlOutcome;
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

  /** A bulk purge went through its input, but the API refused some of its URLs. */
  static final int SOME_REFUSED = 6;

  /**
   * A bulk purge left some URLs in doubt: an earlier run with the same journal sent them and was
   * stopped before their answer came, so they were not sent again.
   */
  static final int SOME_IN_DOUBT = 7;

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

  /**
   * The code of a bulk purge, the gravest first: stopped early (the rest not sent), some URLs
   * refused or failed, some in doubt, some not completed within the wait; else success.
   */
  static int of(BulkPurgeSummary summary) {
    if (summary.stoppedBy().isPresent() || summary.count(UrlOutcome.Kind.NOT_SENT) > 0) {
      return summary.stoppedBy().map(ExitCodes::ofStop).orElse(FAILED);
    }
    if (summary.count(UrlOutcome.Kind.REFUSED) + summary.count(UrlOutcome.Kind.FAILED) > 0) {
      return SOME_REFUSED;
    }
    if (summary.count(UrlOutcome.Kind.IN_DOUBT) > 0) {
      return SOME_IN_DOUBT;
    }
    return summary.notCompleted() > 0 ? PENDING : OK;
  }

  private static int ofStop(RuntimeException error) {
    return error instanceof ImageKitException kit ? of(kit) : FAILED;
  }
}
