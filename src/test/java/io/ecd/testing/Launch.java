package io.ecd.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Command lines for the process under test. */
public final class Launch {
  private Launch() {}

  /** The java binary of the running JVM. */
  public static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** {@code java -cp <this test classpath> <mainClass> args}: test-only commands, during unit tests. */
  public static List<String> classpath(Class<?> mainClass, String... args) {
    List<String> cmd = new ArrayList<>(List.of(java(), "-Xshare:auto", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), mainClass.getName()));
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** {@code java -jar <the built jar> args}; the jar path comes from system property ecd.jar. */
  public static List<String> jar(String... args) {
    List<String> cmd = new ArrayList<>(List.of(java(), "-jar", builtJar().toString()));
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** The jar {@code mvn package} built (system property {@code ecd.jar}, set by Failsafe). */
  public static Path builtJar() {
    String p = System.getProperty("ecd.jar");
    if (p == null) {
      p = Path.of(projectDir().toString(), "target", "email_collection_detections.jar").toString();
    }
    Path jar = Path.of(p);
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("no built jar at " + jar + "; run mvn package first");
    }
    return jar;
  }

  /** The repository root. */
  public static Path projectDir() {
    return Path.of(System.getProperty("ecd.project.dir", System.getProperty("user.dir")));
  }

  /** {@code ../shared} beside the repository. */
  public static Path sharedDir() {
    return Path.of(System.getProperty("ecd.shared.dir", projectDir().resolve("../shared").toString()))
        .normalize();
  }
}
