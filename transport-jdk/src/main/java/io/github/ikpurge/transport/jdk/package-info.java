/**
 * The transport on the JDK: {@link java.net.http.HttpClient}, with blocking calls on {@link
 * java.net.HttpURLConnection} by default; no third-party dependency.
 */
package io.github.ikpurge.transport.jdk;
