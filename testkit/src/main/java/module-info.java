/**
 * The ImageKit purge API simulator: a real HTTP server on loopback that speaks the purge API, for
 * tests, examples and offline development.
 */
module io.github.ikpurge.testkit {
  requires transitive io.github.ikpurge.core;
  requires jdk.httpserver;

  exports io.github.ikpurge.testkit;
}
