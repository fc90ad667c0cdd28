/**
 * The ImageKit purge API simulator: a real HTTP server on loopback that speaks the purge API, for
 * tests, examples and offline development, with a JUnit 5 extension in {@code
 * io.github.ikpurge.testkit.junit} (JUnit is an optional dependency, needed only by that package).
 */
module io.github.ikpurge.testkit {
  requires transitive io.github.ikpurge.core;
  requires jdk.httpserver;
  requires static transitive org.junit.jupiter.api;

  exports io.github.ikpurge.testkit;
  exports io.github.ikpurge.testkit.junit;
}
