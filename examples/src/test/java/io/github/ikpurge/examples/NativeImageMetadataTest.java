package io.github.ikpurge.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ikpurge.json.BuiltInJsonCodec;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The native-image metadata each published module ships names classes, constructors and resources
 * that exist: a wrong name there breaks native builds for users, silently until they run.
 */
class NativeImageMetadataTest {

  private static final Pattern LITERAL = Pattern.compile("\\\\Q(.*)\\\\E");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ikpurge-core",
        "ikpurge-transport-jdk",
        "ikpurge-transport-apache",
        "ikpurge-transport-feign",
        "ikpurge-json-jsonb",
        "ikpurge-testkit"
      })
  void everyNameInAModulesMetadataExists(String artifact) throws Exception {
    String folder = "META-INF/native-image/io.github.ikpurge/" + artifact + "/";
    List<URL> reflect = resources(folder + "reflect-config.json");
    List<URL> resource = resources(folder + "resource-config.json");
    assertThat(reflect.size() + resource.size()).as("metadata files of %s", artifact).isPositive();

    for (URL file : reflect) {
      for (Object entry : array(file)) {
        Map<?, ?> type = (Map<?, ?>) entry;
        Class<?> named = Class.forName((String) type.get("name"), false, loader());
        Object methods = type.get("methods");
        for (Object method : methods instanceof List<?> list ? list : List.of()) {
          Map<?, ?> signature = (Map<?, ?>) method;
          Class<?>[] parameters =
              ((List<?>) signature.get("parameterTypes"))
                  .stream().map(name -> load((String) name)).toArray(Class<?>[]::new);
          if ("<init>".equals(signature.get("name"))) {
            assertThat(named.getDeclaredConstructor(parameters)).isNotNull();
          } else {
            assertThat(named.getDeclaredMethod((String) signature.get("name"), parameters))
                .isNotNull();
          }
        }
      }
    }
    for (URL file : resource) {
      Map<?, ?> config = BuiltInJsonCodec.create().readObject(read(file));
      for (Object include : (List<?>) ((Map<?, ?>) config.get("resources")).get("includes")) {
        String pattern = (String) ((Map<?, ?>) include).get("pattern");
        Matcher literal = LITERAL.matcher(pattern);
        assertThat(literal.matches()).as("only literal patterns are checked: %s", pattern).isTrue();
        assertThat(loader().getResource(literal.group(1)))
            .as("resource %s", literal.group(1))
            .isNotNull();
      }
    }
  }

  private static ClassLoader loader() {
    return NativeImageMetadataTest.class.getClassLoader();
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name, false, loader());
    } catch (ClassNotFoundException e) {
      throw new AssertionError("no class " + name, e);
    }
  }

  private static List<URL> resources(String name) throws IOException {
    return new ArrayList<>(Collections.list(loader().getResources(name)));
  }

  private static byte[] read(URL file) throws IOException {
    try (InputStream in = file.openStream()) {
      return in.readAllBytes();
    }
  }

  /** Reads a JSON array with the SDK's codec, which reads objects, by wrapping it in one. */
  private static List<?> array(URL file) throws IOException {
    byte[] wrapped =
        ("{\"entries\":" + new String(read(file), StandardCharsets.UTF_8) + "}")
            .getBytes(StandardCharsets.UTF_8);
    return (List<?>) BuiltInJsonCodec.create().readObject(wrapped).get("entries");
  }
}
