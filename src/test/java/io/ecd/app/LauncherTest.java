package io.ecd.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecd.testing.Chunks;
import io.ecd.testing.Launch;
import io.ecd.testing.Reply;
import io.ecd.testing.SplunkdHarness;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The launchers in app/bin, run by the shells a search head may have, against stand-in java
 * programs that record how they were called. The real JVM behind the launcher is exercised by
 * {@code PackageInstallIT}.
 */
class LauncherTest {
  private static final List<String> DEFAULT_OPTS = List.of("-XX:+DisplayVMOutputToStderr",
      "-Xlog:disable", "-Xlog:all=warning:stderr", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData");
  /** Each command's own options, before the user's ECD_JAVA_OPTS so that those still win. */
  private static final Map<String, List<String>> COMMAND_OPTS =
      Map.of("stdevoutlier", List.of("-XX:TieredStopAtLevel=4"), "mailboxcollection",
      List.of("-Xmx384m", "-XX:+UseTransparentHugePages", "-XX:PretenureSizeThreshold=1m",
          "-Xmn48m", "-XX:SurvivorRatio=4"));

  @TempDir Path tmp;
  Path bin;
  Path jar;
  Path argsFile;
  Path emptyPath;

  @BeforeEach
  void installLaunchers() throws IOException {
    bin = tmp.resolve("etc/apps/" + AppPackage.APP_ID + "/bin");
    copyLaunchers(bin);
    jar = bin.resolve("lib/" + AppPackage.APP_ID + ".jar");
    argsFile = tmp.resolve("java-args.txt");
    emptyPath = Files.createDirectories(tmp.resolve("empty-path"));
  }

  private static void copyLaunchers(Path bin) throws IOException {
    Files.createDirectories(bin.resolve("lib"));
    try (Stream<Path> files = Files.list(Launch.projectDir().resolve("app/bin"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".sh")).toList()) {
        Files.copy(f, bin.resolve(f.getFileName()));
        Files.setPosixFilePermissions(bin.resolve(f.getFileName()), PosixFilePermissions.fromString("rwxr-xr-x"));
      }
    }
    Files.write(bin.resolve("lib/" + AppPackage.APP_ID + ".jar"), new byte[0]);
  }

  /** The POSIX shells on this machine that can run the launchers. */
  static List<List<String>> shells() {
    List<List<String>> shells = new ArrayList<>();
    shells.add(List.of("/bin/sh"));
    for (String s : List.of("/bin/dash", "/usr/bin/dash", "/bin/bash", "/usr/bin/busybox")) {
      if (Files.isExecutable(Path.of(s))) {
        shells.add(s.endsWith("bash") ? List.of(s, "--posix") : s.endsWith("busybox") ? List.of(s, "sh") : List.of(s));
      }
    }
    return shells;
  }

  /** A stand-in JDK: bin/java records its arguments; {@code release} says {@code version} (null: no file). */
  private Path fakeJdk(String name, String releaseVersion, String versionOutput) throws IOException {
    Path home = tmp.resolve(name);
    Files.createDirectories(home.resolve("bin"));
    String script = "#!/bin/sh\n"
        + "case \" $* \" in *' -version '*) printf '%s\\n' '" + versionOutput + "' >&2; exit 0 ;; esac\n"
        + "for a in \"$@\"; do printf '%s\\n' \"$a\"; done > '" + argsFile + "'\n"
        + "exit 0\n";
    Files.writeString(home.resolve("bin/java"), script);
    Files.setPosixFilePermissions(home.resolve("bin/java"), PosixFilePermissions.fromString("rwxr-xr-x"));
    if (releaseVersion != null) {
      Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + releaseVersion + "\"\n");
    }
    return home;
  }

  private Map<String, String> env(String... kv) {
    Map<String, String> env = new HashMap<>();
    env.put("JAVA_HOME", "");
    env.put("ECD_JAVA_HOME", "");
    env.put("ECD_JAVA_OPTS", "");
    env.put("ECD_CDS", "");
    env.put("SPLUNK_HOME", "");
    env.put("JAVA_TOOL_OPTIONS", "");
    env.put("JDK_JAVA_OPTIONS", "");
    env.put("PATH", emptyPath.toString());
    for (int i = 0; i < kv.length; i += 2) {
      env.put(kv[i], kv[i + 1]);
    }
    return env;
  }

  private record Run(int exit, String stdout, String stderr) {}

  /** Runs a launcher with stdin closed at once, the way a test of the happy path needs. */
  private Run run(List<String> shell, String launcher, Map<String, String> env, Path cwd) throws Exception {
    List<String> cmd = new ArrayList<>(shell);
    cmd.add(launcher);
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    return new Run(p.exitValue(), out, err);
  }

  private List<String> javaArgs() throws IOException {
    assertTrue(Files.exists(argsFile), "java was not started");
    return Files.readAllLines(argsFile);
  }

  private List<String> expectedArgs(List<String> extraOpts, Path jarPath, String command) {
    List<String> args = new ArrayList<>(DEFAULT_OPTS);
    args.addAll(COMMAND_OPTS.getOrDefault(command, List.of()));
    args.addAll(extraOpts);
    args.addAll(List.of("-jar", jarPath.toString(), command));
    return args;
  }

  /** Drives one getinfo through the launcher and returns the reply, expecting exit 1. */
  private Reply errorReply(List<String> shell, String launcher, Map<String, String> env) {
    List<String> cmd = new ArrayList<>(shell);
    cmd.add(bin.resolve(launcher).toString());
    try (SplunkdHarness splunkd = SplunkdHarness.start(cmd, env, tmp, Duration.ofSeconds(20))) {
      Reply reply = splunkd.getinfo(launcher.replace(".sh", ""), "field=bytes_out");
      assertTrue(reply.finished(), reply.metadataText());
      assertEquals("streaming", reply.metadata().get("type").getAsString());
      assertEquals(0, reply.frame().body().length);
      splunkd.finishWith(1);
      splunkd.assertSessionKeyNeverShown();
      assertEquals(1, reply.messages().size(), reply.messages().toString());
      assertTrue(splunkd.stderr().contains(reply.messages().get(0).substring("ERROR: ".length())), splunkd.stderr());
      return reply;
    }
  }

  @ParameterizedTest
  @MethodSource("shells")
  void answersGetinfoWithAnErrorFrameWhenNoJavaIsFound(List<String> shell) {
    Reply reply = errorReply(shell, "mailboxcollection.sh", env());
    assertEquals("ERROR: mailboxcollection: Java 17 or later is required, but no java was found on the PATH and "
        + "JAVA_HOME is not set. Install Java 17+ on this host, or set JAVA_HOME in "
        + "$SPLUNK_HOME/etc/splunk-launch.conf, and restart Splunk.", reply.messages().get(0));
  }

  @ParameterizedTest
  @MethodSource("shells")
  void answersWithAnErrorFrameWhenJavaHomeHoldsJava11(List<String> shell) throws Exception {
    Path home = fakeJdk("jdk11", "11.0.22", "unused");
    Reply reply = errorReply(shell, "stdevoutlier.sh", env("JAVA_HOME", home.toString()));
    assertTrue(reply.messages().get(0).startsWith("ERROR: stdevoutlier: Java 17 or later is required, but "
        + home + "/bin/java (found through JAVA_HOME=" + home + ") is Java 11.0.22."), reply.messages().get(0));
    assertFalse(Files.exists(argsFile), "an old java must not be started");
  }

  @Test
  void recognisesJava8VersionStringsAsTooOld() throws Exception {
    Path home = fakeJdk("jdk8", "1.8.0_392", "unused");
    Reply reply = errorReply(List.of("/bin/sh"), "stdevoutlier.sh", env("JAVA_HOME", home.toString()));
    assertTrue(reply.messages().get(0).contains("is Java 1.8.0_392."), reply.messages().get(0));
  }

  @Test
  void asksJavaForItsVersionWhenThereIsNoReleaseFile() throws Exception {
    Path home = fakeJdk("jre11", null, "openjdk version \"11.0.2\" 2019-01-15");
    Path pathDir = Files.createDirectories(tmp.resolve("path-bin"));
    Files.createSymbolicLink(pathDir.resolve("java"), home.resolve("bin/java"));
    Reply reply = errorReply(List.of("/bin/sh"), "mailboxcollection.sh",
        env("PATH", pathDir + ":/usr/bin:/bin"));
    assertTrue(reply.messages().get(0).contains("(found through PATH) is Java 11.0.2."), reply.messages().get(0));
  }

  @Test
  void quotesAndBackslashesInTheMessageStayValidJson() throws Exception {
    Reply reply = errorReply(List.of("/bin/sh"), "mailboxcollection.sh", env("JAVA_HOME", tmp + "/no\"such\\jdk"));
    assertTrue(reply.messages().get(0).contains("JAVA_HOME=" + tmp + "/no\"such\\jdk has no executable bin/java"),
        reply.messages().get(0));
  }

  @Test
  void reportsAMissingJarWithAnErrorFrame() throws Exception {
    Files.delete(jar);
    Path home = fakeJdk("jdk17", "17.0.15", "unused");
    Reply reply = errorReply(List.of("/bin/sh"), "stdevoutlier.sh", env("JAVA_HOME", home.toString()));
    assertEquals("ERROR: stdevoutlier: the app's jar is missing: " + jar + ". Reinstall the app.",
        reply.messages().get(0));
  }

  @Test
  void skipsTheWholeGetinfoRequestBeforeAnswering() throws Exception {
    List<String> cmd = List.of("/bin/sh", bin.resolve("stdevoutlier.sh").toString());
    Path tools = Files.createDirectories(tmp.resolve("tools"));
    for (String tool : List.of("dd", "head")) {
      for (String dir : List.of("/bin/", "/usr/bin/")) {
        if (Files.isExecutable(Path.of(dir + tool)) && !Files.exists(tools.resolve(tool))) {
          Files.copy(Path.of(dir + tool), tools.resolve(tool));
          Files.setPosixFilePermissions(tools.resolve(tool), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
      }
    }
    try (SplunkdHarness splunkd = SplunkdHarness.start(cmd, env("PATH", tools.toString()), tmp,
        Duration.ofSeconds(20))) {
      // a getinfo with a body, as a larger metadata block would arrive
      Reply reply = splunkd.request(Chunks.frame(Chunks.getinfoMetadata("stdevoutlier", "/tmp/d", "x=ä"),
          "ignored body".getBytes(StandardCharsets.UTF_8)));
      assertTrue(reply.finished());
      splunkd.finishWith(1);
    }
  }

  @ParameterizedTest
  @MethodSource("shells")
  void execsJavaHomesJavaWithTheDefaultsThenEcdJavaOptsThenTheJarAndCommand(List<String> shell) throws Exception {
    Path home = fakeJdk("jdk17", "17.0.15", "unused");
    Run r = run(shell, bin.resolve("mailboxcollection.sh").toString(),
        env("JAVA_HOME", home.toString(), "ECD_JAVA_OPTS", "-Xmx1g  -Dx=*"), tmp);
    assertEquals(0, r.exit(), r.stderr());
    assertEquals("", r.stdout());
    assertEquals("", r.stderr());
    assertEquals(expectedArgs(List.of("-Xmx1g", "-Dx=*"), jar, "mailboxcollection"), javaArgs());
  }

  @Test
  void ecdJavaHomeWinsOverJavaHome() throws Exception {
    Path old = fakeJdk("jdk11", "11.0.22", "unused");
    Path mine = fakeJdk("jdk21", "21.0.5", "unused");
    Run r = run(List.of("/bin/sh"), bin.resolve("stdevoutlier.sh").toString(),
        env("JAVA_HOME", old.toString(), "ECD_JAVA_HOME", mine.toString()), tmp);
    assertEquals(0, r.exit(), r.stderr());
    assertEquals(expectedArgs(List.of(), jar, "stdevoutlier"), javaArgs());
  }

  @Test
  void findsJavaOnThePathThroughSymlinksToItsReleaseFile() throws Exception {
    Path home = fakeJdk("jdk25", "25", "unused");
    Path pathDir = Files.createDirectories(tmp.resolve("usr-bin"));
    Path alternatives = Files.createDirectories(tmp.resolve("alternatives"));
    Files.createSymbolicLink(alternatives.resolve("java"), home.resolve("bin/java"));
    Files.createSymbolicLink(pathDir.resolve("java"), alternatives.resolve("java"));
    Run r = run(List.of("/bin/sh"), bin.resolve("stdevoutlier.sh").toString(),
        env("PATH", pathDir + ":/usr/bin:/bin"), tmp);
    assertEquals(0, r.exit(), r.stderr());
    assertEquals(expectedArgs(List.of(), jar, "stdevoutlier"), javaArgs());
  }

  @Test
  void findsTheJarRelativeToItselfInAKnowledgeBundle() throws Exception {
    Path bundleBin = tmp.resolve("var/run/searchpeers/sh1-1700000000/apps/" + AppPackage.APP_ID + "/bin");
    copyLaunchers(bundleBin);
    Path home = fakeJdk("jdk17", "17.0.15", "unused");
    Run r = run(List.of("/bin/sh"), bundleBin.resolve("mailboxcollection.sh").toString(),
        env("JAVA_HOME", home.toString()), Files.createDirectories(tmp.resolve("dispatch/1.2")));
    assertEquals(0, r.exit(), r.stderr());
    assertEquals(expectedArgs(List.of(), bundleBin.resolve("lib/" + AppPackage.APP_ID + ".jar"),
        "mailboxcollection"), javaArgs());
  }

  @Test
  void worksWhenStartedByARelativePath() throws Exception {
    Path home = fakeJdk("jdk17", "17.0.15", "unused");
    Run r = run(List.of("/bin/sh"), "bin/stdevoutlier.sh", env("JAVA_HOME", home.toString()), bin.getParent());
    assertEquals(0, r.exit(), r.stderr());
    assertEquals(expectedArgs(List.of(), Path.of("bin/lib/" + AppPackage.APP_ID + ".jar"), "stdevoutlier"),
        javaArgs());
  }

  @Test
  void sharedPartRefusesToRunOnItsOwn() throws Exception {
    Run r = run(List.of("/bin/sh"), bin.resolve("ecd_java.sh").toString(), env(), tmp);
    assertEquals(2, r.exit());
    assertEquals("", r.stdout());
    assertTrue(r.stderr().contains("is sourced by a command launcher"), r.stderr());
  }

  // ---- the class data sharing archive ($SPLUNK_HOME/var/run/<app>/)

  /**
   * A stand-in Java 17 whose every run records its arguments in {@code calls/<pid>.txt}; a run
   * given {@code -XX:ArchiveClassesAtExit=<file>} writes that file when {@code makesArchives}.
   */
  private Path recordingJdk(boolean makesArchives) throws IOException {
    return recordingJdk(makesArchives, "17.0.15");
  }

  /**
   * The same for Java {@code version}; a run given {@code -XX:AOTCacheOutput=<file>} (Java 25's
   * one-step training) also writes that file.
   */
  private Path recordingJdk(boolean makesArchives, String version) throws IOException {
    Path home = tmp.resolve("jdk-recording-" + version);
    Files.createDirectories(home.resolve("bin"));
    Path calls = Files.createDirectories(tmp.resolve("calls"));
    String script = "#!/bin/sh\n"
        + "for a in \"$@\"; do printf '%s\\n' \"$a\"; done > '" + calls + "/'$$.tmp\n"
        + "mv '" + calls + "/'$$.tmp '" + calls + "/'$$.txt\n"
        + (makesArchives ? "for a in \"$@\"; do case $a in -XX:ArchiveClassesAtExit=*|-XX:AOTCacheOutput=*)"
            + " printf 'archive' > \"${a#*=}\" ;; esac; done\n" : "")
        + "exit 0\n";
    Files.writeString(home.resolve("bin/java"), script);
    Files.setPosixFilePermissions(home.resolve("bin/java"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
    return home;
  }

  /** The argument lists of the stand-in's runs so far, training runs (those with "train") apart. */
  private List<List<String>> calls(boolean training) throws IOException {
    List<List<String>> calls = new ArrayList<>();
    try (Stream<Path> files = Files.list(tmp.resolve("calls"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".txt")).toList()) {
        List<String> args = Files.readAllLines(f);
        if (args.contains("train") == training) {
          calls.add(args);
        }
      }
    }
    return calls;
  }

  /** A Splunk home with var/run, as an installed Splunk has. */
  private Path splunkHomeWithVarRun() throws IOException {
    return Files.createDirectories(tmp.resolve("splunk/var/run")).getParent().getParent();
  }

  /** Where the launchers keep their archives under {@code splunkHome}. */
  private static Path archiveDir(Path splunkHome) {
    return splunkHome.resolve("var/run/" + AppPackage.APP_ID);
  }

  /** Runs {@code bin/<launcher>} with /bin/sh from {@code tmp}, stdin closed at once. */
  private Run launch(String launcher, Map<String, String> env) throws Exception {
    return run(List.of("/bin/sh"), bin.resolve(launcher).toString(), env, tmp);
  }

  private Map<String, String> cdsEnv(Path home, Path splunkHome, String... more) {
    Map<String, String> env = env("JAVA_HOME", home.toString(), "SPLUNK_HOME", splunkHome.toString(),
        "PATH", "/usr/bin:/bin");
    for (int i = 0; i < more.length; i += 2) {
      env.put(more[i], more[i + 1]);
    }
    return env;
  }

  private static void await(java.util.function.BooleanSupplier done, String what) throws InterruptedException {
    for (int i = 0; i < 200 && !done.getAsBoolean(); i++) {
      Thread.sleep(50);
    }
    assertTrue(done.getAsBoolean(), what);
  }

  /** True when {@code dir} holds {@code n} archives and nothing else (no lock, no temporary file). */
  private static boolean archivesOnly(Path dir, int n) {
    return archivesOnly(dir, n, ".jsa");
  }

  /** The same for archives whose names end in {@code extension}. */
  private static boolean archivesOnly(Path dir, int n, String extension) {
    List<Path> files = filesIn(dir);
    return files.size() == n && files.stream().allMatch(f -> f.toString().endsWith(extension));
  }

  private static List<Path> filesIn(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  @Test
  void recordsAnArchiveOnceInTheBackgroundThenMapsIt() throws Exception {
    Path home = recordingJdk(true);
    Path splunkHome = splunkHomeWithVarRun();
    Path dir = archiveDir(splunkHome);
    Map<String, String> env = cdsEnv(home, splunkHome, "ECD_JAVA_OPTS", "-Xmx1g");

    Run first = launch("mailboxcollection.sh", env);
    assertEquals(0, first.exit(), first.stderr());
    assertEquals("", first.stdout());
    await(() -> archivesOnly(dir, 1), "one archive and nothing else in " + dir + ": " + filesIn(dir));
    Path archive = filesIn(dir).get(0);
    assertTrue(archive.getFileName().toString().startsWith("mailboxcollection-"), archive.toString());
    assertEquals(List.of(expectedArgs(List.of("-Xmx1g"), jar, "mailboxcollection")), calls(false),
        "the search itself runs at once, without an archive");
    List<String> training = new ArrayList<>(DEFAULT_OPTS);
    training.addAll(COMMAND_OPTS.get("mailboxcollection"));
    // -Xbatch: no method is still queued for the JIT when the archive is written (JDK-8306460)
    training.addAll(List.of("-Xmx1g", "-Xbatch", "-XX:ArchiveClassesAtExit=" + archive + ".tmp."));
    List<List<String>> trainings = calls(true);
    assertEquals(1, trainings.size(), trainings.toString());
    List<String> trained = new ArrayList<>(trainings.get(0));
    trained.set(training.size() - 1, trained.get(training.size() - 1).replaceAll("\\.tmp\\.\\d+$", ".tmp."));
    training.addAll(List.of("-jar", jar.toString(), "train", "mailboxcollection"));
    assertEquals(training, trained);

    forgetSearchCalls();
    Run second = launch("mailboxcollection.sh", env);
    assertEquals(0, second.exit(), second.stderr());
    List<String> mapped = new ArrayList<>(DEFAULT_OPTS);
    mapped.addAll(COMMAND_OPTS.get("mailboxcollection"));
    mapped.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xmx1g", "-jar", jar.toString(),
        "mailboxcollection"));
    assertEquals(List.of(mapped), calls(false), "the archive before ECD_JAVA_OPTS, which still win");
    assertEquals(1, calls(true).size(), "no second training");
  }

  /** Forgets the stand-in's runs that were searches (not trainings). */
  private void forgetSearchCalls() throws IOException {
    try (Stream<Path> files = Files.list(tmp.resolve("calls"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".txt")).toList()) {
        if (!Files.readAllLines(f).contains("train")) {
          Files.delete(f);
        }
      }
    }
  }

  @Test
  void anotherJavaOptionGetsItsOwnArchive() throws Exception {
    Path home = recordingJdk(true);
    Path splunkHome = splunkHomeWithVarRun();
    Path dir = archiveDir(splunkHome);
    launch("stdevoutlier.sh", cdsEnv(home, splunkHome));
    await(() -> archivesOnly(dir, 1), "the first archive in " + dir + ": " + filesIn(dir));
    launch("stdevoutlier.sh", cdsEnv(home, splunkHome, "ECD_JAVA_OPTS", "-Xmx2g"));
    await(() -> archivesOnly(dir, 2), "a second archive in " + dir + ": " + filesIn(dir));
    assertEquals(2, calls(true).size());
  }

  @Test
  void aTrainingThatMakesNoArchiveIsNotTriedAgain() throws Exception {
    Path home = recordingJdk(false);
    Path splunkHome = splunkHomeWithVarRun();
    Path dir = archiveDir(splunkHome);
    launch("stdevoutlier.sh", cdsEnv(home, splunkHome));
    // one listing per look: two could see the lock alone, then the lock and the marker
    await(() -> archivesOnly(dir, 1, ".jsa.failed"), "only a marker in " + dir + ": " + filesIn(dir));
    Run again = launch("stdevoutlier.sh", cdsEnv(home, splunkHome));
    assertEquals(0, again.exit(), again.stderr());
    Thread.sleep(300);
    assertEquals(1, calls(true).size(), "one training only");
    assertEquals(2, calls(false).size());
    for (List<String> call : calls(false)) {
      assertEquals(expectedArgs(List.of(), jar, "stdevoutlier"), call);
    }
  }

  @Test
  void aTrainingLockOlderThanTenMinutesIsTakenOverAndAYoungOneIsLeftAlone() throws Exception {
    Path home = recordingJdk(true);
    Path splunkHome = splunkHomeWithVarRun();
    Path dir = Files.createDirectories(archiveDir(splunkHome));
    launch("stdevoutlier.sh", cdsEnv(home, splunkHome));
    await(() -> archivesOnly(dir, 1), "an archive in " + dir);
    Path archive = filesIn(dir).get(0);
    Files.delete(archive);
    Path lock = Files.createDirectory(Path.of(archive + ".lock"));
    Path leftover = Files.writeString(Path.of(archive + ".tmp.4242"), "half an archive");

    launch("stdevoutlier.sh", cdsEnv(home, splunkHome));
    Thread.sleep(300);
    assertEquals(1, calls(true).size(), "a young lock: another training is under way");

    Files.setLastModifiedTime(lock, java.nio.file.attribute.FileTime.fromMillis(
        System.currentTimeMillis() - Duration.ofMinutes(11).toMillis()));
    launch("stdevoutlier.sh", cdsEnv(home, splunkHome));
    await(() -> filesIn(dir).equals(List.of(archive)), "the archive again, lock and leftover gone: " + filesIn(dir));
    assertFalse(Files.exists(leftover));
    assertEquals(2, calls(true).size());
  }

  @Test
  void noArchiveWhenEcdCdsIs0OrSplunkHomeHasNoVarRun() throws Exception {
    Path home = recordingJdk(true);
    Path splunkHome = splunkHomeWithVarRun();
    launch("mailboxcollection.sh", cdsEnv(home, splunkHome, "ECD_CDS", "0"));
    Path bare = Files.createDirectories(tmp.resolve("bare-splunk"));
    launch("mailboxcollection.sh", cdsEnv(home, bare));
    Thread.sleep(300);
    assertEquals(List.of(), calls(true));
    assertEquals(List.of(), filesIn(splunkHome.resolve("var/run")));
    assertEquals(List.of(), filesIn(bare));
    assertEquals(2, calls(false).size());
  }
  @Test
  void onJava25TheArchiveIsAnAotCacheRecordedAndUsedWithTheAotOptions() throws Exception {
    Path home = recordingJdk(true, "25.0.1");
    Path splunkHome = splunkHomeWithVarRun();
    Path dir = archiveDir(splunkHome);
    Map<String, String> env = cdsEnv(home, splunkHome);

    Run first = launch("stdevoutlier.sh", env);
    assertEquals(0, first.exit(), first.stderr());
    await(() -> archivesOnly(dir, 1, ".aot"), "one AOT cache and nothing else in " + dir + ": " + filesIn(dir));
    Path cache = filesIn(dir).get(0);
    assertTrue(cache.getFileName().toString().matches("stdevoutlier-\\d+\\.aot"), cache.toString());
    List<List<String>> trainings = calls(true);
    assertEquals(1, trainings.size(), trainings.toString());
    assertTrue(trainings.get(0).stream().anyMatch(a -> a.startsWith("-XX:AOTCacheOutput=" + cache + ".tmp.")),
        trainings.toString());
    assertTrue(trainings.get(0).stream().noneMatch(a -> a.startsWith("-Xshare") || a.contains("ArchiveClassesAtExit")),
        "Java 25 refuses -XX:AOTCacheOutput beside -Xshare: " + trainings);
    assertTrue(trainings.get(0).stream().noneMatch("-Xbatch"::equals),
        "from Java 21 on an archive does not keep methods queued for the JIT: " + trainings);

    forgetSearchCalls();
    Run second = launch("stdevoutlier.sh", env);
    assertEquals(0, second.exit(), second.stderr());
    List<String> used = new ArrayList<>(DEFAULT_OPTS);
    used.addAll(COMMAND_OPTS.get("stdevoutlier"));
    used.addAll(List.of("-XX:AOTCache=" + cache, "-jar", jar.toString(), "stdevoutlier"));
    assertEquals(List.of(used), calls(false));
  }

  @Test
  void javaBefore25KeepsTheClassDataSharingArchive() throws Exception {
    Path home = recordingJdk(true, "21.0.5");
    Path splunkHome = splunkHomeWithVarRun();
    Path dir = archiveDir(splunkHome);
    launch("stdevoutlier.sh", cdsEnv(home, splunkHome));
    await(() -> archivesOnly(dir, 1, ".jsa"), "one .jsa archive in " + dir + ": " + filesIn(dir));
    assertTrue(calls(true).get(0).stream().anyMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit=")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"-Xshare:off", "-Xmx1g -Xshare:on", "-XX:SharedArchiveFile=/opt/mine.jsa",
      "-XX:AOTCache=/opt/mine.aot", "-XX:AOTMode=off", "-XX:ArchiveClassesAtExit=/tmp/x.jsa",
      "-XX:SharedClassListFile=/opt/classes.lst",
      "-XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=/opt/auto.jsa"})
  void classDataSharingOptionsOfTheUsersOwnLeaveSharingToThem(String opts) throws Exception {
    Path home = recordingJdk(true, "25.0.1");
    Path splunkHome = splunkHomeWithVarRun();
    Run run = launch("mailboxcollection.sh", cdsEnv(home, splunkHome, "ECD_JAVA_OPTS", opts));
    assertEquals(0, run.exit(), run.stderr());
    Thread.sleep(300);
    assertEquals(List.of(), calls(true), "no training");
    assertEquals(List.of(), filesIn(splunkHome.resolve("var/run")));
    assertEquals(List.of(expectedArgs(List.of(opts.split(" ")), jar, "mailboxcollection")), calls(false),
        "no archive option beside the user's (the JVM would refuse to start)");
  }

  @Test
  void sharingOptionsInTheJvmsOwnEnvironmentVariablesAlsoLeaveSharingToThem() throws Exception {
    Path home = recordingJdk(true, "25.0.1");
    Path splunkHome = splunkHomeWithVarRun();
    launch("stdevoutlier.sh", cdsEnv(home, splunkHome, "JDK_JAVA_OPTIONS", "-Xshare:off"));
    launch("stdevoutlier.sh", cdsEnv(home, splunkHome, "JAVA_TOOL_OPTIONS", "-Xmx1g -XX:AOTMode=off"));
    Thread.sleep(300);
    assertEquals(List.of(), calls(true), "no training");
    assertEquals(List.of(), filesIn(splunkHome.resolve("var/run")));
    assertEquals(2, calls(false).size());
    for (List<String> call : calls(false)) {
      assertEquals(expectedArgs(List.of(), jar, "stdevoutlier"), call);
    }
  }
}
