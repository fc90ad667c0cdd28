package io.github.ikpurge.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The SDK's version, read from a resource the build fills in. */
public final class SdkVersion {

  /** The version, such as {@code 0.1.0}. */
  public static final String VERSION = read();

  /** The {@code User-Agent} sent when the user sets none. */
  public static final String USER_AGENT = "ikpurge-java/" + VERSION;

  private SdkVersion() {}

  private static String read() {
    try (InputStream in = SdkVersion.class.getResourceAsStream("sdk.properties")) {
      if (in == null) {
        return "dev";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "dev");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
