package io.github.ikpurge.spi;

import java.util.Map;

/**
 * Reads and writes the JSON of the purge API. The client needs little: to write a flat object of
 * strings (the purge request) and to read an object (every response). Implementations are stateless
 * and thread-safe.
 *
 * <p>Reading is strict: the input must be one UTF-8 JSON object (RFC 8259) with nothing after it,
 * without duplicate member names. Values come back as {@link String}, {@link java.math.BigDecimal},
 * {@link Boolean}, {@link java.util.List}, {@link Map}, or {@link #NULL} for JSON {@code null}.
 */
public interface JsonCodec {

  /** Stands for a JSON {@code null} member value in what {@link #readObject} returns. */
  Object NULL = JsonNull.INSTANCE;

  /** {@return a short name for logs, such as {@code builtin} or {@code jsonb}} */
  String name();

  /**
   * Writes a JSON object whose members are all strings, in the map's order.
   *
   * @param members names to values; neither may be null
   * @return the UTF-8 bytes of the object
   */
  byte[] writeObject(Map<String, String> members);

  /**
   * Reads a JSON object.
   *
   * @param json UTF-8 bytes
   * @return the members, in document order
   * @throws JsonCodecException if the input is not a single well-formed JSON object
   */
  Map<String, Object> readObject(byte[] json);
}
