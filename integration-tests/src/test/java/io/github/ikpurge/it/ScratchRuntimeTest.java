package io.github.ikpurge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The scratch image's root file system, checked on the host without Docker: the jlinked runtime
 * starts the simulator, and the libraries ldd lists are in place.
 */
final class ScratchRuntimeTest {

  @Test
  void anLddLineNamesTheLibraryItResolvesTo() {
    assertThat(
            ScratchRuntime.libraryOf(
                "libz.so.1 => /lib/x86_64-linux-gnu/libz.so.1 (0x00007f0e1c9a4000)"))
        .isEqualTo(Path.of("/lib/x86_64-linux-gnu/libz.so.1"));
    assertThat(ScratchRuntime.libraryOf("/lib64/ld-linux-x86-64.so.2 (0x00007f0e1cbd6000)"))
        .isEqualTo(Path.of("/lib64/ld-linux-x86-64.so.2"));
    assertThat(ScratchRuntime.libraryOf("linux-vdso.so.1 (0x00007ffd4b7e9000)")).isNull();
    assertThat(ScratchRuntime.libraryOf("/opt/jre/bin/java:")).isNull();
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void theJlinkedRuntimeHoldsTheSimulatorsModulesAndLibrariesAndStartsIt() throws Exception {
    assumeTrue(
        System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux"),
        "the scratch runtime is built on Linux hosts only");
    ItSettings settings = ItSettings.current();
    Path jar = settings.simulatorJar();
    assumeTrue(Files.isRegularFile(jar), "run through Maven, which copies the simulator's jar");

    ScratchRuntime runtime =
        ScratchRuntime.build(settings.workDir().resolveSibling("scratch-runtime-test"), jar);

    assertThat(runtime.modules()).containsAll(ScratchRuntime.BASE_MODULES);
    assertThat(runtime.libraries())
        .anySatisfy(library -> assertThat(library.toString()).contains("ld-linux"))
        .anySatisfy(library -> assertThat(library.getFileName().toString()).startsWith("libc."));
    for (Path library : runtime.libraries()) {
      assertThat(runtime.rootfs().resolve(library.toString().substring(1))).isRegularFile();
    }
    Process simulator =
        new ProcessBuilder(
                List.of(
                    runtime.java().toString(),
                    "-XX:-UsePerfData",
                    "-jar",
                    jar.toString(),
                    "--port",
                    "0",
                    "--control-port",
                    "0"))
            .redirectErrorStream(true)
            .start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(simulator.getInputStream(), StandardCharsets.UTF_8))) {
      // The JVM may warn first; the simulator's last line says it listens.
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        lines.add(line);
        if (line.startsWith("ImageKit simulator listening on ") || lines.size() > 20) {
          break;
        }
      }
    } finally {
      simulator.destroy();
      simulator.waitFor(10, TimeUnit.SECONDS);
    }
    assertThat(lines)
        .anySatisfy(line -> assertThat(line).startsWith("Control endpoint listening on port "))
        .last()
        .asString()
        .startsWith("ImageKit simulator listening on http://127.0.0.1:");
  }
}
