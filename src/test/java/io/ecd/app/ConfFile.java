package io.ecd.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Splunk {@code .conf} file read as splunkd reads it: {@code [stanza]} headers, {@code key = value}
 * lines (split at the first {@code =}, both sides trimmed), {@code #} comment lines, a trailing
 * backslash continuing a value on the next line. Settings before the first stanza belong to
 * {@code default}. A later duplicate stanza merges into the earlier one, a later key wins.
 *
 * @param file where it was read from, for messages
 * @param stanzas stanza name to its settings, in file order
 */
record ConfFile(Path file, Map<String, Map<String, String>> stanzas) {

  static ConfFile read(Path file) {
    try {
      return parse(file, Files.readAllLines(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ConfFile parse(Path file, List<String> lines) {
    Map<String, Map<String, String>> stanzas = new LinkedHashMap<>();
    Map<String, String> current = stanzas.computeIfAbsent("default", k -> new LinkedHashMap<>());
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("[")) {
        if (!line.endsWith("]")) {
          throw new IllegalArgumentException(file + ":" + (i + 1) + ": a stanza header must end with ]");
        }
        current = stanzas.computeIfAbsent(line.substring(1, line.length() - 1), k -> new LinkedHashMap<>());
        continue;
      }
      StringBuilder logical = new StringBuilder(line);
      while (logical.length() > 0 && logical.charAt(logical.length() - 1) == '\\' && i + 1 < lines.size()) {
        logical.setLength(logical.length() - 1);
        logical.append('\n').append(lines.get(++i));
      }
      int eq = logical.indexOf("=");
      if (eq < 0) {
        throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected key = value but got '" + line + "'");
      }
      current.put(logical.substring(0, eq).strip(), logical.substring(eq + 1).strip());
    }
    if (stanzas.get("default").isEmpty()) {
      stanzas.remove("default");
    }
    return new ConfFile(file, stanzas);
  }

  /** The settings of {@code stanza}, empty when there is no such stanza. */
  Map<String, String> stanza(String stanza) {
    return stanzas.getOrDefault(stanza, Map.of());
  }

  /** A setting, or null. */
  String get(String stanza, String key) {
    return stanza(stanza).get(key);
  }
}
