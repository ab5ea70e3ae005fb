package io.ecd.protocol;

import io.ecd.testing.Launch;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The bad-input cases of the app's commands, replayed against the shaded jar as splunkd runs it. */
class BadInputCorpusJarIT {

  static Stream<String> appCases() throws IOException {
    return BadInputCorpusTest.cases(true);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("appCases")
  void builtJarEndsWithOneReadableErrorWithinASecond(String name) throws IOException {
    String command = BadInputCorpusTest.expectation(name).getProperty("command");
    BadInputCorpusTest.replay(name, Launch.jar(command));
  }
}
