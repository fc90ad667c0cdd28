package io.github.ikpurge.examples;

import io.github.ikpurge.facade.Configuration;
import io.github.ikpurge.facade.ImageKit;
import io.github.ikpurge.facade.ResultCacheStatus;
import io.github.ikpurge.facade.dotnet.ImagekitClient;

/**
 * The status snippets of ImageKit's documentation, for the Java and the .NET SDK, written as Java
 * against this SDK's two facades. Only the configuration line differs from the documentation: it
 * may aim the client at another API address, such as the simulator.
 */
public final class SeedSnippets {

  private SeedSnippets() {}

  /**
   * The Java SDK's snippet: {@code ImageKit.getInstance().getPurgeCacheStatus("request_id")}.
   *
   * @param config the account settings, set once on the shared instance
   * @param requestId the id a purge returned
   * @return the status
   */
  public static ResultCacheStatus javaStyle(Configuration config, String requestId) {
    ImageKit.getInstance().setConfig(config);

    ResultCacheStatus result = ImageKit.getInstance().getPurgeCacheStatus(requestId);

    return result;
  }

  /**
   * The .NET SDK's snippet: {@code imagekit.PurgeStatus("request_Id")}.
   *
   * @param config the account settings
   * @param requestId the id a purge returned
   * @return the status
   */
  public static ResultCacheStatus dotnetStyle(Configuration config, String requestId) {
    try (var imagekit = new ImagekitClient(config)) {
      ResultCacheStatus resultCacheStatus = imagekit.PurgeStatus(requestId);

      return resultCacheStatus;
    }
  }
}
