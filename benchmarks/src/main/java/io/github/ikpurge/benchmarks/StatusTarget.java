package io.github.ikpurge.benchmarks;

import io.github.ikpurge.PurgeClient;
import io.github.ikpurge.RetryPolicy;
import io.github.ikpurge.testkit.ImageKitSimulator;
import io.github.ikpurge.transport.jdk.JdkHttpTransport;

/**
 * What the throughput benchmarks call: an in-process simulator on loopback with keep-alive, holding
 * one purge that stays Pending, and the clients that ask for its status, each checked to answer.
 */
final class StatusTarget implements AutoCloseable {

  private final ImageKitSimulator simulator =
      ImageKitSimulator.builder().completeAfterPolls(Integer.MAX_VALUE).journalCapacity(0).start();
  private final String requestId =
      simulator.registerPurge("https://ik.imagekit.io/demo/sample.jpg");

  String requestId() {
    return requestId;
  }

  /**
   * The SDK on a transport: {@code jdk} (its default engine for blocking calls, HttpURLConnection),
   * {@code jdk-httpclient} (the JDK's HttpClient for them), {@code apache} or {@code feign}.
   */
  PurgeClient sdk(String transport) {
    boolean httpClient = transport.equals("jdk-httpclient");
    if (httpClient) {
      System.setProperty(JdkHttpTransport.Engine.PROPERTY, "http-client");
    }
    try {
      PurgeClient client =
          simulator
              .clientBuilder()
              .transport(httpClient ? "jdk" : transport)
              .retryPolicy(RetryPolicy.none())
              .build();
      check(client.status(requestId).status().value());
      return client;
    } finally {
      System.clearProperty(JdkHttpTransport.Engine.PROPERTY);
    }
  }

  /**
   * The call by hand on the library a transport runs on ({@link HandWritten#library}), or on a
   * library named.
   */
  HandWritten handWritten(String transportOrLibrary) throws Exception {
    HandWritten client =
        HandWritten.of(
            HandWritten.library(transportOrLibrary), simulator.baseUri(), simulator.privateKey());
    check(client.status(requestId));
    return client;
  }

  private static void check(String status) {
    if (!"Pending".equals(status)) {
      throw new IllegalStateException("the client answered " + status + ", not Pending");
    }
  }

  @Override
  public void close() {
    simulator.close();
  }
}
