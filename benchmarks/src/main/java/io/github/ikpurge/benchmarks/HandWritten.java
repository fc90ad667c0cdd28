package io.github.ikpurge.benchmarks;

import feign.Client;
import feign.Request;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * The status call written by hand on each library, as a careful user would without the SDK: one
 * reused client, Basic authentication, the body read as text and the status picked out of it. This
 * is the baseline the SDK is measured against.
 */
abstract class HandWritten implements AutoCloseable {

  final String authorization;
  final URI base;

  HandWritten(URI base, String privateKey) {
    this.base = base;
    this.authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((privateKey + ":").getBytes(StandardCharsets.UTF_8));
  }

  /** Returns the status of a purge, or throws on anything but HTTP 200. */
  abstract String status(String requestId) throws Exception;

  @Override
  public abstract void close() throws IOException;

  /** The library a transport runs on by default; any other name is a library already. */
  static String library(String transportOrLibrary) {
    return switch (transportOrLibrary) {
      case "jdk" -> "urlconnection";
      case "jdk-httpclient" -> "jdk";
      default -> transportOrLibrary;
    };
  }

  /**
   * A client by hand on a library: {@code jdk} (the JDK's HttpClient), {@code urlconnection},
   * {@code apache}, {@code feign} or {@code okhttp}.
   */
  static HandWritten of(String library, URI base, String privateKey) {
    return switch (library) {
      case "jdk" -> new Jdk(base, privateKey);
      case "apache" -> new Apache(base, privateKey);
      case "feign" -> new Feign(base, privateKey);
      case "okhttp" -> new OkHttp(base, privateKey);
      case "urlconnection" -> new UrlConnection(base, privateKey);
      default -> throw new IllegalArgumentException("no hand-written client for " + library);
    };
  }

  /** Picks {@code "status":"..."} out of the body, as a hand-written client would. */
  static String statusOf(int code, String body) {
    if (code != 200) {
      throw new IllegalStateException("HTTP " + code + ": " + body);
    }
    int start = body.indexOf("\"status\":\"");
    int end = body.indexOf('"', start + 10);
    if (start < 0 || end < 0) {
      throw new IllegalStateException("no status in " + body);
    }
    return body.substring(start + 10, end);
  }

  static final class Jdk extends HandWritten {
    private final HttpClient client =
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    Jdk(URI base, String privateKey) {
      super(base, privateKey);
    }

    @Override
    String status(String requestId) throws IOException, InterruptedException {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(URI.create(base + "/v1/files/purge/" + requestId))
                  .header("Authorization", authorization)
                  .header("Accept", "application/json")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return statusOf(response.statusCode(), response.body());
    }

    @Override
    public void close() {}
  }

  static final class Apache extends HandWritten {
    private final PoolingHttpClientConnectionManager pool =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setMaxConnTotal(64)
            .setMaxConnPerRoute(64)
            .build();
    private final CloseableHttpClient client =
        HttpClients.custom().setConnectionManager(pool).disableAutomaticRetries().build();

    Apache(URI base, String privateKey) {
      super(base, privateKey);
    }

    @Override
    String status(String requestId) throws IOException {
      HttpGet get = new HttpGet(base + "/v1/files/purge/" + requestId);
      get.addHeader("Authorization", authorization);
      get.addHeader("Accept", "application/json");
      return client.execute(
          get,
          response -> statusOf(response.getCode(), EntityUtils.toString(response.getEntity())));
    }

    @Override
    public void close() throws IOException {
      client.close();
    }
  }

  static final class Feign extends HandWritten {
    private final Client client = new Client.Default(null, null);
    private final Request.Options options =
        new Request.Options(5, TimeUnit.SECONDS, 30, TimeUnit.SECONDS, false);

    Feign(URI base, String privateKey) {
      super(base, privateKey);
    }

    @Override
    String status(String requestId) throws IOException {
      Request request =
          Request.create(
              Request.HttpMethod.GET,
              base + "/v1/files/purge/" + requestId,
              Map.of(
                  "Authorization", List.of(authorization), "Accept", List.of("application/json")),
              null,
              StandardCharsets.UTF_8,
              null);
      try (feign.Response response = client.execute(request, options);
          InputStream body = response.body().asInputStream()) {
        return statusOf(response.status(), new String(body.readAllBytes(), StandardCharsets.UTF_8));
      }
    }

    @Override
    public void close() {}
  }

  /** OkHttp with its defaults: the library under ImageKit's official Java SDK. */
  static final class OkHttp extends HandWritten {
    private final OkHttpClient client = new OkHttpClient();

    OkHttp(URI base, String privateKey) {
      super(base, privateKey);
    }

    @Override
    String status(String requestId) throws IOException {
      okhttp3.Request request =
          new okhttp3.Request.Builder()
              .url(base + "/v1/files/purge/" + requestId)
              .header("Authorization", authorization)
              .header("Accept", "application/json")
              .build();
      try (okhttp3.Response response = client.newCall(request).execute()) {
        return statusOf(response.code(), response.body().string());
      }
    }

    @Override
    public void close() {
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
  }

  /** The JDK's {@link HttpURLConnection}, in {@code java.base}, with the JVM's keep-alive cache. */
  static final class UrlConnection extends HandWritten {

    UrlConnection(URI base, String privateKey) {
      super(base, privateKey);
    }

    @Override
    String status(String requestId) throws IOException {
      HttpURLConnection connection =
          (HttpURLConnection)
              URI.create(base + "/v1/files/purge/" + requestId).toURL().openConnection();
      connection.setRequestProperty("Authorization", authorization);
      connection.setRequestProperty("Accept", "application/json");
      int code = connection.getResponseCode();
      try (InputStream body =
          code < 400 ? connection.getInputStream() : connection.getErrorStream()) {
        return statusOf(code, new String(body.readAllBytes(), StandardCharsets.UTF_8));
      }
    }

    @Override
    public void close() {}
  }
}
