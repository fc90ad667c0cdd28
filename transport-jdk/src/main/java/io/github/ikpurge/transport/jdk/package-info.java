/** The transport on the JDK's {@link java.net.http.HttpClient}: no third-party dependency. */
package io.github.ikpurge.transport.jdk;
