package io.ecd.cli;

import io.ecd.commands.mailbox.RemoteEmailCollectionRunner;
import io.ecd.commands.stdev.HighVolumeDetection;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/** {@code detect <detection> [args]}: runs one detection offline on a file of events. */
final class Detect implements Tool {
  /** A detection's offline runner: {@code run(args, out, err)} returning the exit code. */
  @FunctionalInterface
  interface Runner {
    int run(String[] args, PrintStream out, PrintStream err);
  }

  private static final Map<String, Runner> DETECTIONS = new TreeMap<>();

  static {
    // one line per detection
    DETECTIONS.put(RemoteEmailCollectionRunner.NAME, RemoteEmailCollectionRunner::run);
    DETECTIONS.put(HighVolumeDetection.NAME, HighVolumeDetection::run);
  }

  @Override
  public String summary() {
    return "run a detection on a file of events: detect <" + String.join("|", DETECTIONS.keySet())
        + "> --input FILE ...";
  }

  @Override
  public int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
      PrintStream to = args.length == 0 ? err : out;
      to.println("usage: detect <detection> [args]; detections: " + String.join(", ", DETECTIONS.keySet()));
      return args.length == 0 ? 2 : 0;
    }
    Runner runner = DETECTIONS.get(args[0]);
    if (runner == null) {
      err.println("detect: unknown detection '" + args[0] + "'; expected one of "
          + String.join(", ", DETECTIONS.keySet()));
      return 2;
    }
    return runner.run(Arrays.copyOfRange(args, 1, args.length), out, err);
  }
}
