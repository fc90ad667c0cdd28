package io.github.ikpurge.conformance;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Counts the live threads that are not the test's own servers (the in-process simulator and the
 * relay run in the same JVM), so a test can see threads left behind by the client and transport.
 */
final class ClientThreads {

  private static final Set<String> SERVER_PREFIXES =
      Set.of(
          "ikpurge-simulator-",
          "tcp-relay",
          "HTTP-Dispatcher",
          "server-timer",
          "idle-timeout-task");

  private ClientThreads() {}

  static long count() {
    return clientThreads().count();
  }

  /** Returns the client threads by name with digits folded, for a report. */
  static Map<String, Long> byName() {
    return clientThreads()
        .collect(
            Collectors.groupingBy(
                thread -> thread.getName().replaceAll("[0-9]+", "N"),
                TreeMap::new,
                Collectors.counting()));
  }

  private static Stream<Thread> clientThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .filter(thread -> SERVER_PREFIXES.stream().noneMatch(thread.getName()::startsWith));
  }
}
