package io.ecd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecd.testing.Launch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The shaded jar as built by {@code mvn package}, run as {@code java -jar}. */
class MainJarIT {

  private record Result(int exit, String stdout, String stderr) {}

  private static Result run(String... args) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(Launch.jar(args)).redirectInput(ProcessBuilder.Redirect.PIPE).start();
    p.getOutputStream().close();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void noArgumentsIsAUsageErrorOnStderrOnly() throws Exception {
    Result r = run();
    assertEquals(2, r.exit());
    assertEquals("", r.stdout());
    assertTrue(r.stderr().startsWith("usage: java -jar email_collection_detections.jar"), r.stderr());
  }

  @Test
  void unknownCommandIsAUsageError() throws Exception {
    Result r = run("frobnicate");
    assertEquals(2, r.exit());
    assertTrue(r.stderr().contains("unknown command 'frobnicate'"), r.stderr());
  }

  @Test
  void versionComesFromThePom() throws Exception {
    Result r = run("--version");
    assertEquals(0, r.exit());
    assertTrue(r.stdout().matches("email_collection_detections \\d+\\.\\d+\\.\\d+\\S*\\n"), r.stdout());
  }

  @Test
  void jarHoldsTheSplunkSdkAndTheLibrariesItNeeds() throws Exception {
    try (var jar = new java.util.jar.JarFile(Launch.builtJar().toFile())) {
      for (String cls : List.of("com/splunk/Service.class", "com/splunk/HttpService.class",
          "com/google/gson/Gson.class", "de/siegmar/fastcsv/reader/CsvReader.class",
          "io/ecd/cli/Main.class")) {
        assertTrue(jar.getEntry(cls) != null, cls);
      }
      assertEquals("io.ecd.cli.Main", jar.getManifest().getMainAttributes().getValue("Main-Class"));
    }
  }
}
