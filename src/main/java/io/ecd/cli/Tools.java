package io.ecd.cli;

import java.util.Map;
import java.util.TreeMap;

/** The jar's command-line tools by name. */
final class Tools {
  private static final Map<String, Tool> ALL = new TreeMap<>();

  static {
    // one line per tool
    ALL.put("detect", new Detect());
    ALL.put("replay", io.ecd.cli.splunk.Replay.tool());
    ALL.put("train", Train.tool());
    ALL.put("verify", io.ecd.cli.splunk.Verify.tool());
  }

  private Tools() {}

  static Tool find(String name) {
    return ALL.get(name);
  }

  static Iterable<String> names() {
    return ALL.keySet();
  }
}
