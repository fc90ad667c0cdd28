package io.github.ikpurge.internal;

import io.github.ikpurge.json.BuiltInJsonCodec;
import io.github.ikpurge.spi.HttpTransport;
import io.github.ikpurge.spi.JsonCodec;
import io.github.ikpurge.spi.JsonCodecProvider;
import io.github.ikpurge.spi.TransportOptions;
import io.github.ikpurge.spi.TransportProvider;
import java.util.Map;
import java.util.function.Function;

/** Providers for discovery tests; they are listed in service files the tests write. */
final class FakeProviders {

  private FakeProviders() {}

  abstract static class Named implements TransportProvider {
    private final String name;
    private final int priority;

    Named(String name, int priority) {
      this.name = name;
      this.priority = priority;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public int priority() {
      return priority;
    }

    @Override
    public String artifact() {
      return "test:" + name;
    }

    @Override
    public HttpTransport create(TransportOptions options) {
      throw new UnsupportedOperationException("discovery tests create no transport");
    }
  }

  /** A provider of this name whose transports {@code create} makes, for tests of the client. */
  static TransportProvider creating(String name, Function<TransportOptions, HttpTransport> create) {
    return new Named(name, 0) {
      @Override
      public HttpTransport create(TransportOptions options) {
        return create.apply(options);
      }
    };
  }

  /** The highest priority. */
  public static final class Apache extends Named {
    public Apache() {
      super("apache", 300);
    }
  }

  /** The middle priority. */
  public static final class Jdk extends Named {
    public Jdk() {
      super("jdk", 200);
    }
  }

  /** The lowest priority. */
  public static final class Feign extends Named {
    public Feign() {
      super("feign", 100);
    }
  }

  /** A codec provider that hands out the built-in codec under another name. */
  public static final class OtherCodec implements JsonCodecProvider {
    @Override
    public String name() {
      return "other";
    }

    @Override
    public int priority() {
      return 50;
    }

    @Override
    public JsonCodec create() {
      return BuiltInJsonCodec.create();
    }
  }

  /** A codec provider whose codec cannot be made, as when its library is missing. */
  public static final class BrokenCodec implements JsonCodecProvider {
    @Override
    public String name() {
      return "broken";
    }

    @Override
    public int priority() {
      return 500;
    }

    @Override
    public JsonCodec create() {
      throw new IllegalStateException("its JSON library is missing");
    }
  }

  /** A codec provider above the other one in priority, whose codec says who made it. */
  public static final class PreferredCodec implements JsonCodecProvider {
    @Override
    public String name() {
      return "preferred";
    }

    @Override
    public int priority() {
      return 100;
    }

    @Override
    public JsonCodec create() {
      JsonCodec builtIn = BuiltInJsonCodec.create();
      return new JsonCodec() {
        @Override
        public String name() {
          return "preferred";
        }

        @Override
        public byte[] writeObject(Map<String, String> members) {
          return builtIn.writeObject(members);
        }

        @Override
        public Map<String, Object> readObject(byte[] json) {
          return builtIn.readObject(json);
        }
      };
    }
  }
}
