package io.github.ikpurge.json.jsonb;

import io.github.ikpurge.json.jsonb.internal.DocumentReader;
import io.github.ikpurge.json.jsonb.internal.DocumentWriter;
import io.github.ikpurge.json.jsonb.internal.Parsson;
import io.github.ikpurge.spi.JsonCodec;
import io.github.ikpurge.spi.JsonCodecException;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.spi.JsonProvider;
import java.util.Map;
import org.eclipse.yasson.JsonBindingProvider;
import org.eclipse.yasson.YassonJsonb;

/**
 * A {@link JsonCodec} on Jakarta JSON-B: Yasson binds, on a JSON-P parser and generator from
 * Parsson. It behaves exactly as core's built-in codec: it reads one UTF-8 JSON object with nothing
 * after it, refuses duplicate member names, invalid UTF-8, a byte order mark, escaped lone
 * surrogates, nesting deeper than 64 levels, numbers longer than 100 characters or with an exponent
 * beyond 100000 either way, each with a {@link JsonCodecException} that says what and where; and it
 * writes the same bytes.
 *
 * <p>Thread-safe and stateless; one instance is shared.
 */
public final class JsonbCodec implements JsonCodec {

  private final DocumentReader reader;
  private final DocumentWriter writer;

  private JsonbCodec() {
    JsonProvider parsson = Parsson.provider();
    YassonJsonb jsonb =
        (YassonJsonb)
            new JsonBindingProvider()
                .create()
                .withProvider(parsson)
                .withConfig(new JsonbConfig().withFormatting(false))
                .build();
    this.reader = new DocumentReader(jsonb, Parsson.parserFactory(parsson));
    this.writer = new DocumentWriter(jsonb);
  }

  /**
   * Returns the codec.
   *
   * @return the shared instance
   * @throws IllegalStateException if Parsson, the JSON-P implementation it is built on, is missing
   */
  public static JsonbCodec create() {
    return Holder.INSTANCE;
  }

  @Override
  public String name() {
    return "jsonb";
  }

  /**
   * {@inheritDoc}
   *
   * <p>Escapes what RFC 8259 requires, DEL and lone surrogates, as the built-in codec does.
   *
   * @throws NullPointerException if the map, a name or a value is null
   */
  @Override
  public byte[] writeObject(Map<String, String> members) {
    return writer.write(members);
  }

  @Override
  public Map<String, Object> readObject(byte[] json) {
    return reader.read(json);
  }

  @Override
  public String toString() {
    return "JsonCodec[jsonb]";
  }

  /** Builds the codec when first asked for. */
  private static final class Holder {
    static final JsonbCodec INSTANCE = new JsonbCodec();
  }
}
