package io.ecd.protocol;

import io.ecd.testing.Launch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input cases of the app's commands, replayed as splunkd runs them: the app's launcher
 * script ({@code app/bin/<command>.sh}) starting the shaded jar from {@code bin/lib/}.
 */
class BadInputCorpusJarIT {
  @TempDir
  static Path app;

  @BeforeAll
  static void installLaunchersAndJar() throws IOException {
    Path bin = Files.createDirectories(app.resolve("bin/lib"));
    try (Stream<Path> scripts = Files.list(Launch.projectDir().resolve("app/bin"))) {
      for (Path s : scripts.filter(p -> p.toString().endsWith(".sh")).toList()) {
        Files.copy(s, app.resolve("bin").resolve(s.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Files.copy(Launch.builtJar(), bin.resolve(Launch.builtJar().getFileName()));
  }

  static Stream<String> appCases() throws IOException {
    return BadInputCorpusTest.cases(true);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("appCases")
  void launcherEndsWithOneReadableErrorWithinASecond(String name) throws IOException {
    String command = BadInputCorpusTest.expectation(name).getProperty("command");
    BadInputCorpusTest.replay(name, List.of("sh", app.resolve("bin/" + command + ".sh").toString()));
  }
}
