package io.github.ikpurge.transport.feign.internal;

import feign.Response;
import io.github.ikpurge.domain.Headers;
import io.github.ikpurge.spi.HttpTransportException;
import io.github.ikpurge.spi.HttpTransportException.Kind;
import io.github.ikpurge.spi.TransportRequest;
import io.github.ikpurge.spi.TransportResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;

/**
 * Turns a Feign response into the SPI's: status checked, headers copied, and the body read within
 * the size limit and the client's abort.
 */
final class BodyReader {

  private static final byte[] NO_BYTES = new byte[0];
  private static final int CHUNK = 8192;

  private BodyReader() {}

  /**
   * Reads a response completely; the caller closes it.
   *
   * @throws IOException RESPONSE_TOO_LARGE over the limit, IO once aborted, PROTOCOL for a status
   *     outside 200 to 999 or a head the request refuses, IO for a body shorter than its {@code
   *     Content-Length}
   */
  static TransportResponse read(TransportRequest request, Exchange exchange, Response response)
      throws IOException {
    int status = response.status();
    if (status < 100 || status > 999) {
      throw new HttpTransportException(Kind.PROTOCOL, "an invalid HTTP status " + status, null);
    }
    if (status < 200) {
      // HttpURLConnection skips 100 Continue only: any other 1xx comes back as if it were final,
      // with the real response still unread on the connection.
      throw new HttpTransportException(
          Kind.PROTOCOL, "an interim " + status + " response was taken for the final one", null);
    }
    Headers headers = headersOf(response.headers());
    request.checkResponseHead(headers);
    byte[] body =
        mayHaveBody(request.method(), status)
            ? readBody(response.body(), headers, request.maxResponseBytes(), exchange)
            : NO_BYTES;
    return TransportResponse.of(status, headers, body);
  }

  /**
   * Copies Feign's header map, skipping the null key HttpURLConnection uses for the status line.
   */
  static Headers headersOf(Map<String, Collection<String>> fields) throws HttpTransportException {
    Headers.Builder builder = Headers.builder();
    try {
      addAll(builder, fields);
    } catch (IllegalArgumentException e) {
      throw new HttpTransportException(Kind.PROTOCOL, "an invalid header: " + e.getMessage(), e);
    }
    return builder.build();
  }

  private static void addAll(Headers.Builder builder, Map<String, Collection<String>> fields) {
    if (fields != null) {
      fields.forEach(
          (name, values) -> {
            if (name != null && values != null) {
              values.forEach(
                  value -> {
                    if (value != null) {
                      builder.add(name, value);
                    }
                  });
            }
          });
    }
  }

  private static boolean mayHaveBody(String method, int status) {
    // RFC 9110: no content in a HEAD response, a 1xx, 204 or 304, whatever Content-Length says.
    return !"HEAD".equals(method) && status >= 200 && status != 204 && status != 304;
  }

  private static byte[] readBody(
      Response.Body body, Headers headers, int maxBytes, Exchange exchange) throws IOException {
    if (body == null) {
      return NO_BYTES;
    }
    long declared = declaredLength(headers, body);
    if (declared > maxBytes) {
      throw tooLarge(maxBytes);
    }
    try (InputStream in = body.asInputStream()) {
      if (in == null) {
        return NO_BYTES;
      }
      long capacityLimit = Math.min((long) maxBytes + 1, Integer.MAX_VALUE - 8);
      // One byte past what is expected: the read that meets the end has room, or shows excess.
      int initial = (int) Math.min(capacityLimit, declared >= 0 ? declared + 1 : CHUNK);
      byte[] buffer = new byte[Math.max(initial, 1)];
      int size = 0;
      while (true) {
        exchange.checkpoint();
        if (size == buffer.length) {
          buffer = Arrays.copyOf(buffer, (int) Math.min(capacityLimit, buffer.length * 2L));
        }
        int read = in.read(buffer, size, buffer.length - size);
        if (read < 0) {
          break;
        }
        size += read;
        if (size > maxBytes) {
          throw tooLarge(maxBytes);
        }
      }
      // HttpURLConnection reports a body cut short as a plain end of stream: compare with the
      // declared length, unless the client decoded a Content-Encoding and the lengths differ.
      if (declared >= 0 && size < declared && !isEncoded(headers)) {
        throw new HttpTransportException(
            Kind.IO, "the response body ended after " + size + " of " + declared + " bytes", null);
      }
      return size == 0 ? NO_BYTES : Arrays.copyOf(buffer, size);
    }
  }

  private static long declaredLength(Headers headers, Response.Body body) {
    String header = headers.firstValue("Content-Length").orElse(null);
    if (header != null) {
      try {
        long length = Long.parseLong(header.trim());
        if (length >= 0) {
          return length;
        }
      } catch (NumberFormatException e) {
        // A malformed length declares nothing; the count while reading still applies.
      }
    }
    Integer length = body.length();
    return length != null && length >= 0 ? length : -1;
  }

  private static boolean isEncoded(Headers headers) {
    return headers
        .firstValue("Content-Encoding")
        .map(encoding -> !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity"))
        .orElse(false);
  }

  private static HttpTransportException tooLarge(int maxBytes) {
    return new HttpTransportException(
        Kind.RESPONSE_TOO_LARGE, "response body larger than " + maxBytes + " bytes", null);
  }
}
