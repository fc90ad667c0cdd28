package io.github.ikpurge.spi;

/**
 * Makes a {@link JsonCodec}; found through {@link java.util.ServiceLoader}. The client takes the
 * provider with the highest {@link #priority()}, unless the system property {@code ikpurge.json}
 * names one; the built-in codec ({@code builtin}, priority 0) is used when none is found.
 */
public interface JsonCodecProvider {

  /** {@return the stable name users select this codec by, such as {@code jsonb}} */
  String name();

  /** {@return the rank of this provider: higher wins} */
  int priority();

  /** {@return a codec; it may be shared} */
  JsonCodec create();
}
