/**
 * The transport on OpenFeign: any {@code feign.Client} (or {@code feign.AsyncClient}) the user
 * already has, or Feign's default client on {@link java.net.HttpURLConnection}.
 */
package io.github.ikpurge.transport.feign;
