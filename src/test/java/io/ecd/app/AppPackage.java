package io.ecd.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ecd.testing.Launch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code ./package.sh --no-build} of this repository into folders of the test's choosing. */
final class AppPackage {
  static final String APP_ID = "email_collection_detections";

  private AppPackage() {}

  /** The pom's version (system property {@code ecd.version}, set by Surefire and Failsafe). */
  static String version() {
    String v = System.getProperty("ecd.version");
    if (v == null) {
      throw new IllegalStateException("system property ecd.version is not set; run the tests through Maven");
    }
    return v;
  }

  /**
   * Builds the package into {@code out}, staging under {@code stage}.
   *
   * @param jar the jar to ship, or null for the one {@code mvn package} built
   * @param epoch SOURCE_DATE_EPOCH
   * @return the path package.sh printed
   */
  static Path build(Path jar, Path out, Path stage, long epoch) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("bash", Launch.projectDir().resolve("package.sh").toString(),
        "--no-build", "--out", out.toString(), "--stage", stage.toString()));
    if (jar != null) {
      cmd.addAll(List.of("--jar", jar.toString()));
    }
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.PIPE);
    pb.environment().put("SOURCE_DATE_EPOCH", Long.toString(epoch));
    Process p = pb.start();
    p.getOutputStream().close();
    String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("package.sh did not finish within 120 s");
    }
    assertEquals(0, p.exitValue(), () -> "package.sh failed:\n" + stderr);
    return Path.of(stdout.strip());
  }
}
