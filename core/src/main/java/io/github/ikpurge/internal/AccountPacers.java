package io.github.ikpurge.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The JVM's one {@link AccountPacer} per account: clients with the same key and base URI share it.
 * An account is known by a digest of its {@code Authorization} value, so this map holds no key.
 * Entries are kept for the life of the JVM; each is a few dozen bytes.
 */
final class AccountPacers {

  private static final Map<String, AccountPacer> PACERS = new ConcurrentHashMap<>();

  private AccountPacers() {}

  static AccountPacer forAccount(String authorization, URI baseUri) {
    return PACERS.computeIfAbsent(
        digest(authorization) + ' ' + baseUri,
        account ->
            new AccountPacer(
                System::nanoTime, bound -> ThreadLocalRandom.current().nextLong(bound + 1)));
  }

  private static String digest(String authorization) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of()
          .formatHex(sha256.digest(authorization.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
