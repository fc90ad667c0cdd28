/**
 * The ImageKit purge API simulator. Start one with {@link
 * io.github.ikpurge.testkit.ImageKitSimulator#start()}, point a client at {@link
 * io.github.ikpurge.testkit.ImageKitSimulator#baseUri()}, and read what it received from its
 * journal.
 */
package io.github.ikpurge.testkit;
