package io.github.ikpurge.spring.boot;

import io.github.ikpurge.error.ConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start-up that failed because the client could not be built (no private key, a public
 * key, no transport), and names the properties that fix it.
 */
final class PurgeClientFailureAnalyzer extends AbstractFailureAnalyzer<ConfigurationException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, ConfigurationException cause) {
    String message = String.valueOf(cause.getMessage());
    boolean key = message.startsWith("no private key") || message.contains("privateKey");
    return new FailureAnalysis(
        "The ikpurge PurgeClient could not be built: " + message,
        key
            ? "Set the ikpurge.private-key property (or the IMAGEKIT_PRIVATE_KEY environment"
                + " variable) to the account's private key; or define a PurgeClient bean of your"
                + " own."
            : "Check ikpurge.transport names a transport whose module is on the class path, and"
                + " ikpurge.base-uri; or define a PurgeClient bean of your own.",
        cause);
  }
}
